import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisTier } from '../../../src/cache/redis-tier';

const prefix = `oven:test:${randomUUID()}:`;
const admin = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true });
const tier = new RedisTier({ prefix, commandTimeout: 10_000 });

afterAll(async () => {
  await tier.close();
  const keys = await admin.keys(`${prefix}*`);
  if (keys.length > 0) await admin.del(...keys);
  await admin.quit();
});

const entry = (tags: string[], dependsOn: string[], ttl?: number) => ({
  value: Buffer.from('x'),
  tags,
  dependsOn,
  ...(ttl === undefined ? {} : { expiresAt: Date.now() + ttl }),
});

describe('RedisTier tag and dependents sets', () => {
  it('do not keep the names of entries that expired when a member without expiry keeps the set alive', async () => {
    // A guild entry that never expires, and many short-lived message entries under the same tag and parent.
    await tier.set('guilds:1', entry(['guild:1'], []));
    for (let index = 0; index < 300; index += 1) await tier.set(`messages:${index}`, entry(['guild:1'], ['guilds:1'], 30));
    await new Promise((resolve) => setTimeout(resolve, 80)); // every message entry expired in Redis
    for (let index = 300; index < 600; index += 1) await tier.set(`messages:${index}`, entry(['guild:1'], ['guilds:1'], 60_000));

    // 301 and 300 live members; without pruning the sets would hold 601 and 600 names forever.
    expect(await admin.scard(`${prefix}t:guild:1`)).toBeLessThan(400);
    expect(await admin.scard(`${prefix}d:guilds:1`)).toBeLessThan(400);
    // A lookup answers live keys only, and leaves the set holding only them.
    expect((await tier.keysWithTag(['guild:1'])).length).toBe(301);
    expect(await admin.scard(`${prefix}t:guild:1`)).toBe(301);
    expect((await tier.dependentsOf(['guilds:1'])).length).toBe(300);
    expect(await admin.scard(`${prefix}d:guilds:1`)).toBe(300);
  });
});
