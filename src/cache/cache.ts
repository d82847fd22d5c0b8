import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { AccessTracker } from './access-tracker';
import { CacheClosedError, CacheInvalidOptionError } from './cache-errors';
import type { CacheEventSource, CacheEvents, CacheInvalidation, CacheSetOptions, TypedEventMap } from './cache-events';
import { assertKey, assertNamespace, DEFAULT_NAMESPACE, fullKey, namespaceOf, resolveRef } from './cache-keys';
import { CacheNamespace, type NamespaceHost } from './cache-namespace';
import { CacheStats, type CacheStatsSnapshot } from './cache-stats';
import type { CacheSync, InvalidationMessage } from './cache-sync';
import { assertList, assertTags, resolveInvalidation } from './invalidation-target';
import { LoadCoalescer } from './load-coalescer';
import { InFlight } from './in-flight';
import { JsonSerializer } from './json-serializer';
import { ReadGuard } from './read-guard';
import { ReadReporter } from './read-reporter';
import { requirePositive } from './require-positive';
import type { CacheSerializer } from './serializer';
import { isHotKeyStore, type CacheTier } from './tier';
import { TierChain } from './tier-chain';
import { TierSlot, type SlotReport, type WriteMode } from './tier-slot';
import { Warmer } from './warmer';

const NONE: readonly string[] = Object.freeze([]);

/** A tier with its write mode; a bare tier is write-through. */
export interface CacheTierConfig {
  readonly tier: CacheTier;
  /** @defaultValue 'through' */
  readonly write?: WriteMode;
}

/** Options of a {@link Cache}. */
export interface CacheOptions {
  /** Fastest first: `[memory, redis, postgres]`. The Cache owns them and closes them on `close()`. */
  readonly tiers: ReadonlyArray<CacheTier | CacheTierConfig>;
  /** Encodes values for byte tiers (Redis, PostgreSQL). @defaultValue new JsonSerializer() */
  readonly serializer?: CacheSerializer;
  /** Milliseconds to live of entries set without a `ttl` in a namespace without one. @defaultValue no expiry */
  readonly ttl?: number;
  /** Tells other processes which keys changed, so their memory tiers drop them (see `RedisSync`). */
  readonly sync?: CacheSync;
  /** How long a failed tier is skipped before it is tried again. @defaultValue 5000 */
  readonly tierRetryDelay?: number;
  /** Write-behind batching. @defaultValue flush every 100 ms or at 1000 pending keys */
  readonly writeBehind?: { readonly flushInterval?: number; readonly maxPending?: number };
  /** Invalidations remembered for a down tier before recovery clears it instead. @defaultValue 10_000 */
  readonly maxPendingInvalidations?: number;
  /**
   * Access counting for warming: keys tracked, one read counted in `sampleEvery`, and how often
   * counts are saved to tiers that remember them (`RedisTier`).
   * @defaultValue 10_000 tracked keys, every 4th read counted, saved every 30 s
   */
  readonly warming?: { readonly maxTrackedKeys?: number; readonly sampleEvery?: number; readonly persistInterval?: number };
  /** Clock in epoch milliseconds. @defaultValue Date.now */
  readonly now?: () => number;
}

/**
 * A multi-tier cache: reads go down the tiers until one has the key and fill the tiers above;
 * writes go to every tier (write-through or write-behind per tier). Tags, dependency cascades,
 * cross-instance invalidation, load coalescing, stats and warming sit on top. When a lower tier
 * dies, reads and writes go on with the others and `tierDown` reports it.
 *
 * Its own `get`/`set`/... use the `default` namespace; `namespace(name)` gives the others.
 *
 * @example
 * ```ts
 * const cache = new Cache({ tiers: [new MemoryTier({ maxEntries: 50_000 }), new RedisTier({ url })] });
 * const user = await cache.getOrSet(`user:${id}`, () => rest.get(Routes.user(id)), { ttl: 60_000 });
 * await cache.invalidateTag(`guild:${guildId}`);
 * ```
 */
