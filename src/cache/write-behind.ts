import { CacheWriteBehindError } from './cache-errors';
import { writeManyToTier, type CacheTier, type TierEntry } from './tier';

/** Options of a {@link WriteBehindQueue}. */
export interface WriteBehindOptions {
  /** Milliseconds between background flushes. */
  readonly flushInterval: number;
  /** Pending keys that trigger a flush without waiting for the timer. */
  readonly maxPending: number;
  /** Whether the tier may be tried now (it is skipped while marked down). */
  readonly canFlush: () => Promise<boolean>;
  /** A background flush failed; the writes were kept for the next one. */
  readonly onError: (error: unknown, keys: readonly string[]) => void;
}

/** Entries per `setMany` call: one round trip each, small enough for any server's limits. */
const BATCH = 500;

/**
 * Buffers writes to one tier and applies them in batches (`setMany` when the tier has it). One
 * pending write per key (the latest wins), so a hot key written a thousand times between flushes
 * costs one remote write. A failed flush puts back every write not superseded meanwhile: nothing is
 * dropped until `close()` gives up and names the keys. Deletes are not queued: the slot forgets the
 * key here, waits for a flush in progress (so it cannot land after the delete) and deletes at once.
 */
export class WriteBehindQueue {
  private pending = new Map<string, TierEntry<unknown>>();
  private flushing: Promise<void> | undefined;
  private readonly timer: NodeJS.Timeout;

  public constructor(
    private readonly tier: CacheTier,
    private readonly options: WriteBehindOptions,
  ) {
    this.timer = setInterval(() => void this.backgroundFlush(), options.flushInterval);
    this.timer.unref();
  }

  public get size(): number {
    return this.pending.size;
  }

  /** The write waiting for this key, so reads see it before the tier does. */
  public peek(key: string): TierEntry<unknown> | undefined {
    return this.pending.get(key);
  }

  public enqueue(key: string, entry: TierEntry<unknown>): void {
    // Re-inserting moves the key to the end, so flushes apply writes in write order.
    this.pending.delete(key);
    this.pending.set(key, entry);
    if (this.pending.size >= this.options.maxPending) void this.backgroundFlush();
  }

  /** Drops pending writes of the keys, then waits out a flush already sending older ones. */
  public async forget(keys: Iterable<string>): Promise<void> {
    for (const key of keys) this.pending.delete(key);
    await this.flushing?.catch(() => undefined);
  }

  /** Like `forget`, for every key under a prefix (a namespace being cleared). */
  public async forgetPrefix(prefix: string): Promise<void> {
    for (const key of [...this.pending.keys()]) if (key.startsWith(prefix)) this.pending.delete(key);
    await this.flushing?.catch(() => undefined);
  }

  public dependentsOf(keys: readonly string[]): string[] {
    const wanted = new Set(keys);
    const found: string[] = [];
    for (const [key, entry] of this.pending) if (entry.dependsOn.some((parent) => wanted.has(parent))) found.push(key);
    return found;
  }

  public keysWithTag(tags: readonly string[]): string[] {
    const wanted = new Set(tags);
    const found: string[] = [];
    for (const [key, entry] of this.pending) if (entry.tags.some((tag) => wanted.has(tag))) found.push(key);
    return found;
  }

  /** Applies every pending write now; rejects (keeping them) if the tier fails. */
  public async flush(): Promise<void> {
    while (this.flushing !== undefined) await this.flushing.catch(() => undefined);
    if (this.pending.size === 0) return;
    this.flushing = this.apply();
    try {
      await this.flushing;
    } finally {
      this.flushing = undefined;
    }
  }

  /** Stops the timer and flushes; throws {@link CacheWriteBehindError} naming what could not be written. */
  public async close(): Promise<void> {
    clearInterval(this.timer);
    try {
      await this.flush();
    } catch (error) {
      throw new CacheWriteBehindError(this.tier.name, [...this.pending.keys()], { cause: error });
    }
  }

  private async backgroundFlush(): Promise<void> {
    if (this.flushing !== undefined || this.pending.size === 0) return;
    if (!(await this.options.canFlush())) return;
    try {
      await this.flush();
    } catch (error) {
      this.options.onError(error, [...this.pending.keys()]);
    }
  }

  private async apply(): Promise<void> {
    const batch = [...this.pending];
    this.pending = new Map();
    const failures: unknown[] = [];
    const chunks: Array<Array<[string, TierEntry<unknown>]>> = [];
    for (let start = 0; start < batch.length; start += BATCH) chunks.push(batch.slice(start, start + BATCH));
    await Promise.all(
      chunks.map(async (chunk) => {
        try {
          await writeManyToTier(this.tier, chunk);
        } catch (error) {
          failures.push(error);
          // Put back what was not superseded by a newer write while this one was in flight.
          for (const [key, entry] of chunk) if (!this.pending.has(key)) this.pending.set(key, entry);
        }
      }),
    );
    if (failures.length > 0) throw failures[0];
  }
}
