import { Cache, MemoryTier } from '../../src/cache';
import { CACHE_METRICS, instrumentCache, TelemetryOptionError } from '../../src/telemetry';
import { RecordingMeter } from './support/recorder';

describe('instrumentCache', () => {
  let cache: Cache;
  beforeEach(async () => {
    cache = new Cache({ tiers: [new MemoryTier({ maxEntries: 1 })] });
    await cache.ready();
  });
  afterEach(() => cache.close());

  it('adds hits and misses by tier and namespace as they grow, and evictions as they happen', async () => {
    const meter = new RecordingMeter();
    await cache.namespace('guilds').get('before'); // counted before instrumenting: never reported
    const detach = instrumentCache(cache, { meter, intervalMs: 60_000 });
    const guilds = cache.namespace('guilds');
    await guilds.set('a', 1);
    await guilds.get('a');
    await guilds.get('a');
    await guilds.get('missing');
    await guilds.set('b', 2); // maxEntries 1: 'a' is evicted
    detach(); // reads the totals once more

    const tier = 'memory';
    expect(meter.sum(CACHE_METRICS.hits, { 'cache.namespace': 'guilds', 'cache.tier': tier })).toBe(2);
    expect(meter.sum(CACHE_METRICS.misses, { 'cache.namespace': 'guilds', 'cache.tier': tier })).toBe(1);
    expect(meter.of(CACHE_METRICS.evictions)).toEqual([
      { value: 1, attributes: { 'cache.tier': tier, 'cache.namespace': 'guilds', 'cache.eviction.reason': 'capacity' } },
    ]);

    await guilds.get('b');
    expect(meter.sum(CACHE_METRICS.hits)).toBe(2); // detached
  });

  it('reads the totals on its interval', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const meter = new RecordingMeter();
    const detach = instrumentCache(cache, { meter, intervalMs: 1_000 });
    try {
      await cache.namespace('n').get('x');
      expect(meter.sum(CACHE_METRICS.misses)).toBe(0);
      jest.advanceTimersByTime(1_000);
      expect(meter.sum(CACHE_METRICS.misses, { 'cache.namespace': 'n' })).toBe(1);
      jest.advanceTimersByTime(1_000);
      expect(meter.sum(CACHE_METRICS.misses)).toBe(1); // differences, not totals again
    } finally {
      detach();
      jest.useRealTimers();
    }
  });

  it('refuses a bad interval with a typed error', () => {
    expect(() => instrumentCache(cache, { meter: new RecordingMeter(), intervalMs: -5 })).toThrow(TelemetryOptionError);
    expect(() => instrumentCache(cache, { meter: new RecordingMeter(), intervalMs: Number.NaN })).toThrow(/intervalMs must be a positive number/);
  });
});