export class Cache extends EventEmitter<CacheEvents> {
  /** Identifies this instance in sync messages. */
  public readonly instanceId = randomUUID();
  private readonly chain: TierChain;
  private readonly warmer: Warmer;
  private readonly defaultTtl: number | undefined;
  private readonly now: () => number;
  private readonly sync: CacheSync | undefined;
  private readonly statistics: CacheStats;
  private readonly tracker: AccessTracker;
  private readonly reads = new ReadGuard();
  private readonly inFlight = new InFlight();
  private readonly namespaces = new Map<string, CacheNamespace>();
  private readonly loads = new LoadCoalescer();
  private readonly background = new Set<Promise<void>>();
  private readonly detachers = new Set<() => void>();
  private readonly persistTimer: NodeJS.Timeout;
  private readonly host: NamespaceHost;
  private readonly defaults: CacheNamespace;
  private readonly subscribed: Promise<void>;
  private remoteChain: Promise<void> = Promise.resolve();
  private closed = false;
  private closing: Promise<void> | undefined;

  public constructor(options: CacheOptions) {
    super();
    if (!Array.isArray(options.tiers) || options.tiers.length === 0) {
      throw new CacheInvalidOptionError('tiers', options.tiers, 'a non-empty array of tiers, fastest first');
    }
    this.now = options.now ?? Date.now;
    this.defaultTtl = options.ttl === undefined ? undefined : requirePositive('ttl', options.ttl);
    this.sync = options.sync;
    const names = new Set<string>();
    const slots = options.tiers.map((item) => {
      const config: CacheTierConfig = 'tier' in item ? item : { tier: item };
      if (names.has(config.tier.name)) {
        throw new CacheInvalidOptionError('tiers', config.tier.name, 'tiers with distinct names (pass `name` to one of them)');
      }
      names.add(config.tier.name);
      return new TierSlot(config.tier, {
        mode: config.write ?? 'through',
        retryDelay: requirePositive('tierRetryDelay', options.tierRetryDelay ?? 5_000),
        flushInterval: requirePositive('writeBehind.flushInterval', options.writeBehind?.flushInterval ?? 100),
        maxWriteBehind: requirePositive('writeBehind.maxPending', options.writeBehind?.maxPending ?? 1_000),
        maxPendingInvalidations: requirePositive('maxPendingInvalidations', options.maxPendingInvalidations ?? 10_000),
        now: this.now,
        report: (report) => this.onSlotReport(report),
      });
    });
    this.statistics = new CacheStats([...names]);
    this.chain = new TierChain(slots, options.serializer ?? new JsonSerializer(), this.statistics, new ReadReporter(this.statistics, this), this.reads, this.inFlight, this.now, (error) =>
      this.emit('backgroundError', { source: 'decode', error }),
    );
    for (const slot of slots) {
      slot.tier.onEviction?.((key, reason) => {
        this.statistics.eviction(slot.tier.name);
        this.emit('evicted', { tier: slot.tier.name, key, namespace: namespaceOf(key), reason });
      });
    }
    this.tracker = new AccessTracker(
      requirePositive('warming.maxTrackedKeys', options.warming?.maxTrackedKeys ?? 10_000),
      Math.round(requirePositive('warming.sampleEvery', options.warming?.sampleEvery ?? 4)),
      slots.some((slot) => isHotKeyStore(slot.tier)),
    );
    this.warmer = new Warmer(this.chain, this.tracker, (error) => this.emit('backgroundError', { source: 'warming', error }));
    this.persistTimer = setInterval(
      () => this.track(this.warmer.persist(), 'warming'),
      requirePositive('warming.persistInterval', options.warming?.persistInterval ?? 30_000),
    );
    this.persistTimer.unref();
    this.host = {
      read: (namespace, key) => this.read(namespace, key),
      write: (namespace, key, value, setOptions, ttl) => this.guard(() => this.write(namespace, key, value, setOptions, ttl)),
      load: (namespace, key, loader, setOptions, ttl) => this.load(namespace, key, loader, setOptions, ttl),
      invalidate: (namespace, what) => this.guard(() => this.invalidateIn(namespace, what)),
      clear: (prefix) => this.guard(() => this.clearPrefix(prefix)),
      warm: (namespace, limit) => this.guard(() => this.warmNamespace(namespace, limit)),
      listen: (namespace, source, event, select) => this.listen(namespace, source, event, select),
    };
    this.defaults = this.namespace(DEFAULT_NAMESPACE);
    this.subscribed =
      this.sync === undefined
        ? Promise.resolve()
        : this.sync.subscribe((message) => this.onRemote(message), () => this.onMissed()).catch((error: unknown) => {
            this.emit('backgroundError', { source: 'sync', error });
          });
  }

