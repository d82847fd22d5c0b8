import { approximateSize } from './approximate-size';
import { CacheClosedError } from './cache-errors';
import { requirePositive } from './require-positive';
import { LruCache, type EvictionReason, type LruEviction } from './lru';
import type { TierEntry, ValueCacheTier } from './tier';

/** Options of a {@link MemoryTier}. */
export interface MemoryTierOptions {
  /** @defaultValue 'memory' */
  readonly name?: string;
  /** Most entries kept. @defaultValue 10_000 */
  readonly maxEntries?: number;
  /** Most approximate bytes of values kept. @defaultValue no byte bound */
  readonly maxBytes?: number;
  /**
   * Longest an entry lives in memory even if its own TTL is longer, so a process that missed a
   * cross-instance invalidation re-reads the lower tiers after at most this long.
   * @defaultValue no cap
   */
  readonly ttl?: number;
  /** Sweeps expired entries this often (milliseconds), so that memory is freed without reads. @defaultValue no sweep */
  readonly pruneInterval?: number;
  /** Clock in epoch milliseconds. @defaultValue Date.now */
  readonly now?: () => number;
}

/**
 * The process-local tier: an {@link LruCache} of live values, bounded by entries and bytes, with
 * tag and dependency indexes so that `invalidateTag` and cascades never scan.
 *
 * @example
 * ```ts
 * const memory = new MemoryTier({ maxEntries: 50_000, maxBytes: 64 * 1024 * 1024 });
 * const cache = new Cache({ tiers: [memory] });
 * ```
 */
export class MemoryTier implements ValueCacheTier {
  public readonly name: string;
  public readonly shared = false;
  public readonly encoding = 'value';
  private readonly lru: LruCache<TierEntry<unknown>>;
  private readonly byTag = new Map<string, Set<string>>();
  private readonly dependents = new Map<string, Set<string>>();
  private readonly listeners: Array<(key: string, reason: EvictionReason) => void> = [];
  private readonly cap: number | undefined;
  private readonly now: () => number;
  private readonly pruneTimer: NodeJS.Timeout | undefined;
  private closed = false;

  public constructor(options: MemoryTierOptions = {}) {
    this.name = options.name ?? 'memory';
    this.now = options.now ?? Date.now;
    this.lru = new LruCache<TierEntry<unknown>>({
      ...(options.maxEntries === undefined ? {} : { maxEntries: options.maxEntries }),
      ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
      // Only the value is counted: tags and keys are small next to Discord payloads.
      sizeOf: (entry, key) => approximateSize(entry.value) + key.length * 2,
      now: this.now,
      onEvict: (eviction) => this.evicted(eviction),
    });
    this.cap = options.ttl === undefined ? undefined : requirePositive('ttl', options.ttl);
    if (options.pruneInterval !== undefined) {
      const every = requirePositive('pruneInterval', options.pruneInterval);
      this.pruneTimer = setInterval(() => this.lru.prune(), every);
      this.pruneTimer.unref();
    }
  }

  /** Entries held now. */
  public get size(): number {
    return this.lru.size;
  }

  /** Approximate bytes held now (0 without `maxBytes`). */
  public get bytes(): number {
    return this.lru.bytes;
  }

  /** Whether a live entry exists, without changing its recency. */
  public has(key: string): boolean {
    return this.lru.has(key);
  }

  public async get(key: string): Promise<TierEntry<unknown> | undefined> {
    return this.getSync(key);
  }

  public getSync(key: string): TierEntry<unknown> | undefined {
    this.assertOpen();
    return this.lru.get(key);
  }

  public async set(key: string, entry: TierEntry<unknown>): Promise<void> {
    this.assertOpen();
    const previous = this.lru.peek(key);
    if (previous !== undefined) this.unindex(key, previous);
    const expiresAt = this.expiryFor(entry);
    if (this.lru.set(key, entry, expiresAt === undefined ? undefined : { expiresAt })) {
      this.index(key, entry);
    }
  }

  public async delete(keys: readonly string[]): Promise<void> {
    this.assertOpen();
    for (const key of keys) {
      const entry = this.lru.peek(key);
      if (entry !== undefined) this.unindex(key, entry);
      this.lru.delete(key);
    }
  }

  public keysWithTag(tags: readonly string[]): Promise<string[]> {
    const keys = new Set<string>();
    for (const tag of tags) for (const key of this.byTag.get(tag) ?? []) keys.add(key);
    return Promise.resolve([...keys]);
  }

  public dependentsOf(keys: readonly string[]): Promise<string[]> {
    const found = new Set<string>();
    for (const key of keys) for (const dependent of this.dependents.get(key) ?? []) found.add(dependent);
    return Promise.resolve([...found]);
  }

  public async clear(prefix: string): Promise<void> {
    this.assertOpen();
    return this.delete([...this.lru.keys()].filter((key) => key.startsWith(prefix)));
  }

  /** Keys from most to least recently used. */
  public keys(): string[] {
    return [...this.lru.keys()];
  }

  public onEviction(listener: (key: string, reason: EvictionReason) => void): void {
    this.listeners.push(listener);
  }

  public close(): Promise<void> {
    if (this.pruneTimer !== undefined) clearInterval(this.pruneTimer);
    this.closed = true;
    this.lru.clear();
    this.byTag.clear();
    this.dependents.clear();
    return Promise.resolve();
  }

  private expiryFor(entry: TierEntry<unknown>): number | undefined {
    if (this.cap === undefined) return entry.expiresAt;
    const capped = this.now() + this.cap;
    return entry.expiresAt === undefined ? capped : Math.min(entry.expiresAt, capped);
  }

  private evicted(eviction: LruEviction<TierEntry<unknown>>): void {
    this.unindex(eviction.key, eviction.value);
    for (const listener of this.listeners) listener(eviction.key, eviction.reason);
  }

  private index(key: string, entry: TierEntry<unknown>): void {
    for (const tag of entry.tags) addTo(this.byTag, tag, key);
    for (const parent of entry.dependsOn) addTo(this.dependents, parent, key);
  }

  private unindex(key: string, entry: TierEntry<unknown>): void {
    for (const tag of entry.tags) removeFrom(this.byTag, tag, key);
    for (const parent of entry.dependsOn) removeFrom(this.dependents, parent, key);
  }

  private assertOpen(): void {
    if (this.closed) throw new CacheClosedError(`Memory tier "${this.name}"`);
  }
}

function addTo(index: Map<string, Set<string>>, name: string, key: string): void {
  let keys = index.get(name);
  if (keys === undefined) {
    keys = new Set();
    index.set(name, keys);
  }
  keys.add(key);
}

function removeFrom(index: Map<string, Set<string>>, name: string, key: string): void {
  const keys = index.get(name);
  if (keys === undefined) return;
  keys.delete(key);
  if (keys.size === 0) index.delete(name);
}
