import { CacheCorruptEntryError } from './cache-errors';
import { dependencyClosure } from './dependency-closure';
import { fillTier, writeToTier, type CacheTier, type TierEntry } from './tier';
import { WriteBehindQueue } from './write-behind';

/** Asked of a tier to see whether it answers; no stored key starts with `:` (namespaces are non-empty). */
const PROBE_KEY = ':oven:probe';

/** How a tier receives writes: at once (`through`) or batched in the background (`behind`). */
export type WriteMode = 'through' | 'behind';

/** What a slot reports to its Cache. */
export type SlotReport =
  | { readonly type: 'down'; readonly tier: string; readonly operation: string; readonly error: unknown }
  | { readonly type: 'up'; readonly tier: string }
  | { readonly type: 'corrupt'; readonly tier: string; readonly error: CacheCorruptEntryError }
  | { readonly type: 'writeBehindError'; readonly tier: string; readonly error: unknown; readonly keys: readonly string[] };

export interface SlotOptions {
  readonly mode: WriteMode;
  readonly retryDelay: number;
  readonly flushInterval: number;
  readonly maxWriteBehind: number;
  /** Past this many remembered invalidations, recovery clears the whole tier instead. */
  readonly maxPendingInvalidations: number;
  readonly now: () => number;
  readonly report: (report: SlotReport) => void;
}

/** The result of reading one tier: found, absent, or not asked because the tier is down. */
export type SlotRead =
  | { readonly status: 'hit'; readonly entry: TierEntry<unknown> }
  | { readonly status: 'miss' }
  | { readonly status: 'skipped' };

/**
 * One tier inside a Cache, with its health. When the tier fails, it is marked down and skipped
 * until `retryDelay` passes; every invalidation it misses meanwhile is remembered and replayed
 * (with its dependency cascade) before the tier serves reads again, so a tier that comes back
 * never serves a value that was invalidated while it was away.
 */
export class TierSlot {
  public readonly queue: WriteBehindQueue | undefined;
  private down = false;
  private retryAt = 0;
  private recovering: Promise<boolean> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly pendingKeys = new Set<string>();
  private readonly pendingTags = new Set<string>();
  private readonly pendingPrefixes = new Set<string>();

  public constructor(
    public readonly tier: CacheTier,
    private readonly options: SlotOptions,
  ) {
    this.queue =
      options.mode === 'behind'
        ? new WriteBehindQueue(tier, {
            flushInterval: options.flushInterval,
            maxPending: options.maxWriteBehind,
            canFlush: () => this.available(),
            onError: (error, keys) => {
              this.markDown('write-behind flush', error);
              options.report({ type: 'writeBehindError', tier: tier.name, error, keys });
            },
          })
        : undefined;
  }

  public get isDown(): boolean {
    return this.down;
  }

  /** Whether the tier may be used now; past the retry delay, tries to bring it back first. */
  public available(): Promise<boolean> {
    if (!this.down) return Promise.resolve(true);
    if (this.options.now() < this.retryAt) return Promise.resolve(false);
    this.recovering ??= this.recover().finally(() => (this.recovering = undefined));
    return this.recovering;
  }

  /**
   * The read without awaiting, for healthy tiers that offer `getSync` and keys with no queued
   * write; `undefined` when the asynchronous path is needed.
   */
  public readSync(key: string): SlotRead | undefined {
    const tier = this.tier;
    if (tier.encoding !== 'value' || tier.getSync === undefined || this.down || this.queue?.peek(key) !== undefined) {
      return undefined;
    }
    const entry = tier.getSync(key);
    return entry === undefined ? { status: 'miss' } : { status: 'hit', entry };
  }

  public async read(key: string): Promise<SlotRead> {
    const queued = this.queue?.peek(key);
    if (queued !== undefined) return { status: 'hit', entry: queued };
    if (this.down && !(await this.available())) return { status: 'skipped' };
    try {
      const entry = await this.tier.get(key);
      return entry === undefined ? { status: 'miss' } : { status: 'hit', entry };
    } catch (error) {
      if (error instanceof CacheCorruptEntryError) {
        this.options.report({ type: 'corrupt', tier: this.tier.name, error });
        await this.remove([key]);
        return { status: 'miss' };
      }
      this.markDown('get', error);
      return { status: 'skipped' };
    }
  }

  /** Writes (or queues) the entry; a failed write leaves an invalidation to replay, never a stale value. */
  public async write(key: string, entry: TierEntry<unknown>): Promise<void> {
    if (this.queue !== undefined) {
      this.queue.enqueue(key, entry);
      return;
    }
    if (!(await this.available())) {
      this.remember([key]);
      return;
    }
    try {
      await writeToTier(this.tier, key, entry);
    } catch (error) {
      this.markDown('set', error);
      this.remember([key]);
    }
  }