  /** Resolves once cross-instance sync (if any) is listening. */
  public ready(): Promise<void> {
    return this.subscribed;
  }

  /**
   * The namespace of that name, created on first use with its default `ttl`. Asking again with a
   * different `ttl` throws: two parts of a bot disagreeing on a namespace's TTL is a bug.
   *
   * @example
   * ```ts
   * const guilds = cache.namespace('guilds', { ttl: 10 * 60_000 });
   * ```
   */
  public namespace(name: string, options: { readonly ttl?: number } = {}): CacheNamespace {
    assertNamespace(name);
    const existing = this.namespaces.get(name);
    if (existing !== undefined) {
      if (options.ttl !== undefined && options.ttl !== existing.ttl) {
        throw new CacheInvalidOptionError(`ttl of namespace "${name}"`, options.ttl, `${String(existing.ttl)} as when the namespace was first asked for`);
      }
      return existing;
    }
    const ttl = options.ttl === undefined ? this.defaultTtl : requirePositive('ttl', options.ttl);
    const namespace = new CacheNamespace(name, this.host, ttl);
    this.namespaces.set(name, namespace);
    return namespace;
  }

  /** {@link CacheNamespace.get} in the `default` namespace. */
  public get<T>(key: string): Promise<T | undefined> {
    return this.defaults.get<T>(key);
  }

  /** {@link CacheNamespace.set} in the `default` namespace. */
  public set<T>(key: string, value: T, options?: CacheSetOptions): Promise<void> {
    return this.defaults.set(key, value, options);
  }

  /** {@link CacheNamespace.getOrSet} in the `default` namespace. */
  public getOrSet<T>(key: string, loader: () => T | Promise<T>, options?: CacheSetOptions): Promise<T> {
    return this.defaults.getOrSet(key, loader, options);
  }

  /** {@link CacheNamespace.delete} in the `default` namespace. */
  public delete(keys: string | readonly string[]): Promise<void> {
    return this.defaults.delete(keys);
  }

  /** Invalidates keys (plain strings are in `default`) and tags, with their dependents. */
  public invalidate(what: CacheInvalidation): Promise<void> {
    return this.defaults.invalidate(what);
  }

  /** Invalidates every entry carrying any of the tags, in every namespace and tier, with dependents. */
  public invalidateTag(tags: string | readonly string[]): Promise<void> {
    return this.defaults.invalidate({ tags: typeof tags === 'string' ? [tags] : tags });
  }

  /** Deletes every entry of every namespace from every tier. */
  public clear(): Promise<void> {
    return this.clearPrefix('');
  }

  /** Warms a namespace: see {@link CacheNamespace.warm}. */
  public warm(namespace: string, options: { readonly limit?: number } = {}): Promise<number> {
    return this.namespace(namespace).warm(options);
  }

