import { Cache } from '../../src/cache/cache';
import type { CacheEvents } from '../../src/cache/cache-events';
import { MemoryTier } from '../../src/cache/memory-tier';
import { MapByteTier } from './map-byte-tier';

const open: Cache[] = [];
afterEach(async () => {
  for (const cache of open.splice(0)) await cache.close().catch(() => undefined);
});

describe('a dead tier that stays dead', () => {
  it('is not reported up (then down again) at each retry while it still fails', async () => {
    let now = 0;
    const remote = new MapByteTier();
    const cache = new Cache({ tiers: [new MemoryTier(), remote], tierRetryDelay: 1_000, now: () => now });
    open.push(cache);
    const seen: string[] = [];
    cache.on('tierDown', (event: CacheEvents['tierDown'][0]) => seen.push(`down:${event.tier}`));
    cache.on('tierUp', (event: CacheEvents['tierUp'][0]) => seen.push(`up:${event.tier}`));
    remote.down = true;
    await cache.get('a'); // fails: down, with nothing missed to replay
    for (let retry = 0; retry < 3; retry += 1) {
      now += 1_000;
      expect(await cache.get('a')).toBeUndefined();
    }
    expect(seen).toEqual(['down:remote']);
    expect(cache.stats().tiers['remote']).toMatchObject({ down: true, errors: 1 });

    remote.down = false;
    now += 1_000;
    await cache.set('b', 'back');
    expect(seen).toEqual(['down:remote', 'up:remote']);
    expect(remote.value('default:b')).toBe('back');
  });
});

describe('a dead tier that comes back while nothing reaches it', () => {
  it('is tried again on its own after the retry delay, so tierUp is reported without any call', async () => {
    const remote = new MapByteTier();
    const cache = new Cache({ tiers: [new MemoryTier(), remote], tierRetryDelay: 20 });
    open.push(cache);
    await cache.set('hot', 'in memory');
    remote.down = true;
    await cache.get('cold'); // fails: the tier is down
    expect(cache.stats().tiers['remote']?.down).toBe(true);
    remote.down = false;
    // Only memory hits from here on: nothing would ever reach the remote tier.
    const up = new Promise<CacheEvents['tierUp'][0]>((resolve) => cache.once('tierUp', resolve));
    expect(await cache.get('hot')).toBe('in memory');
    expect(await up).toEqual({ tier: 'remote' });
    expect(cache.stats().tiers['remote']?.down).toBe(false);
  });
});
