import type { Patch } from 'immer';

/** A change as the shared log holds it: numbered by the transport, in one order for every instance. */
export interface SyncMessage {
  /** The position in the shared log (1, 2, 3 ...), assigned by the transport at commit. */
  readonly seq: number;
  /** Unique per change: how an instance recognises its own change in the log. */
  readonly id: string;
  /** The id of the store that made the change. */
  readonly origin: string;
  readonly patches: readonly Patch[];
}

/** The answer to a commit: accepted at `seq`, or refused because the log is already at `seq`. */
export type CommitResult = { readonly committed: true; readonly seq: number } | { readonly committed: false; readonly seq: number };

/** A state saved next to the log so late joiners need not replay it all. */
export interface StoredSnapshot {
  readonly seq: number;
  readonly state: unknown;
}

/**
 * What multi-instance sync needs from a medium: an ordered log with compare-and-set appends, a
 * broadcast of each append, and a place for one snapshot. The transport only moves data: what
 * it hands back is validated by `StateSync`, so a transport can be written for any broker.
 * Methods reject with `StateTransportUnavailableError` when the medium cannot be reached.
 *
 * @example
 * ```ts
 * const transport: StateTransport = new RedisStateTransport({ url: 'redis://127.0.0.1:6379', prefix: 'mybot:state:settings' });
 * ```
 */
export interface StateTransport {
  /** Names the medium in errors (`Redis at 127.0.0.1:6379`). */
  readonly target: string;
  /**
   * Starts delivering every appended message (this instance's too) to `onMessage`, and connection
   * changes to `onStatus`: after `up` following a `down`, messages may have been missed.
   */
  subscribe(onMessage: (message: unknown) => void, onStatus: (status: 'up' | 'down', error?: unknown) => void): Promise<void>;
  /** Appends a change if the log is at `base`; otherwise reports where it is. */
  commit(base: number, message: Omit<SyncMessage, 'seq'>): Promise<CommitResult>;
  /**
   * The messages after `seq`, oldest first, or `undefined` if the log no longer reaches back that
   * far, or has not reached `seq` at all (the medium lost data).
   */
  readSince(seq: number): Promise<readonly unknown[] | undefined>;
  loadSnapshot(): Promise<StoredSnapshot | undefined>;
  /** Keeps the snapshot unless a newer one is already stored. */
  saveSnapshot(snapshot: StoredSnapshot): Promise<void>;
  close(): Promise<void>;
}
