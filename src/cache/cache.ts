import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { AccessTracker } from './access-tracker';
import { CacheClosedError, CacheCorruptEntryError, CacheInvalidOptionError, CacheSerializationError } from './cache-errors';
import type { CacheEventSource, CacheEvents, CacheInvalidation, CacheSetOptions } from './cache-events';
import { assertKey, assertNamespace, DEFAULT_NAMESPACE, fullKey, namespaceOf, resolveRef, type CacheKeyRef } from './cache-keys';
import { CacheNamespace, type NamespaceHost } from './cache-namespace';
import { CacheStats, type CacheStatsSnapshot } from './cache-stats';
import type { CacheSync, InvalidationMessage } from './cache-sync';
import { dependencyClosure } from './dependency-closure';
import { JsonSerializer } from './json-serializer';
import { ReadGuard } from './read-guard';
import { requirePositive } from './require-positive';
import type { CacheSerializer } from './serializer';
import { isHotKeyStore, type CacheTier, type TierEntry } from './tier';
import { TierSlot, type SlotReport, type WriteMode } from './tier-slot';

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

interface Flight {
  stale: boolean;
  readonly promise: Promise<unknown>;
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
  private readonly slots: TierSlot[];
  private readonly serializer: CacheSerializer;
  private readonly defaultTtl: number | undefined;
  private readonly now: () => number;
  private readonly sync: CacheSync | undefined;
  private readonly statistics: CacheStats;
  private readonly tracker: AccessTracker;
  private readonly namespaces = new Map<string, CacheNamespace>();
  private readonly flights = new Map<string, Flight>();
  private readonly background = new Set<Promise<void>>();
  private readonly detachers = new Set<() => void>();
  private readonly persistTimer: NodeJS.Timeout;
  private readonly host: NamespaceHost;
  private readonly defaults: CacheNamespace;
  private readonly subscribed: Promise<void>;
  private readonly reads = new ReadGuard();
  private remoteChain: Promise<void> = Promise.resolve();
  private closed = false;

