import type { UploadedFile } from '../world/uploaded-file';

/** One REST request the fake served, for read-back in tests. */
export interface RecordedRequest {
  readonly method: string;
  /** Path after `/api/v10` (or `/api/v9`), query excluded. */
  readonly path: string;
  /** Route key, `'POST /channels/{channel_id}/messages'`; undefined for unknown paths. */
  readonly route: string | undefined;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  /** The parsed body (JSON, form fields or multipart `payload_json`). */
  readonly body: unknown;
  readonly files: readonly UploadedFile[];
  /** HTTP status sent; 0 when no answer was sent (a reset fault, or the client left mid-body). */
  readonly status: number;
  /** Decoded `X-Audit-Log-Reason`, when sent. */
  readonly auditLogReason: string | undefined;
  readonly userAgent: string | undefined;
  /** Milliseconds since the Unix epoch. */
  readonly at: number;
}

/** Keeps the newest `capacity` requests so a long benchmark does not grow without bound. */
export class RequestLog {
  private entries: RecordedRequest[] = [];

  public constructor(private readonly capacity: number) {}

  public add(entry: RecordedRequest): void {
    if (this.capacity === 0) return;
    this.entries.push(entry);
    if (this.entries.length > this.capacity * 2) this.entries = this.entries.slice(-this.capacity);
  }

  public all(): RecordedRequest[] {
    return this.entries.length > this.capacity ? this.entries.slice(-this.capacity) : [...this.entries];
  }

  public clear(): void {
    this.entries = [];
  }
}
