import { decodeStateJson, encodeStateJson } from './json-codec';
import type { CommitResult, StateTransport, StoredSnapshot, SyncMessage } from './transport';

/**
 * The shared log and snapshot that {@link MemoryStateTransport}s of one process meet on.
 * Messages are encoded as JSON on the way through, as over a network.
 */
export class MemoryStateHub {
  private readonly log: string[] = [];
  private snapshot: { seq: number; text: string } | undefined;
  private readonly listeners = new Set<(text: string) => void>();

  public constructor(
    /** How many messages the log keeps; older ones need the snapshot. @defaultValue 1000 */
    private readonly logLimit = 1_000,
  ) {}

  /** The number of the last appended message. */
  public seq = 0;

  public append(base: number, message: Omit<SyncMessage, 'seq'>): CommitResult {
    if (base !== this.seq) return { committed: false, seq: this.seq };
    this.seq += 1;
    const text = encodeStateJson({ ...message, seq: this.seq });
    this.log.push(text);
    if (this.log.length > this.logLimit) this.log.splice(0, this.log.length - this.logLimit);
    // Delivered on a later tick, like a broker, so a commit's answer may arrive before or after it.
    for (const listener of [...this.listeners]) queueMicrotask(() => listener(text));
    return { committed: true, seq: this.seq };
  }

  public since(seq: number): unknown[] | undefined {
    const messages = this.log.map((text) => decodeStateJson(text) as SyncMessage);
    const first = messages[0]?.seq ?? this.seq + 1;
    if (seq > this.seq || (seq < this.seq && first > seq + 1)) return undefined;
    return messages.filter((message) => message.seq > seq);
  }

  public listen(listener: (text: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  public saveSnapshot(snapshot: StoredSnapshot): void {
    if (this.snapshot !== undefined && this.snapshot.seq >= snapshot.seq) return;
    this.snapshot = { seq: snapshot.seq, text: encodeStateJson(snapshot.state) };
  }

  public loadSnapshot(): StoredSnapshot | undefined {
    return this.snapshot === undefined ? undefined : { seq: this.snapshot.seq, state: decodeStateJson(this.snapshot.text) };
  }
}

/**
 * Sync between stores of one process (workers sharing a hub, or tests), with the same semantics
 * as the Redis transport.
 *
 * @example
 * ```ts
 * const hub = new MemoryStateHub();
 * const a = new StateSync(storeA, new MemoryStateTransport(hub));
 * const b = new StateSync(storeB, new MemoryStateTransport(hub));
 * ```
 */
export class MemoryStateTransport implements StateTransport {
  public readonly target = 'an in-memory hub';
  private stop: (() => void) | undefined;

  public constructor(private readonly hub: MemoryStateHub) {}

  public async subscribe(onMessage: (message: unknown) => void): Promise<void> {
    this.stop?.();
    this.stop = this.hub.listen((text) => onMessage(decodeStateJson(text)));
  }

  public async commit(base: number, message: Omit<SyncMessage, 'seq'>): Promise<CommitResult> {
    return this.hub.append(base, message);
  }

  public async readSince(seq: number): Promise<readonly unknown[] | undefined> {
    return this.hub.since(seq);
  }

  public async loadSnapshot(): Promise<StoredSnapshot | undefined> {
    return this.hub.loadSnapshot();
  }

  public async saveSnapshot(snapshot: StoredSnapshot): Promise<void> {
    this.hub.saveSnapshot(snapshot);
  }

  public async close(): Promise<void> {
    this.stop?.();
    this.stop = undefined;
  }
}
