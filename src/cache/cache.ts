import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { AccessTracker } from './access-tracker';
import { admitRead } from './admit-read';
import { BackgroundWork } from './background-work';
import { CallGate } from './call-gate';
import type { CacheEventSource, CacheEvents, CacheInvalidation, CacheSetOptions, TypedEventMap } from './cache-events';
import { CacheInvalidOptionError } from './cache-errors';
import { assertNamespace, DEFAULT_NAMESPACE, namespaceOf } from './cache-keys';
import { CacheLoads } from './cache-loads';
import { CacheNamespace, type NamespaceHost } from './cache-namespace';
import { createSlots, type CacheOptions } from './cache-options';
import { CacheStats, type CacheStatsSnapshot } from './cache-stats';
import { CacheWrites } from './cache-writes';
import { ChangeMarker } from './change-marker';
import { EventInvalidations } from './event-invalidations';
import { InFlight } from './in-flight';
import { JsonSerializer } from './json-serializer';
import { LoadCoalescer } from './load-coalescer';
import { ReadGuard } from './read-guard';
import { ReadReporter } from './read-reporter';
import { requirePositive } from './require-positive';
import { emitSlotReport } from './slot-reports';
import { SyncLink } from './sync-link';
import { isHotKeyStore } from './tier';
import { TierChain } from './tier-chain';
import { Warmer } from './warmer';

export type { CacheOptions, CacheTierConfig } from './cache-options';

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
  private readonly statistics: CacheStats;
  private readonly tracker: AccessTracker;
  private readonly gate = new CallGate(new InFlight());
  private readonly background: BackgroundWork;
  private readonly writes: CacheWrites;
  private readonly loads: CacheLoads;
  private readonly syncLink: SyncLink;
  private readonly eventInvalidations: EventInvalidations;
  private readonly namespaces = new Map<string, CacheNamespace>();
  private readonly persistTimer: NodeJS.Timeout;
  private readonly defaults: CacheNamespace;
  /** What each namespace calls; the calls that use the tiers go through the gate. */
  private readonly host: NamespaceHost = {
    read: (namespace, key) => this.read(namespace, key),
    write: (namespace, key, value, setOptions, ttl) => this.gate.guard(() => this.writes.write(namespace, key, value, setOptions, ttl)),
    load: (namespace, key, loader, setOptions, ttl) => this.loads.load(namespace, key, loader, setOptions, ttl),
    invalidate: (namespace, what) => this.gate.guard(() => this.writes.invalidate(namespace, what)),
    clear: (prefix) => this.gate.guard(() => this.writes.clear(prefix)),
    warm: (namespace, limit) => this.gate.guard(() => this.warmer.warm(namespace, requirePositive('limit', limit))),
    listen: (namespace, source, event, select) => this.eventInvalidations.listen(namespace, source, event, select),
  };
  private closing: Promise<void> | undefined;

  public constructor(options: CacheOptions) {
    super();
    const now = options.now ?? Date.now;
    const slots = createSlots(options, now, (report) => emitSlotReport(this, this.statistics, report));
    this.defaultTtl = options.ttl === undefined ? undefined : requirePositive('ttl', options.ttl);
    this.statistics = new CacheStats(slots.map((slot) => slot.tier.name));
    const reads = new ReadGuard();
    const flights = new LoadCoalescer();
    const marker = new ChangeMarker(reads, flights);
    this.chain = new TierChain(
      slots,
      options.serializer ?? new JsonSerializer(),
      this.statistics,
      new ReadReporter(this.statistics, this),
      reads,
      this.gate.inFlight,
      now,
      (error) => this.emit('backgroundError', { source: 'decode', error }),
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
    this.background = new BackgroundWork((source, error) => this.emit('backgroundError', { source, error }));
    this.warmer = new Warmer(this.chain, this.tracker, (error) => this.emit('backgroundError', { source: 'warming', error }));
    this.persistTimer = setInterval(
      () => this.background.track(this.warmer.persist(), 'warming'),
      requirePositive('warming.persistInterval', options.warming?.persistInterval ?? 30_000),
    );
    this.persistTimer.unref();
    this.syncLink = new SyncLink(options.sync, this.instanceId, this.chain, marker, this.gate, this);
    this.writes = new CacheWrites(this.chain, marker, this.gate, this, (message) => this.syncLink.publish(message), now);
    this.loads = new CacheLoads(this.chain, flights, this.writes, this.gate, this.statistics, this.tracker);
    this.eventInvalidations = new EventInvalidations(this.gate, this.background, (namespace, what) => this.writes.invalidate(namespace, what));
    this.defaults = this.namespace(DEFAULT_NAMESPACE);
  }

  /** Resolves once cross-instance sync (if any) is listening. */
  public ready(): Promise<void> {
    return this.syncLink.subscribed;
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
    return this.gate.guard(() => this.writes.clear(''));
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
    await this.background.idle();
    await this.syncLink.idle();
  }

  /**
   * Stops listening, refuses new calls (`CacheClosedError`), waits for calls already using the tiers
   * to finish (not for `getOrSet` loaders: their callers get the value, it is just not stored), flushes
   * write-behind queues, saves access counts and closes every tier and the sync channel. Rejects
   * with `CacheWriteBehindError` if queued writes could not be flushed, after closing everything else. A second call shares the first one's outcome instead of closing the
   * tiers twice.
   *
   * @example
   * ```ts
   * process.once('SIGTERM', () => void cache.close());
   * ```
   */
  public close(): Promise<void> {
    if (this.closing === undefined) {
      this.gate.closing = true;
      this.closing = this.shutdown();
    }
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    clearInterval(this.persistTimer);
    this.eventInvalidations.detachAll();
    // Calls made before close() finish against open tiers: closing a tier under a write would lose
    // it, and the tier's refusal would be reported as an outage. New calls are refused meanwhile.
    await this.idle();
    await this.gate.inFlight.drain();
    await this.warmer.persist();
    this.gate.closed = true;
    const failures = await this.chain.close();
    try {
      await this.syncLink.close();
    } catch (error) {
      failures.push(error);
    }
    if (failures.length > 0) throw failures[0];
  }

  private read(namespace: string, key: string): Promise<unknown> {
    // Not `async`, so memory hits are spared a promise (see admitRead).
    const stored = admitRead(this.gate, this.tracker, namespace, key);
    if (typeof stored !== 'string') return stored;
    return this.chain.read(namespace, stored, 0);
  }
}
