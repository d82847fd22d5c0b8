import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { LimiterStoreError, RedisLimiterStore, RestClient, RestUsageError, type LimiterStore } from '../../../src/rest';
import { limiterStoreContract } from '../../rest/limiter/limiter-store-contract';

const connections = new Map<LimiterStore, { redis: Redis; prefix: string }>();

async function cleanUp(redis: Redis, prefix: string): Promise<void> {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
}

limiterStoreContract(
  'RedisLimiterStore',
  async () => {
    const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true });
    await redis.connect();
    const prefix = `oven-test:${randomUUID()}:`;
    const store = new RedisLimiterStore({ redis, prefix });
    connections.set(store, { redis, prefix });
    return store;
  },
  async (store) => {
    const entry = connections.get(store)!;
    connections.delete(store);
    await cleanUp(entry.redis, entry.prefix);
    await store.close();
    await entry.redis.quit();
  },
);

describe('RedisLimiterStore', () => {
  it('learns a hash another process recorded, so both count against one bucket', async () => {
    const redisA = new Redis({ host: '127.0.0.1', port: 6379 });
    const redisB = new Redis({ host: '127.0.0.1', port: 6379 });
    const prefix = `oven-test:${randomUUID()}:`;
    const a = new RedisLimiterStore({ redis: redisA, prefix });
    const b = new RedisLimiterStore({ redis: redisB, prefix, ownsConnection: true });
    try {
      const request = {
        route: 'POST /channels/:id/messages',
        major: '1',
        global: true,
        globalLimit: 50,
        globalWindowMs: 1000,
        invalidWindowMs: 600_000,
      };
      await a.acquire(request);
      await a.update({ kind: 'limits', route: request.route, major: '1', hash: 'h', limit: 2, remaining: 1, resetAfterMs: 60_000 });
      expect(b.hashOf(request.route)).toBeUndefined();
      expect(await b.acquire(request)).toMatchObject({ waitMs: 0, bucket: 'h|1' });
      expect(b.hashOf(request.route)).toBe('h');
      expect((await a.acquire(request)).reason).toBe('bucket');
      // The script survives SCRIPT FLUSH: EVALSHA falls back to EVAL.
      await redisA.script('FLUSH');
      expect((await a.acquire(request)).reason).toBe('bucket');
    } finally {
      await cleanUp(redisA, prefix);
      await a.close();
      await redisA.quit();
      await b.close();
    }
  });

  it('fails a request with a typed error, unsent, when Redis is unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const redis = new Redis({ host: '127.0.0.1', port, lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    redis.on('error', () => undefined);
    const rest = new RestClient({ token: 't', baseURL: 'http://127.0.0.1:9/api', store: new RedisLimiterStore({ redis }) });
    try {
      const error = await rest.get('/users/@me').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(LimiterStoreError);
      expect(error).toMatchObject({ code: 'OVEN_ERR_REST_STORE' });
      expect((error as Error).message).toContain('during acquire');
    } finally {
      await rest.close();
      redis.disconnect();
    }
  });

  it('names the missing client in a typed error', () => {
    expect(() => new RedisLimiterStore({} as never)).toThrow(RestUsageError);
  });
});
