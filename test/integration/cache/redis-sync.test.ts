import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { Cache } from '../../../src/cache/cache';
import { MemoryTier } from '../../../src/cache/memory-tier';
import { RedisSync } from '../../../src/cache/redis-sync';
import { RedisTier } from '../../../src/cache/redis-tier';
import { TcpProxy } from '../../support/tcp-proxy';

const run = randomUUID();
const prefix = `oven:test:${run}:`;
const channel = `oven:test:${run}:invalidate`;
const admin = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true });
const caches: Cache[] = [];

function instance(memory: MemoryTier): Cache {
  const cache = new Cache({ tiers: [memory, new RedisTier({ prefix })], sync: new RedisSync({ channel }) });
  caches.push(cache);
  return cache;
}

afterAll(async () => {
  for (const cache of caches) await cache.close();
  const keys = await admin.keys(`${prefix}*`);
  if (keys.length > 0) await admin.del(...keys);
  await admin.quit();
});

describe('cross-instance sync over Redis pub/sub', () => {
  it("drops another instance's memory copy when a key, a dependency or a tag changes", async () => {
    const memoryA = new MemoryTier();
    const memoryB = new MemoryTier();
    const a = instance(memoryA);
    const b = instance(memoryB);
    await Promise.all([a.ready(), b.ready()]);

    // b hears about every write of a; wait for this one so that b's read below is not racing it.
    const first = once(b, 'invalidated');
    await a.set('guild:1', { name: 'before' });
    await first;
    expect(await b.get('guild:1')).toEqual({ name: 'before' });
    expect(memoryB.has('default:guild:1')).toBe(true);

    const heard = once(b, 'invalidated');
    await a.set('guild:1', { name: 'after' });
    const [event] = (await heard) as [{ keys: string[]; remote: boolean }];
    expect(event).toMatchObject({ keys: ['default:guild:1'], remote: true });
    expect(memoryB.has('default:guild:1')).toBe(false);
    expect(await b.get('guild:1')).toEqual({ name: 'after' });

    await b.set('channels', ['general'], { tags: ['guild:1'] });
    const tagHeard = once(b, 'invalidated');
    await a.invalidateTag('guild:1');
    await tagHeard;
    expect(memoryB.has('default:channels')).toBe(false);
    expect(await b.get('channels')).toBeUndefined();
  });

  it('ignores messages on the channel that are not cache invalidations', async () => {
    const memory = new MemoryTier();
    const cache = instance(memory);
    await cache.ready();
    await cache.set('k', 1);
    const invalidated: unknown[] = [];
    cache.on('invalidated', (event) => invalidated.push(event));
    await admin.publish(channel, 'not json');
    await admin.publish(channel, JSON.stringify({ origin: 'x', keys: 'default:k' }));
    // A valid message sent after the bad ones proves they were read and skipped, in order.
    const heard = once(cache, 'invalidated');
    await admin.publish(channel, JSON.stringify({ origin: 'other', keys: ['default:zzz'], tags: [], prefixes: [] }));
    await heard;
    expect(invalidated).toEqual([{ keys: ['default:zzz'], tags: [], remote: true }]);
    expect(await cache.get('k')).toBe(1);
  });

  it('starts syncing once Redis comes up, when it was down at start', async () => {
    const proxy = new TcpProxy('127.0.0.1', 6379);
    await proxy.start();
    proxy.cut(); // the port is known but nothing answers: Redis is "down"
    const memory = new MemoryTier();
    const late = new Cache({
      tiers: [memory],
      sync: new RedisSync({ channel, url: `redis://127.0.0.1:${proxy.port}`, redis: { retryStrategy: () => 20 } }),
    });
    caches.push(late);
    const failures: unknown[] = [];
    late.on('backgroundError', (event) => failures.push(event));
    await late.ready();
    expect(failures).toHaveLength(1);
    await late.set('k', 'stale');
    proxy.restore();
    try {
      const heard = once(late, 'invalidated');
      // Publish until the late subscriber is listening: delivery is at most once by design.
      const publisher = new Redis({ host: '127.0.0.1', port: 6379 });
      let received = false;
      void heard.then(() => (received = true));
      while (!received) {
        await publisher.publish(channel, JSON.stringify({ origin: 'other', keys: ['default:k'], tags: [], prefixes: [] }));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await publisher.quit();
      expect(memory.has('default:k')).toBe(false);
    } finally {
      await late.close();
      await proxy.close();
    }
  });
});