  /**
   * Invalidates what `select` returns each time `source` emits `event`; returns a function that
   * stops listening. Failures are reported as `backgroundError`, never thrown into the emitter.
   *
   * @example
   * ```ts
   * cache.invalidateOn(client, 'GUILD_UPDATE', (guild: { id: string }) => ({ tags: [`guild:${guild.id}`] }));
   * ```
   */
  public invalidateOn<M extends TypedEventMap<M>, K extends keyof M & (string | symbol)>(
    source: EventEmitter<M>,
    event: K,
    select: (...args: M[K]) => CacheInvalidation | undefined,
  ): () => void;
  public invalidateOn<E extends string | symbol, Args extends unknown[]>(
    // NoInfer: the event name and the selector decide E and Args; a source typed for many events
    // (like the Client) must not widen them to the union of all its events.
    source: CacheEventSource<NoInfer<E>, NoInfer<Args>>,
    event: E,
    select: (...args: Args) => CacheInvalidation | undefined,
  ): () => void;
  public invalidateOn(
    source: CacheEventSource<string | symbol, unknown[]>,
    event: string | symbol,
    select: (...args: unknown[]) => CacheInvalidation | undefined,
  ): () => void {
    return this.defaults.invalidateOn(source, event, select);
  }

  /** Hits, misses and ratios per namespace and tier, evictions, outages and loader timings. */
  public stats(): CacheStatsSnapshot {
    return this.statistics.snapshot((name) => this.chain.isDown(name));
  }

  /** Writes every pending write-behind change now; rejects if a tier refuses them (they stay queued). */
  public async flush(): Promise<void> {
    for (const slot of this.chain.slots) await slot.queue?.flush();
  }

