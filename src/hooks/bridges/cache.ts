import type { Cache, CacheSetOptions, EvictionReason } from '../../cache';
import type { HookManager } from '../hook-manager';
import type { CacheEvictReason } from '../points/cache';

/** The hook points `HookedCache` fires. */
export const CACHE_BRIDGE_HOOKS = ['beforeCacheSet', 'afterCacheGet', 'cacheMiss', 'cacheEvict', 'cacheClear', 'beforeCacheDelete'] as const;

const REASONS: Readonly<Record<EvictionReason, CacheEvictReason>> = {
  capacity: 'lru',
  bytes: 'memory',
  oversize: 'memory',
  expired: 'ttl',
};

/**
 * A `Cache` seen through the cache hook points. The cache engine has no middleware stage, so
 * this façade fires `beforeCacheSet`, `afterCacheGet`, `cacheMiss`, `beforeCacheDelete` and
 * `cacheClear` around the calls made through it, and turns the cache's own `evicted` events
 * (capacity, bytes, expiry) into `cacheEvict`. Code that uses the `Cache` directly bypasses the
 * call hooks; eviction hooks fire either way.
 *
 * @example
 * ```ts
 * const cache = new HookedCache(new Cache({ tiers: [new MemoryTier()] }), hooks, 'settings');
 * hooks.register('beforeCacheSet', (entry) => (entry.key.startsWith('tmp:') ? { ...entry, skip: true } : undefined));
 * await cache.set('guild:1', settings);
 * ```
 */
export class HookedCache {
  private readonly onEvicted: (event: { tier: string; key: string; namespace: string; reason: EvictionReason }) => void;

  public constructor(
    public readonly cache: Cache,
    private readonly hooks: HookManager,
    /** The store name hook payloads carry. */
    private readonly store = 'cache',
  ) {
    // Tiers report the stored key (`namespace:key`); handlers get the key they set.
    this.onEvicted = ({ key, namespace, reason }) => {
      const plain = key.startsWith(`${namespace}:`) ? key.slice(namespace.length + 1) : key;
      void hooks.execute('cacheEvict', { store, key: plain, reason: REASONS[reason] });
    };
    cache.on('evicted', this.onEvicted);
  }

  /** Reads a key; `afterCacheGet` handlers may replace the value, `cacheMiss` reports misses. */
  public async get<T>(key: string): Promise<T | undefined> {
    const value = await this.cache.get<T>(key);
    if (value === undefined) void this.hooks.execute('cacheMiss', { store: this.store, key });
    if (!this.hooks.has('afterCacheGet')) return value;
    return (await this.hooks.execute('afterCacheGet', { store: this.store, key, hit: value !== undefined, value })).value as T | undefined;
  }

  /** Writes a key, unless a `beforeCacheSet` handler set `skip`; handlers may change the value. */
  public async set<T>(key: string, value: T, options?: CacheSetOptions): Promise<boolean> {
    const entry = await this.hooks.execute('beforeCacheSet', { store: this.store, key, value, skip: false });
    if (entry.skip) return false;
    await this.cache.set(key, entry.value as T, options);
    return true;
  }

  /** Deletes a key, unless a `beforeCacheDelete` handler vetoes it (then returns the veto). */
  public async delete(key: string): Promise<{ reason: string } | undefined> {
    const veto = await this.hooks.execute('beforeCacheDelete', { store: this.store, key });
    if (veto !== undefined) return veto;
    await this.cache.delete(key);
    await this.hooks.execute('cacheEvict', { store: this.store, key, reason: 'manual' });
    return undefined;
  }

  /** Empties the cache, then fires `cacheClear`. */
  public async clear(): Promise<void> {
    await this.cache.clear();
    await this.hooks.execute('cacheClear', { store: this.store, size: undefined });
  }

  /** Stops turning the cache's evictions into hooks (does not close the cache). */
  public detach(): void {
    this.cache.off('evicted', this.onEvicted);
  }
}