  public constructor(options: CacheOptions) {
    super();
    if (!Array.isArray(options.tiers) || options.tiers.length === 0) {
      throw new CacheInvalidOptionError('tiers', options.tiers, 'a non-empty array of tiers, fastest first');
    }
    this.now = options.now ?? Date.now;
    this.serializer = options.serializer ?? new JsonSerializer();
    this.defaultTtl = options.ttl === undefined ? undefined : requirePositive('ttl', options.ttl);
    this.sync = options.sync;
    const names = new Set<string>();
    this.slots = options.tiers.map((item) => {
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
    for (const slot of this.slots) {
      slot.tier.onEviction?.((key, reason) => {
        this.statistics.eviction(slot.tier.name);
        this.emit('evicted', { tier: slot.tier.name, key, namespace: namespaceOf(key), reason });
      });
    }
    this.tracker = new AccessTracker(
      requirePositive('warming.maxTrackedKeys', options.warming?.maxTrackedKeys ?? 10_000),
      Math.round(requirePositive('warming.sampleEvery', options.warming?.sampleEvery ?? 4)),
      this.slots.some((slot) => isHotKeyStore(slot.tier)),
    );
    this.persistTimer = setInterval(
      () => this.track(this.persistAccess()),
      requirePositive('warming.persistInterval', options.warming?.persistInterval ?? 30_000),
    );
    this.persistTimer.unref();
    this.host = {
      read: (namespace, key) => this.read(namespace, key),
      write: (namespace, key, value, setOptions, ttl) => this.write(namespace, key, value, setOptions, ttl),
      load: (namespace, key, loader, setOptions, ttl) => this.load(namespace, key, loader, setOptions, ttl),
      invalidate: (namespace, what) => this.invalidateIn(namespace, what),
      clear: (prefix) => this.clearPrefix(prefix),
      warm: (namespace, limit) => this.warmNamespace(namespace, limit),
      listen: (namespace, source, event, select) => this.listen(namespace, source, event, select),
    };
    this.defaults = this.namespace(DEFAULT_NAMESPACE);
    this.subscribed =
      this.sync === undefined
        ? Promise.resolve()
        : this.sync.subscribe((message) => this.onRemote(message)).catch((error: unknown) => {
            this.emit('backgroundError', { source: 'sync', error });
          });
  }

  /** Resolves once cross-instance sync (if any) is listening. */
  public ready(): Promise<void> {
    return this.subscribed;
  }

  /**
   * The namespace of that name (created on first use). `ttl` applies only the first time a name
   * is asked for.
   */
  public namespace(name: string, options: { readonly ttl?: number } = {}): CacheNamespace {
    assertNamespace(name);
    let namespace = this.namespaces.get(name);
    if (namespace === undefined) {
      const ttl = options.ttl === undefined ? this.defaultTtl : requirePositive('ttl', options.ttl);
      namespace = new CacheNamespace(name, this.host, ttl);
      this.namespaces.set(name, namespace);
    }
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
  public invalidateOn<E extends string | symbol, Args extends unknown[]>(
    source: CacheEventSource<E, Args>,
    event: E,
    select: (...args: Args) => CacheInvalidation | undefined,
  ): () => void {
    return this.defaults.invalidateOn(source, event, select);
  }

  /** Hits, misses and ratios per namespace and tier, evictions, outages and loader timings. */
  public stats(): CacheStatsSnapshot {
    return this.statistics.snapshot((name) => this.slots.find((slot) => slot.tier.name === name)?.isDown ?? false);
  }

  /** Writes every pending write-behind change now; rejects if a tier refuses them (they stay queued). */
  public async flush(): Promise<void> {
    for (const slot of this.slots) await slot.queue?.flush();
  }

  /** Resolves when background work started so far (event invalidations, sync messages) is done. */
  public async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.all([...this.background]);
    await this.remoteChain;
  }

  /**
   * Stops listening, flushes write-behind queues, saves access counts and closes every tier and the
   * sync channel. Rejects with `CacheWriteBehindError` if queued writes could not be flushed, after
   * closing everything else.
   */
  public async close(): Promise<void> {
    if (this.closed) return;
    clearInterval(this.persistTimer);
    for (const detach of [...this.detachers]) detach();
    await this.idle();
    await this.persistAccess();
    this.closed = true;
    const failures: unknown[] = [];
    for (const slot of this.slots) {
      try {
        await slot.close();
      } catch (error) {
        failures.push(error);
      }
    }
    try {
      await this.sync?.close();
    } catch (error) {
      failures.push(error);
    }
    if (failures.length > 0) throw failures[0];
  }

  private async read(namespace: string, key: string, from = 0): Promise<unknown> {
    this.assertOpen();
    assertKey(key);
    const stored = fullKey(namespace, key);
    let start = from;
    if (from === 0) {
      this.tracker.record(stored);
      // Memory hits skip the tier loop and its awaits: they are most reads.
      const top = this.slots[0] as TierSlot;
      const quick = top.readSync(stored);
      if (quick !== undefined) {
        const hit = quick.status === 'hit' && (quick.entry.expiresAt === undefined || quick.entry.expiresAt > this.now());
        this.statistics.tierRead(namespace, top.tier.name, hit);
        if (hit) {
          this.statistics.read(namespace, true);
          return quick.entry.value;
        }
        start = 1;
      }
    }
    const ticket = this.reads.begin(stored);
    try {
      for (let index = start; index < this.slots.length; index += 1) {
        const slot = this.slots[index] as TierSlot;
        const result = await slot.read(stored);
        if (result.status === 'skipped') continue;
        const entry = result.status === 'hit' ? result.entry : undefined;
        if (entry === undefined || (entry.expiresAt !== undefined && entry.expiresAt <= this.now())) {
          this.statistics.tierRead(namespace, slot.tier.name, false);
          continue;
        }
        const decoded = await this.decode(slot, stored, entry);
        if (decoded === undefined) {
          this.statistics.tierRead(namespace, slot.tier.name, false);
          continue;
        }
        this.statistics.tierRead(namespace, slot.tier.name, true);
        if (from === 0) this.statistics.read(namespace, true);
        // Written or invalidated during this read: the value found may be the old one, do not spread it.
        if (index > 0 && this.reads.isFresh(ticket)) await this.fill(index, stored, entry, decoded.value);
        return decoded.value;
      }
      if (from === 0) this.statistics.read(namespace, false);
      return undefined;
    } finally {
      this.reads.end(ticket);
    }
  }

  private async decode(slot: TierSlot, key: string, entry: TierEntry<unknown>): Promise<{ value: unknown } | undefined> {
    if (slot.tier.encoding === 'value') return { value: entry.value };
    try {
      return { value: this.serializer.deserialize(entry.value as Buffer) };
    } catch (cause) {
      this.emit('backgroundError', { source: 'decode', error: new CacheCorruptEntryError(key, slot.tier.name, { cause }) });
      await slot.remove([key]);
      return undefined;
    }
  }

  private async fill(until: number, key: string, found: TierEntry<unknown>, value: unknown): Promise<void> {
    const foundBytes = Buffer.isBuffer(found.value) ? found.value : undefined;
    let bytes = foundBytes;
    const writes: Array<Promise<void>> = [];
    for (const slot of this.slots.slice(0, until)) {
      if (slot.tier.encoding === 'value') {
        writes.push(slot.write(key, { ...found, value }));
        continue;
      }
      try {
        bytes ??= this.serializer.serialize(value);
      } catch {
        continue; // The value came from a value tier set through a lenient path; it simply stays there.
      }
      writes.push(slot.write(key, { ...found, value: bytes }));
    }
    await Promise.all(writes);
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
    const tags = [...(options?.tags ?? [])];
    for (const tag of tags) {
      if (typeof tag !== 'string' || tag.length === 0) throw new CacheInvalidOptionError('tags', tag, 'non-empty strings');
    }
    const dependsOn = (options?.dependsOn ?? []).map((ref) => resolveRef(namespace, ref));
    // Serialise before touching any tier: a value that cannot be stored must leave them all as they were.
    const bytes = this.slots.some((slot) => slot.tier.encoding === 'bytes') ? this.serialize(stored, value) : undefined;
    const entry = { tags, dependsOn, ...(ttl === undefined ? {} : { expiresAt: this.now() + ttl }) };
    this.markStale([stored]);
    const [dependents] = await Promise.all([
      // Entries derived from the old value are stale once the key changes.
      this.closure([stored]),
      ...this.slots.map((slot) => slot.write(stored, { ...entry, value: slot.tier.encoding === 'bytes' ? bytes : value })),
    ]);
    dependents.delete(stored);
    if (dependents.size > 0) {
      this.markStale(dependents);
      await Promise.all(this.slots.map((slot) => slot.remove([...dependents])));
    }
    await this.publish({ keys: [stored, ...dependents], tags: [], prefixes: [] });
  }

  private async load(
    namespace: string,
    key: string,
    loader: () => unknown,
    options: CacheSetOptions | undefined,
    namespaceTtl: number | undefined,
  ): Promise<unknown> {
    assertKey(key);
    const stored = fullKey(namespace, key);
    const joined = this.join(namespace, stored);
    if (joined !== undefined) return joined;
    const cached = await this.read(namespace, key);
    if (cached !== undefined) return cached;
    const late = this.join(namespace, stored);
    if (late !== undefined) return late;
    const flight: Flight = { stale: false, promise: this.runLoader(namespace, key, loader, options, namespaceTtl, () => flight.stale) };
    this.flights.set(stored, flight);
    try {
      return await flight.promise;
    } finally {
      if (this.flights.get(stored) === flight) this.flights.delete(stored);
    }
  }

  private join(namespace: string, stored: string): Promise<unknown> | undefined {
    const running = this.flights.get(stored);
    if (running === undefined) return undefined;
    this.statistics.coalesced(namespace);
    return running.promise;
  }

  private async runLoader(
    namespace: string,
    key: string,
    loader: () => unknown,
    options: CacheSetOptions | undefined,
    namespaceTtl: number | undefined,
    isStale: () => boolean,
  ): Promise<unknown> {
    // Let `load` register the flight before the loader runs, so a synchronous loader is coalesced too.
    await Promise.resolve();
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
    if (value !== undefined && !isStale()) await this.write(namespace, key, value, options, namespaceTtl);
    return value;
  }

  private async invalidateIn(namespace: string, what: CacheInvalidation): Promise<void> {
    this.assertOpen();
    const { keys, tags } = normalize(namespace, what);
    if (keys.length === 0 && tags.length === 0) return;
    const roots = new Set(keys);
    if (tags.length > 0) {
      for (const found of await Promise.all(this.slots.map((slot) => slot.keysWithTag(tags)))) {
        for (const key of found) roots.add(key);
      }
    }
    const doomed = await this.closure(roots);
    this.markStale(doomed);
    await Promise.all(this.slots.map((slot) => slot.remove([...doomed])));
    this.emit('invalidated', { keys: [...doomed], tags, remote: false });
    await this.publish({ keys: [...doomed], tags, prefixes: [] });
  }

  private async clearPrefix(prefix: string): Promise<void> {
    this.assertOpen();
    this.markStalePrefix(prefix);
    await Promise.all(this.slots.map((slot) => slot.clear(prefix)));
    await this.publish({ keys: [], tags: [], prefixes: [prefix] });
  }

  private closure(roots: Iterable<string>, slots: readonly TierSlot[] = this.slots): Promise<Set<string>> {
    return dependencyClosure(roots, async (keys) => {
      const found = new Set<string>();
      for (const list of await Promise.all(slots.map((slot) => slot.dependentsOf(keys)))) {
        for (const key of list) found.add(key);
      }
      return found;
    });
  }

  private markStalePrefix(prefix: string): void {
    this.reads.changedPrefix(prefix);
    for (const [key, flight] of this.flights) if (key.startsWith(prefix)) flight.stale = true;
  }

  private markStale(keys: Iterable<string>): void {
    this.reads.changed(keys);
    for (const key of keys) {
      const flight = this.flights.get(key);
      if (flight !== undefined) flight.stale = true;
    }
  }

  private serialize(key: string, value: unknown): Buffer {
    try {
      return this.serializer.serialize(value);
    } catch (error) {
      if (error instanceof CacheSerializationError) throw new CacheSerializationError(key, error.path, error.reason, { cause: error });
      throw new CacheSerializationError(key, '$', `serializer "${this.serializer.name}" failed (${String(error)})`, { cause: error });
    }
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
    if (message.origin === this.instanceId || this.closed) return;
    const applied = this.remoteChain.then(() => this.applyRemote(message));
    this.remoteChain = applied.catch((error: unknown) => {
      this.emit('backgroundError', { source: 'sync', error });
    });
  }

  private async applyRemote(message: InvalidationMessage): Promise<void> {
    if (this.closed) return;
    const local = this.slots.filter((slot) => !slot.tier.shared);
    for (const prefix of message.prefixes) {
      this.markStalePrefix(prefix);
      await Promise.all(local.map((slot) => slot.clear(prefix)));
    }
    const roots = new Set(message.keys);
    if (message.tags.length > 0) {
      for (const found of await Promise.all(local.map((slot) => slot.keysWithTag(message.tags)))) {
        for (const key of found) roots.add(key);
      }
    }
    const doomed = await this.closure(roots, local);
    this.markStale(doomed);
    await Promise.all(local.map((slot) => slot.remove([...doomed])));
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
      if (this.closed) return;
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

  private async warmNamespace(namespace: string, limit: number): Promise<number> {
    this.assertOpen();
    requirePositive('limit', limit);
    const candidates = new Set(this.tracker.hottest(namespace, limit));
    for (const slot of this.slots) {
      const tier = slot.tier;
      if (!isHotKeyStore(tier) || !(await slot.available())) continue;
      try {
        for (const key of await tier.hottestKeys(namespace, limit)) candidates.add(key);
      } catch (error) {
        this.emit('backgroundError', { source: 'warming', error });
      }
    }
    const top = this.slots[0] as TierSlot;
    const prefix = `${namespace}:`;
    let warmed = 0;
    for (const stored of [...candidates].slice(0, limit)) {
      if (!stored.startsWith(prefix)) continue;
      const present = await top.read(stored);
      if (present.status === 'hit') continue;
      if ((await this.read(namespace, stored.slice(prefix.length), 1)) !== undefined) warmed += 1;
    }
    return warmed;
  }

  private async persistAccess(): Promise<void> {
    const counts = this.tracker.drain();
    if (counts.size === 0) return;
    for (const slot of this.slots) {
      const tier = slot.tier;
      if (!isHotKeyStore(tier) || !(await slot.available())) continue;
      for (const [namespace, keys] of counts) {
        try {
          await tier.recordAccess(namespace, keys);
        } catch (error) {
          this.emit('backgroundError', { source: 'warming', error });
        }
      }
    }
  }

  private track(work: Promise<void>, source: 'event' | 'warming' = 'warming'): void {
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
      case 'writeBehindError':
        this.emit('backgroundError', { source: 'write-behind', error: report.error });
        return;
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new CacheClosedError('The Cache');
  }
}

function normalize(namespace: string, what: CacheInvalidation): { keys: string[]; tags: string[] } {
  if (typeof what === 'string' || isRef(what)) return { keys: [resolveRef(namespace, what)], tags: [] };
  if (isRefList(what)) return { keys: what.map((ref) => resolveRef(namespace, ref)), tags: [] };
  const tags = [...(what.tags ?? [])];
  for (const tag of tags) {
    if (typeof tag !== 'string' || tag.length === 0) throw new CacheInvalidOptionError('tags', tag, 'non-empty strings');
  }
  return { keys: (what.keys ?? []).map((ref) => resolveRef(namespace, ref)), tags };
}

function isRef(what: CacheInvalidation): what is { readonly namespace: string; readonly key: string } {
  return typeof what === 'object' && !Array.isArray(what) && 'namespace' in what && 'key' in what;
}

function isRefList(what: CacheInvalidation): what is readonly CacheKeyRef[] {
  return Array.isArray(what);
}
