import { Cache, MemoryTier } from '../../../src/cache';
import { HookedCache, HookManager } from '../../../src/hooks';

describe('cache hooks, fired by HookedCache over a real Cache', () => {
  let cache: Cache;
  let hooks: HookManager;
  let hooked: HookedCache;

  beforeEach(() => {
    cache = new Cache({ tiers: [new MemoryTier({ maxEntries: 2 })] });
    hooks = new HookManager();
    hooked = new HookedCache(cache, hooks, 'settings');
  });
  afterEach(async () => {
    hooked.detach();
    await cache.close();
  });

  it('lets beforeCacheSet change or skip a write and afterCacheGet change a read', async () => {
    hooks.register('beforeCacheSet', (entry) =>
      entry.key.startsWith('tmp:') ? { ...entry, skip: true } : { ...entry, value: { ...(entry.value as object), stamped: true } },
    );
    hooks.register('afterCacheGet', (read) => (read.hit ? undefined : { ...read, value: { fallback: true } }));
    expect(await hooked.set('guild:1', { prefix: '!' })).toBe(true);
    expect(await hooked.set('tmp:x', { prefix: '?' })).toBe(false);
    expect(await cache.get('guild:1')).toEqual({ prefix: '!', stamped: true });
    expect(await cache.get('tmp:x')).toBeUndefined();
    expect(await hooked.get('guild:1')).toEqual({ prefix: '!', stamped: true });
    expect(await hooked.get('guild:404')).toEqual({ fallback: true });
  });

  it('reports misses, evictions by capacity, vetoed and manual deletes, and clears', async () => {
    const events: string[] = [];
    hooks.register('cacheMiss', ({ store, key }) => void events.push(`miss ${store}/${key}`));
    hooks.register('cacheEvict', ({ key, reason }) => void events.push(`evict ${key} ${reason}`));
    hooks.register('cacheClear', ({ store }) => void events.push(`clear ${store}`));
    hooks.register('beforeCacheDelete', ({ key }) => (key === 'keep' ? { reason: 'pinned' } : undefined));
    await hooked.get('nothing');
    await hooked.set('a', 1);
    await hooked.set('b', 2);
    await hooked.set('c', 3);
    expect(await hooked.delete('keep')).toEqual({ reason: 'pinned' });
    expect(await hooked.delete('c')).toBeUndefined();
    await hooked.clear();
    expect(events).toEqual(['miss settings/nothing', 'evict a lru', 'evict c manual', 'clear settings']);
  });
});
