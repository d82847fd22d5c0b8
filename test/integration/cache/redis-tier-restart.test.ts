import { Cache } from '../../../src/cache/cache';
import type { CacheEvents } from '../../../src/cache/cache-events';
import { MemoryTier } from '../../../src/cache/memory-tier';
import { RedisTier } from '../../../src/cache/redis-tier';
import { MapByteTier } from '../../cache/map-byte-tier';
import { PrivateRedis } from './private-redis';

describe('RedisTier across a real Redis crash and restart', () => {
  const redis = new PrivateRedis();
  beforeAll(() => redis.start());
  afterAll(() => redis.close());

  it('is skipped and reported once while dead, then replays what it missed and is reported up', async () => {
    const memory = new MemoryTier();
    const durable = new MapByteTier('durable');
    const cache = new Cache({
      tiers: [memory, new RedisTier({ redis: { path: redis.path, retryStrategy: () => 20 }, commandTimeout: 2_000 }), durable],
      tierRetryDelay: 50,
    });
    const seen: string[] = [];
    cache.on('tierDown', (event: CacheEvents['tierDown'][0]) => seen.push(`down:${event.tier}`));
    cache.on('tierUp', (event: CacheEvents['tierUp'][0]) => seen.push(`up:${event.tier}`));
    try {
      await cache.set('kept', 'v1', { tags: ['t'] });
      await redis.kill();
      // Reads and writes go on without Redis, and the outage is reported once.
      expect(await cache.get('kept')).toBe('v1');
      await cache.set('kept', 'v2');
      await memory.delete(['default:kept']);
      expect(await cache.get('kept')).toBe('v2'); // from the durable tier
      for (let attempt = 0; attempt < 3; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 60));
        await memory.delete(['default:kept']);
        expect(await cache.get('kept')).toBe('v2');
      }
      expect(seen).toEqual(['down:redis']);

      // A restarted Redis lost everything here (no persistence): it comes back empty, and is used again.
      await redis.start();
      const deadline = Date.now() + 10_000;
      while (!seen.includes('up:redis') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 60));
        await memory.delete(['default:kept']);
        expect(await cache.get('kept')).toBe('v2');
      }
      expect(seen).toEqual(['down:redis', 'up:redis']);
      await cache.set('fresh', 'in redis again');
      expect(cache.stats().tiers['redis']).toMatchObject({ down: false, errors: 1 });
      await memory.delete(['default:fresh']);
      durable.entries.delete('default:fresh');
      expect(await cache.get('fresh')).toBe('in redis again');
    } finally {
      await cache.close();
    }
  });
});
