import { Cache, MemoryTier } from '../../src/cache';
import { CACHE_METRICS, instrumentCache } from '../../src/telemetry';
import { MapByteTier } from '../cache/map-byte-tier';
import { RecordingMeter } from './support/recorder';

describe('instrumentCache', () => {
  let cache: Cache;
  beforeEach(async () => {
    cache = new Cache({ tiers: [new MemoryTier({ maxEntries: 1 })] });
    await cache.ready();
  });
  afterEach(() => cache.close());

  it('counts hits and misses by tier and namespace as they happen, and evictions', async () => {
    const meter = new RecordingMeter();
    await cache.namespace('guilds').get('before'); // read before instrumenting: never reported
    const detach = instrumentCache(cache, { meter });
    const guilds = cache.namespace('guilds');
    await guilds.set('a', 1);
    await guilds.get('a');
    await guilds.get('a');
    await guilds.get('missing');
    // No timer, no detach: counted at once.
    expect(meter.sum(CACHE_METRICS.hits, { 'cache.namespace': 'guilds', 'cache.tier': 'memory' })).toBe(2);
    expect(meter.sum(CACHE_METRICS.misses, { 'cache.namespace': 'guilds', 'cache.tier': 'memory' })).toBe(1);
    await guilds.set('b', 2); // maxEntries 1: 'a' is evicted
    expect(meter.of(CACHE_METRICS.evictions)).toEqual([
      { value: 1, attributes: { 'cache.tier': 'memory', 'cache.namespace': 'guilds', 'cache.eviction.reason': 'capacity' } },
    ]);

    detach();
    await guilds.get('b');
    await guilds.get('nothing');
    expect(meter.sum(CACHE_METRICS.hits)).toBe(2);
    expect(meter.sum(CACHE_METRICS.misses)).toBe(1);
    // Detached: the cache is back to building no read events at all.
    expect(cache.listenerCount('hit') + cache.listenerCount('miss')).toBe(0);
  });

  it('counts each tier of a read apart, and outages by tier and operation', async () => {
    const remote = new MapByteTier('redis');
    const tiered = new Cache({ tiers: [new MemoryTier(), remote] });
    const meter = new RecordingMeter();
    const detach = instrumentCache(tiered, { meter });
    try {
      await tiered.set('k', 'v');
      await tiered.get('k'); // memory hit
      await tiered.get('absent'); // memory miss, redis miss
      remote.down = true;
      await tiered.get('other'); // memory miss, redis down (neither hit nor miss)
      const at = (tier: string) => ({ 'cache.namespace': 'default', 'cache.tier': tier });
      expect(meter.sum(CACHE_METRICS.hits, at('memory'))).toBe(1);
      expect(meter.sum(CACHE_METRICS.misses, at('memory'))).toBe(2);
      expect(meter.sum(CACHE_METRICS.misses, at('redis'))).toBe(1);
      expect(meter.sum(CACHE_METRICS.hits, at('redis'))).toBe(0);
      expect(meter.of(CACHE_METRICS.tierDown)).toEqual([{ value: 1, attributes: { 'cache.tier': 'redis', 'cache.operation': 'get' } }]);
    } finally {
      detach();
      await tiered.close();
    }
  });

  it('still accepts the old intervalMs option, starting no timer', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const meter = new RecordingMeter();
      const detach = instrumentCache(cache, { meter, intervalMs: 1_000 });
      expect(jest.getTimerCount()).toBe(0);
      await cache.get('x');
      expect(meter.sum(CACHE_METRICS.misses)).toBe(1);
      detach();
    } finally {
      jest.useRealTimers();
    }
  });
});