  /** Resolves when background work started so far (event invalidations, sync messages) is done. */
  public async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.all([...this.background]);
    await this.remoteChain;
  }

  /**
   * Stops listening, refuses new calls (`CacheClosedError`), waits for calls already using the tiers
   * to finish (not for `getOrSet` loaders: their callers get the value, it is just not stored), flushes
   * write-behind queues, saves access counts and closes every tier and the sync channel. Rejects with `CacheWriteBehindError` if queued writes could not be flushed, after
   * closing everything else. A second call shares the first one's outcome instead of closing the
   * tiers twice.
   *
   * @example
   * ```ts
   * process.once('SIGTERM', () => void cache.close());
   * ```
   */
  public close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    clearInterval(this.persistTimer);
    for (const detach of [...this.detachers]) detach();
    // Calls made before close() finish against open tiers: closing a tier under a write would lose
    // it, and the tier's refusal would be reported as an outage. New calls are refused meanwhile.
    await this.idle();
    await this.inFlight.drain();
    await this.warmer.persist();
    this.closed = true;
    const failures = await this.chain.close();
    try {
      await this.sync?.close();
    } catch (error) {
      failures.push(error);
    }
    if (failures.length > 0) throw failures[0];
  }

  private read(namespace: string, key: string, from = 0): Promise<unknown> {
    // Not `async`, to spare memory hits a promise; bad input must still reject, not throw.
    try {
      this.assertOpen();
      assertKey(key);
    } catch (error) {
      return Promise.reject(error);
    }
    const stored = fullKey(namespace, key);
    if (from === 0) this.tracker.record(stored);
    return this.chain.read(namespace, stored, from);
  }

  private async write(
    namespace: string,
    key: string,
    value: unknown,
    options: CacheSetOptions | undefined,
    namespaceTtl: number | undefined,
  ): Promise<void> {
    this.assertOpen();
    assertKey(key);
    if (value === undefined) {
      throw new CacheInvalidOptionError('value', value, 'defined (undefined means "not cached"; cache null for "known to be absent")');
    }
    const stored = fullKey(namespace, key);
    const ttl = options?.ttl === undefined ? namespaceTtl : requirePositive('ttl', options.ttl);
    assertList('tags', options?.tags);
    assertList('dependsOn', options?.dependsOn);
    // Most entries have neither: sharing one frozen empty list saves two arrays per cached value.
    const tags = options?.tags === undefined || options.tags.length === 0 ? NONE : [...options.tags];
    assertTags(tags);
    const dependsOn =
      options?.dependsOn === undefined || options.dependsOn.length === 0 ? NONE : options.dependsOn.map((ref) => resolveRef(namespace, ref));
    const bytes = this.chain.encode(stored, value);
    const entry = { tags, dependsOn, ...(ttl === undefined ? {} : { expiresAt: this.now() + ttl }) };
    this.markStale([stored]);
    const [dependents] = await Promise.all([
      // Entries derived from the old value are stale once the key changes.
      this.chain.closure([stored]),
      this.chain.write(stored, entry, value, bytes),
    ]);
    dependents.delete(stored);
    if (dependents.size > 0) {
      this.markStale(dependents);
      await this.chain.remove(dependents);
    }
    await this.publish({ keys: [stored, ...dependents], tags: [], prefixes: [] });
  }

  private load(
    namespace: string,
    key: string,
    loader: () => unknown,
    options: CacheSetOptions | undefined,
    namespaceTtl: number | undefined,
  ): Promise<unknown> {
    // Not `async`, like `read`: a memory hit is most calls.
    try {
      this.assertOpen();
      assertKey(key);
    } catch (error) {
      return Promise.reject(error);
    }
    const stored = fullKey(namespace, key);
    this.tracker.record(stored);
    const top = this.chain.readTop(namespace, stored);
    if (typeof top !== 'number') return Promise.resolve(top.value);
    const joined = this.join(namespace, stored);
    if (joined !== undefined) return joined;
    // The lower tiers are read once for every concurrent caller, not only the loader run: a hot key
    // evicted from memory would otherwise send a burst of identical reads to Redis or PostgreSQL.
    return this.loads.run(stored, async (isStale) => {
      await Promise.resolve(); // registers the flight before anything runs, so callers in this tick join it
      const cached = await this.chain.readBelow(namespace, stored, 0, top);
      if (cached !== undefined) return cached;
      return this.runLoader(namespace, key, loader, options, namespaceTtl, isStale);
    });
  }

  private join(namespace: string, stored: string): Promise<unknown> | undefined {
    const running = this.loads.join(stored);
    if (running !== undefined) this.statistics.coalesced(namespace);
    return running;
  }

  private async runLoader(
    namespace: string,
    key: string,
    loader: () => unknown,
    options: CacheSetOptions | undefined,
    namespaceTtl: number | undefined,
    isStale: () => boolean,
  ): Promise<unknown> {
    const started = performance.now();
    let value: unknown;
    try {
      value = await loader();
    } catch (error) {
      this.statistics.load(namespace, performance.now() - started, true);
      throw error;
    }
    this.statistics.load(namespace, performance.now() - started, false);
    // Invalidated while loading: the loaded value may predate the change, so hand it out but keep it out.
    // Closed while loading: the caller still gets what it waited for; there is nowhere left to keep it.
    if (value !== undefined && !isStale() && this.closing === undefined) {
      await this.guard(() => this.write(namespace, key, value, options, namespaceTtl));
    }
    return value;
  }

  private async invalidateIn(namespace: string, what: CacheInvalidation): Promise<void> {
    this.assertOpen();
    const { keys, tags } = resolveInvalidation(namespace, what);
    if (keys.length === 0 && tags.length === 0) return;
    const roots = await this.chain.keysWithTag(tags);
    for (const key of keys) roots.add(key);
    const doomed = await this.chain.closure(roots);
    this.markStale(doomed);
    await this.chain.remove(doomed);
    this.emit('invalidated', { keys: [...doomed], tags, remote: false });
    await this.publish({ keys: [...doomed], tags, prefixes: [] });
  }

  private async clearPrefix(prefix: string): Promise<void> {
    this.assertOpen();
    this.markStalePrefix(prefix);
    await this.chain.clear(prefix);
    await this.publish({ keys: [], tags: [], prefixes: [prefix] });
  }

  private markStalePrefix(prefix: string): void {
    this.reads.changedPrefix(prefix);
    this.loads.markStalePrefix(prefix);
  }

  private markStale(keys: Iterable<string>): void {
    this.reads.changed(keys);
    this.loads.markStale(keys);
  }

  private async publish(message: Omit<InvalidationMessage, 'origin'>): Promise<void> {
    if (this.sync === undefined) return;
    try {
      await this.sync.publish({ origin: this.instanceId, ...message });
    } catch (error) {
      // The local change stands; other instances catch up when their memory TTL runs out.
      this.emit('backgroundError', { source: 'sync', error });
    }
  }

  private onRemote(message: InvalidationMessage): void {
    if (message.origin === this.instanceId || this.closing !== undefined) return;
    const applied = this.remoteChain.then(() => this.applyRemote(message));
    this.remoteChain = applied.catch((error: unknown) => {
      this.emit('backgroundError', { source: 'sync', error });
    });
  }

  private onMissed(): void {
    if (this.closing !== undefined) return;
    // In line with remote messages, so a message heard after the gap is applied after the clear.
    const cleared = this.remoteChain.then(() => this.resync());
    this.remoteChain = cleared.catch((error: unknown) => {
      this.emit('backgroundError', { source: 'sync', error });
    });
  }

  private async resync(): Promise<void> {
    if (this.closed) return;
    this.markStalePrefix('');
    await this.chain.clear('', 'local');
    this.emit('resynced', { tiers: this.chain.localTierNames() });
  }

  private async applyRemote(message: InvalidationMessage): Promise<void> {
    if (this.closed) return;
    for (const prefix of message.prefixes) {
      this.markStalePrefix(prefix);
      await this.chain.clear(prefix, 'local');
    }
    const roots = await this.chain.keysWithTag(message.tags, 'local');
    for (const key of message.keys) roots.add(key);
    const doomed = await this.chain.closure(roots, 'local');
    this.markStale(doomed);
    await this.chain.remove(doomed, 'local');
    this.emit('invalidated', { keys: [...doomed], tags: message.tags, remote: true });
  }

  private listen<E extends string | symbol, Args extends unknown[]>(
    namespace: string,
    source: CacheEventSource<E, Args>,
    event: E,
    select: (...args: Args) => CacheInvalidation | undefined,
  ): () => void {
    this.assertOpen();
    const listener = (...args: Args): void => {
      if (this.closing !== undefined) return;
      this.track(
        (async () => {
          const what = select(...args);
          if (what !== undefined) await this.invalidateIn(namespace, what);
        })(),
        'event',
      );
    };
    source.on(event, listener);
    const detach = (): void => {
      source.off(event, listener);
      this.detachers.delete(detach);
    };
    this.detachers.add(detach);
    return detach;
  }

  private warmNamespace(namespace: string, limit: number): Promise<number> {
    this.assertOpen();
    return this.warmer.warm(namespace, requirePositive('limit', limit));
  }

  private track(work: Promise<void>, source: 'event' | 'warming'): void {
    const tracked = work
      .catch((error: unknown) => {
        this.emit('backgroundError', { source, error });
      })
      .finally(() => this.background.delete(tracked));
    this.background.add(tracked);
  }

  private onSlotReport(report: SlotReport): void {
    switch (report.type) {
      case 'down':
        this.statistics.error(report.tier);
        this.emit('tierDown', { tier: report.tier, operation: report.operation, error: report.error });
        return;
      case 'up':
        this.emit('tierUp', { tier: report.tier });
        return;
      case 'corrupt':
        this.emit('backgroundError', { source: 'decode', error: report.error });
        return;
      case 'writeBehindError':
        this.emit('backgroundError', { source: 'write-behind', error: report.error });
        return;
    }
  }

  /** Runs a call that uses the tiers, refused once `close()` started and awaited by it. */
  private guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      this.assertOpen();
    } catch (error) {
      return Promise.reject(error);
    }
    return this.inFlight.add(call());
  }

  private assertOpen(): void {
    if (this.closing !== undefined) throw new CacheClosedError('The Cache');
  }
}