  /**
   * Copies an entry read from a lower tier into this one. A shared tier that can is filled only
   * where it holds nothing, so a slow read never overwrites what another process wrote meanwhile.
   */
  public async fill(key: string, entry: TierEntry<unknown>): Promise<void> {
    if (!this.tier.shared || this.tier.setIfAbsent === undefined) return this.write(key, entry);
    // Down: nothing to remember, since no newer value is being withheld; the copy is just skipped.
    if (!(await this.available())) return;
    try {
      await fillTier(this.tier, key, entry);
    } catch (error) {
      this.markDown('set', error);
    }
  }

  public async remove(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.queue?.forget(keys);
    if (!(await this.available())) {
      this.remember(keys);
      return;
    }
    try {
      await this.tier.delete(keys);
    } catch (error) {
      this.markDown('delete', error);
      this.remember(keys);
    }
  }

  public async clear(prefix: string): Promise<void> {
    await this.queue?.forgetPrefix(prefix);
    if (!(await this.available())) {
      this.pendingPrefixes.add(prefix);
      return;
    }
    try {
      await this.tier.clear(prefix);
    } catch (error) {
      this.markDown('clear', error);
      this.pendingPrefixes.add(prefix);
    }
  }

  /** Dependents known to this tier (and its pending writes); a down tier answers none. */
  public async dependentsOf(keys: readonly string[]): Promise<string[]> {
    const queued = this.queue?.dependentsOf(keys) ?? [];
    if (!(await this.available())) return queued;
    try {
      return [...queued, ...(await this.tier.dependentsOf(keys))];
    } catch (error) {
      this.markDown('dependentsOf', error);
      return queued;
    }
  }

  /** Keys carrying the tags; a down tier remembers the tags to invalidate once it is back. */
  public async keysWithTag(tags: readonly string[]): Promise<string[]> {
    const queued = this.queue?.keysWithTag(tags) ?? [];
    if (!(await this.available())) {
      for (const tag of tags) this.pendingTags.add(tag);
      return queued;
    }
    try {
      return [...queued, ...(await this.tier.keysWithTag(tags))];
    } catch (error) {
      this.markDown('keysWithTag', error);
      for (const tag of tags) this.pendingTags.add(tag);
      return queued;
    }
  }

  /** Flushes write-behind (if any), then closes the tier; the flush error wins over close errors. */
  public async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    let failure: unknown;
    try {
      await this.queue?.close();
    } catch (error) {
      failure = error;
    }
    try {
      await this.tier.close();
    } catch (error) {
      // The same outage usually breaks both; the unflushed keys are what the caller must not lose.
      if (failure === undefined) throw error;
    }
    if (failure !== undefined) throw failure;
  }

  private remember(keys: readonly string[]): void {
    for (const key of keys) this.pendingKeys.add(key);
    if (this.pendingKeys.size > this.options.maxPendingInvalidations) {
      // Remembering every key of a long outage would be the leak; clearing the tier is correct too.
      this.pendingKeys.clear();
      this.pendingTags.clear();
      this.pendingPrefixes.clear();
      this.pendingPrefixes.add('');
    }
  }

  private markDown(operation: string, error: unknown): void {
    this.retryAt = this.options.now() + this.options.retryDelay;
    if (this.down) return;
    this.down = true;
    this.options.report({ type: 'down', tier: this.tier.name, operation, error });
    this.scheduleRetry();
  }

  /**
   * Tries the tier again after the retry delay even if no call reaches it (a bot whose reads all
   * hit memory), so its recovery is reported and its missed invalidations replayed without waiting
   * for traffic. Repeats while it stays down; unref()ed, and cleared on close.
   */
  private scheduleRetry(): void {
    if (this.closed || this.retryTimer !== undefined) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.closed || !this.down) return;
      void this.available().then((up) => {
        if (!up) this.scheduleRetry();
      });
    }, this.options.retryDelay);
    this.retryTimer.unref();
  }

  private async recover(): Promise<boolean> {
    try {
      // With nothing missed there would be nothing to send: without a probe, a tier that is still
      // dead would be reported up, fail the next call and be reported down again at every retry.
      await this.tier.get(PROBE_KEY);
      const prefixes = [...this.pendingPrefixes];
      for (const prefix of prefixes) await this.tier.clear(prefix);
      const tags = [...this.pendingTags];
      const roots = new Set(this.pendingKeys);
      if (tags.length > 0) for (const key of await this.tier.keysWithTag(tags)) roots.add(key);
      const doomed = await dependencyClosure(roots, (keys) => this.tier.dependentsOf(keys));
      if (doomed.size > 0) await this.tier.delete([...doomed]);
      // Only what was replayed is forgotten: invalidations that arrived during recovery stay queued.
      for (const prefix of prefixes) this.pendingPrefixes.delete(prefix);
      for (const tag of tags) this.pendingTags.delete(tag);
      for (const key of roots) this.pendingKeys.delete(key);
      if (this.pendingKeys.size + this.pendingTags.size + this.pendingPrefixes.size > 0) return this.recover();
      this.down = false;
      this.options.report({ type: 'up', tier: this.tier.name });
      return true;
    } catch {
      this.retryAt = this.options.now() + this.options.retryDelay;
      return false;
    }
  }
}
