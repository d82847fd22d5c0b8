import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { Cache } from '../../../src/cache/cache';
import { MemoryTier } from '../../../src/cache/memory-tier';
import { RedisSync } from '../../../src/cache/redis-sync';
import type { TierEntry } from '../../../src/cache/tier';
import { TcpProxy } from '../../support/tcp-proxy';
import { MapByteTier } from '../../cache/map-byte-tier';

const channel = `oven:test:${randomUUID()}:invalidate`;

describe('a change whose sync message could not be sent', () => {
  const closers: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
  });

  it('is sent once the sender reaches Redis again, so instances that stayed connected drop their copy', async () => {
    const proxy = new TcpProxy('127.0.0.1', 6379);
    await proxy.start();
    closers.push(() => proxy.close());
    const shared = new Map<string, TierEntry<Buffer>>();
    const memoryB = new MemoryTier();
    // a reaches Redis through a relay the test can cut; b stays connected the whole time.
    const a = new Cache({
      tiers: [new MemoryTier(), new MapByteTier('durable', shared)],
      sync: new RedisSync({ channel, url: `redis://127.0.0.1:${proxy.port}`, redis: { retryStrategy: () => 20 } }),
    });
    const b = new Cache({ tiers: [memoryB, new MapByteTier('durable', shared)], sync: new RedisSync({ channel }) });
    closers.push(() => a.close(), () => b.close());
    const failures: string[] = [];
    a.on('backgroundError', (event) => failures.push(event.source));
    await Promise.all([a.ready(), b.ready()]);

    const first = once(b, 'invalidated');
    await a.set('guild:1', 'before');
    await first;
    expect(await b.get('guild:1')).toBe('before');

    proxy.cut();
    // Once a's client knows the connection is gone it sends nothing: the message fails at once.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await a.set('guild:1', 'after'); // stored in the shared tier; the message cannot be sent
    expect(failures).toContain('sync');
    expect(memoryB.has('default:guild:1')).toBe(true);

    const heard = new Promise<void>((resolve) => {
      b.on('invalidated', (event) => {
        if (event.keys.includes('default:guild:1')) resolve();
      });
    });
    proxy.restore();
    await heard;
    expect(memoryB.has('default:guild:1')).toBe(false);
    expect(await b.get('guild:1')).toBe('after');
  });

  it('sends one "clear everything" message instead once more than maxUnsent keys and tags were kept', async () => {
    const proxy = new TcpProxy('127.0.0.1', 6379);
    await proxy.start();
    closers.push(() => proxy.close());
    const sender = new RedisSync({ channel, url: `redis://127.0.0.1:${proxy.port}`, maxUnsent: 2, redis: { retryStrategy: () => 20 } });
    const receiver = new RedisSync({ channel });
    closers.push(() => sender.close(), () => receiver.close());
    const received: unknown[] = [];
    await receiver.subscribe((message) => received.push(message));
    await sender.publish({ origin: 'sender', keys: ['default:warm-up'], tags: [], prefixes: [] });
    proxy.cut();
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const key of ['a', 'b', 'c']) {
      await expect(sender.publish({ origin: 'sender', keys: [`default:${key}`], tags: [], prefixes: [] })).rejects.toThrow(/cannot reach Redis/);
    }
    proxy.restore();
    const deadline = Date.now() + 5_000;
    while (received.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(received).toEqual([
      { origin: 'sender', keys: ['default:warm-up'], tags: [], prefixes: [] },
      { origin: 'sender', keys: [], tags: [], prefixes: [''] },
    ]);
  });
});
