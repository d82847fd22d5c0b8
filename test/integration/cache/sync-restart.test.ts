import { once } from 'node:events';
import { Redis } from 'ioredis';
import { Cache } from '../../../src/cache/cache';
import { MemoryTier } from '../../../src/cache/memory-tier';
import { RedisSync } from '../../../src/cache/redis-sync';
import type { TierEntry } from '../../../src/cache/tier';
import { MapByteTier } from '../../cache/map-byte-tier';
import { PrivateRedis } from './private-redis';

const channel = 'oven:test:sync-restart';

describe('cross-instance sync across a Redis restart', () => {
  const redis = new PrivateRedis();
  const caches: Cache[] = [];
  beforeAll(() => redis.start());
  afterAll(async () => {
    for (const cache of caches) await cache.close().catch(() => undefined);
    await redis.close();
  });

  /** Two bot processes: their own memory tiers over one shared durable tier, synced through the private Redis. */
  function instance(shared: Map<string, TierEntry<Buffer>>): { cache: Cache; memory: MemoryTier } {
    const memory = new MemoryTier();
    const cache = new Cache({
      tiers: [memory, new MapByteTier('durable', shared)],
      sync: new RedisSync({ channel, redis: { path: redis.path, retryStrategy: () => 20 } }),
    });
    cache.on('backgroundError', () => undefined);
    caches.push(cache);
    return { cache, memory };
  }

  /** Publishes a harmless message until `cache` hears it: proof that its subscriber is back. */
  async function untilSubscribed(cache: Cache): Promise<void> {
    const publisher = new Redis({ path: redis.path });
    try {
      let heard = false;
      const onInvalidated = (event: { keys: readonly string[] }): void => {
        if (event.keys.includes('probe:probe')) heard = true;
      };
      cache.on('invalidated', onInvalidated);
      while (!heard) {
        await publisher.publish(channel, JSON.stringify({ origin: 'probe', keys: ['probe:probe'], tags: [], prefixes: [] }));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      cache.off('invalidated', onInvalidated);
    } finally {
      publisher.disconnect();
    }
  }

  it('does not keep serving from memory what another instance changed while Redis was down', async () => {
    const shared = new Map<string, TierEntry<Buffer>>();
    const a = instance(shared);
    const b = instance(shared);
    await Promise.all([a.cache.ready(), b.cache.ready()]);

    const heard = once(b.cache, 'invalidated');
    await a.cache.set('guild:1', 'before');
    await heard;
    expect(await b.cache.get('guild:1')).toBe('before');
    expect(b.memory.has('default:guild:1')).toBe(true);

    const resynced: string[][] = [];
    b.cache.on('resynced', (event) => resynced.push([...event.tiers]));
    await redis.kill();
    await a.cache.set('guild:1', 'after'); // stored; its message cannot be sent
    expect(await b.cache.get('guild:1')).toBe('before'); // nothing can tell b yet
    await redis.start();
    await untilSubscribed(b.cache);

    // b missed the message, so it must have dropped its local copies when it subscribed again.
    expect(b.memory.has('default:guild:1')).toBe(false);
    expect(await b.cache.get('guild:1')).toBe('after');
    expect(resynced).toEqual([['memory']]);
  });

  it('clears what it cached before its first subscription, when Redis was down at start', async () => {
    await redis.kill();
    const shared = new Map<string, TierEntry<Buffer>>();
    const late = instance(shared);
    await late.cache.ready(); // reported as a background error, not thrown
    await late.cache.set('k', 'cached while unsynced');
    expect(late.memory.has('default:k')).toBe(true);
    const resynced = once(late.cache, 'resynced');
    await redis.start();
    await resynced;
    expect(late.memory.has('default:k')).toBe(false);
    expect(await late.cache.get('k')).toBe('cached while unsynced'); // still in the durable tier
  });
});
