import { Cache } from '../../src/cache/cache';
import type { CacheEvents } from '../../src/cache/cache-events';
import { MemoryTier } from '../../src/cache/memory-tier';
import { MapByteTier } from './map-byte-tier';

const open: Cache[] = [];
afterEach(async () => {
  for (const cache of open.splice(0)) await cache.close();
});

function reads(cache: Cache): Array<['hit', CacheEvents['hit'][0]] | ['miss', CacheEvents['miss'][0]]> {
  const seen: Array<['hit', CacheEvents['hit'][0]] | ['miss', CacheEvents['miss'][0]]> = [];
  cache.on('hit', (event) => seen.push(['hit', event]));
  cache.on('miss', (event) => seen.push(['miss', event]));
  return seen;
}

describe('Cache hit and miss events', () => {
  it('reports each tier asked, with namespace, full key and tags, never the value', async () => {
    const memory = new MemoryTier();
    const remote = new MapByteTier('redis');
    const cache = new Cache({ tiers: [memory, remote] });
    open.push(cache);
    const guilds = cache.namespace('guilds');
    await guilds.set('1', { name: 'secret name' }, { tags: ['guild:1'] });
    await memory.delete(['guilds:1']); // as if evicted: the next read goes down to the byte tier
    const seen = reads(cache);

    await guilds.get('1'); // memory miss, redis hit, copied up
    await guilds.get('1'); // memory hit
    await guilds.get('2'); // missed everywhere

    expect(seen).toEqual([
      ['miss', { tier: 'memory', namespace: 'guilds', key: 'guilds:1' }],
      ['hit', { tier: 'redis', namespace: 'guilds', key: 'guilds:1', tags: ['guild:1'] }],
      ['hit', { tier: 'memory', namespace: 'guilds', key: 'guilds:1', tags: ['guild:1'] }],
      ['miss', { tier: 'memory', namespace: 'guilds', key: 'guilds:2' }],
      ['miss', { tier: 'redis', namespace: 'guilds', key: 'guilds:2' }],
    ]);
    expect(JSON.stringify(seen)).not.toContain('secret name');
  });

  it('agrees with the per-tier counts of stats(), expired and undecodable entries included', async () => {
    let now = 0;
    const remote = new MapByteTier('redis');
    const cache = new Cache({ tiers: [new MemoryTier({ now: () => now }), remote], now: () => now });
    open.push(cache);
    const seen = reads(cache);
    await cache.set('short', 1, { ttl: 10 });
    await cache.set('kept', 2);
    remote.entries.set('default:bad', { value: Buffer.from('not json'), tags: [], dependsOn: [] });
    cache.on('backgroundError', () => undefined);
    now = 20;
    await cache.get('short');
    await cache.get('kept');
    await cache.get('bad');
    await cache.getOrSet('loaded', () => 3);
    await cache.get('loaded');

    const counted = new Map<string, { hits: number; misses: number }>();
    for (const [kind, event] of seen) {
      const counts = counted.get(event.tier) ?? { hits: 0, misses: 0 };
      if (kind === 'hit') counts.hits += 1;
      else counts.misses += 1;
      counted.set(event.tier, counts);
    }
    const tiers = cache.stats().namespaces['default']?.tiers ?? {};
    expect(Object.fromEntries(counted)).toEqual({
      memory: { hits: tiers['memory']?.hits, misses: tiers['memory']?.misses },
      redis: { hits: tiers['redis']?.hits, misses: tiers['redis']?.misses },
    });
    expect(counted.get('redis')).toEqual({ hits: 0, misses: 3 }); // short expired, bad dropped, loaded absent
  });

  it('skips a tier that is down instead of reporting a miss from it', async () => {
    const remote = new MapByteTier('redis');
    const cache = new Cache({ tiers: [new MemoryTier(), remote] });
    open.push(cache);
    cache.on('tierDown', () => undefined);
    const seen = reads(cache);
    remote.down = true;
    await cache.get('a'); // redis fails here: marked down, neither hit nor miss
    await cache.get('b'); // redis skipped
    expect(seen).toEqual([
      ['miss', { tier: 'memory', namespace: 'default', key: 'default:a' }],
      ['miss', { tier: 'memory', namespace: 'default', key: 'default:b' }],
    ]);
  });

  it('builds no payload while nobody listens, and stops once the listener is removed', async () => {
    const cache = new Cache({ tiers: [new MemoryTier()] });
    open.push(cache);
    await cache.set('k', 1);
    const emitted: string[] = [];
    const emit = cache.emit.bind(cache);
    jest.spyOn(cache, 'emit').mockImplementation(((name: keyof CacheEvents, ...args: never[]) => {
      emitted.push(String(name));
      return (emit as (event: keyof CacheEvents, ...rest: never[]) => boolean)(name, ...args);
    }) as typeof cache.emit);
    await cache.get('k');
    await cache.get('missing');
    expect(emitted).toEqual([]);

    const hits: unknown[] = [];
    const listener = (event: CacheEvents['hit'][0]): void => void hits.push(event);
    cache.on('hit', listener);
    await cache.get('k');
    cache.off('hit', listener);
    await cache.get('k');
    expect(emitted).toEqual(['hit']);
    expect(hits).toHaveLength(1);
  });
});
