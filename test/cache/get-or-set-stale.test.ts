import { Cache } from '../../src/cache/cache';
import { MemoryTier } from '../../src/cache/memory-tier';
import { MapByteTier } from './map-byte-tier';

const open: Cache[] = [];
afterEach(async () => {
  for (const cache of open.splice(0)) await cache.close();
});

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('getOrSet after the key changed while a load was running', () => {
  it('gives a later caller the value written meanwhile, not the load that predates it', async () => {
    const cache = new Cache({ tiers: [new MemoryTier(), new MapByteTier()] });
    open.push(cache);
    let release: (value: string) => void = () => undefined;
    const first = cache.getOrSet('k', () => new Promise<string>((resolve) => (release = resolve)));
    await tick();
    await cache.set('k', 'written');
    const later = cache.getOrSet('k', () => 'loaded again');
    release('loaded before the write');
    expect(await first).toBe('loaded before the write'); // its caller asked before the write
    expect(await later).toBe('written');
    expect(await cache.get('k')).toBe('written');
  });

  it('starts a fresh load for a later caller once the key was invalidated, and keeps its result', async () => {
    const cache = new Cache({ tiers: [new MemoryTier()] });
    open.push(cache);
    let release: (value: string) => void = () => undefined;
    let calls = 0;
    const first = cache.getOrSet('k', () => {
      calls += 1;
      return new Promise<string>((resolve) => (release = resolve));
    });
    await tick();
    await cache.delete('k');
    const later = cache.getOrSet('k', () => {
      calls += 1;
      return 'fresh';
    });
    const third = cache.getOrSet('k', () => {
      calls += 1;
      return 'not needed';
    });
    release('stale');
    expect(await first).toBe('stale');
    expect(await later).toBe('fresh');
    expect(await third).toBe('fresh'); // joined the fresh load, not the stale one
    expect(calls).toBe(2);
    expect(await cache.get('k')).toBe('fresh');
  });
});

describe('getOrSet under a burst of callers for a key missing from memory', () => {
  it('asks the lower tiers once for all of them, not once each', async () => {
    const remote = new MapByteTier();
    const memory = new MemoryTier();
    const cache = new Cache({ tiers: [memory, remote] });
    open.push(cache);
    await cache.set('hot', 'from below');
    await memory.delete(['default:hot']); // evicted from memory, still in the shared tier
    const before = remote.calls;
    let loads = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        cache.getOrSet('hot', () => {
          loads += 1;
          return 'loaded';
        }),
      ),
    );
    expect(results).toEqual(Array(20).fill('from below'));
    expect(loads).toBe(0);
    expect(remote.calls - before).toBe(1);
    expect(cache.stats().loads.coalesced).toBe(19);

    const missing = await Promise.all(Array.from({ length: 20 }, () => cache.getOrSet('cold', () => 'loaded')));
    expect(missing).toEqual(Array(20).fill('loaded'));
    // One read of 'cold', then storing what was loaded once: its write and its dependents lookup.
    expect(remote.calls - before).toBe(4);
  });
});
