import { CacheWriteBehindError } from './cache-errors';
import { writeToTier, type CacheTier, type TierEntry } from './tier';

type Pending<V> = { readonly kind: 'set'; readonly entry: TierEntry<V> } | { readonly kind: 'delete' };

/** Options of a {@link WriteBehindQueue}. */
export interface WriteBehindOptions {
  /** Milliseconds between background flushes. */
  readonly flushInterval: number;
  /** Pending keys that trigger a flush without waiting for the timer. */
  readonly maxPending: number;
  /** Whether the tier may be tried now (it is skipped while marked down). */
  readonly canFlush: () => Promise<boolean>;
  /** A background flush failed; the changes were kept for the next one. */
  readonly onError: (error: unknown, keys: readonly string[]) => void;
}

/**
 * Buffers writes to one tier and applies them in batches. One pending change per key (the latest
 * wins), so a hot key written a thousand times between flushes costs one remote write. A failed
 * flush puts back every change not superseded meanwhile: nothing is dropped until `close()` gives
 * up and names the keys.
 */
export class WriteBehindQueue {
  private pending = new Map<string, Pending<unknown>>();
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

  /** The change waiting for this key, so reads see it before the tier does. */
  public peek(key: string): Pending<unknown> | undefined {
    return this.pending.get(key);
  }

  public enqueueSet(key: string, entry: TierEntry<unknown>): void {
    // Re-inserting moves the key to the end, so flushes apply changes in write order.
    this.pending.delete(key);
    this.pending.set(key, { kind: 'set', entry });
    if (this.pending.size >= this.options.maxPending) void this.backgroundFlush();
  }

  /** Drops pending writes of the keys; the caller deletes them from the tier directly. */
  public forget(keys: Iterable<string>): void {
    for (const key of keys) this.pending.delete(key);
  }

  /** Drops pending writes under a prefix (a namespace being cleared). */
  public forgetPrefix(prefix: string): void {
    for (const key of [...this.pending.keys()]) if (key.startsWith(prefix)) this.pending.delete(key);
  }

  public dependentsOf(keys: readonly string[]): string[] {
    const wanted = new Set(keys);
    const found: string[] = [];
    for (const [key, change] of this.pending) {
      if (change.kind === 'set' && change.entry.dependsOn.some((parent) => wanted.has(parent))) found.push(key);
    }
    return found;
  }

  public keysWithTag(tags: readonly string[]): string[] {
    const wanted = new Set(tags);
    const found: string[] = [];
    for (const [key, change] of this.pending) {
      if (change.kind === 'set' && change.entry.tags.some((tag) => wanted.has(tag))) found.push(key);
    }
    return found;
  }

  /** Applies every pending change now; rejects (keeping them) if the tier fails. */
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
    const batch = this.pending;
    this.pending = new Map();
    const failures: unknown[] = [];
    const putBack = (key: string, change: Pending<unknown>): void => {
      if (!this.pending.has(key)) this.pending.set(key, change);
    };
    await Promise.all(
      [...batch].map(async ([key, change]) => {
        try {
          if (change.kind === 'set') await writeToTier(this.tier, key, change.entry);
          else await this.tier.delete([key]);
        } catch (error) {
          failures.push(error);
          putBack(key, change);
        }
      }),
    );
    if (failures.length > 0) throw failures[0];
  }
}
