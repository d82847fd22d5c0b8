import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { Cache } from '../../../src/cache/cache';
import { CacheInvalidOptionError, CacheTierUnavailableError } from '../../../src/cache/cache-errors';
import { MemoryTier } from '../../../src/cache/memory-tier';
import { PostgresTier } from '../../../src/cache/postgres-tier';
import { RedisTier } from '../../../src/cache/redis-tier';
import { deadEndpoint, TcpProxy } from '../../support/tcp-proxy';

const run = randomUUID().replace(/-/g, '');
const table = `oven_cache_test_${run}`;
const url = 'postgres://postgres@127.0.0.1:5432/test';
const redisPrefix = `oven:test:${run}:`;
const admin = new DataSource({ type: 'postgres', url });
const redisAdmin = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true });
const closers: Array<() => Promise<unknown>> = [];

function postgres(options: ConstructorParameters<typeof PostgresTier>[0] = {}): PostgresTier {
  const tier = new PostgresTier({ url, table, connectTimeout: 10_000, ...options });
  closers.push(() => tier.close());
  return tier;
}

const entry = (value: string, extra: { tags?: string[]; dependsOn?: string[]; expiresAt?: number } = {}) => ({
  value: Buffer.from(value),
  tags: extra.tags ?? [],
  dependsOn: extra.dependsOn ?? [],
  ...(extra.expiresAt === undefined ? {} : { expiresAt: extra.expiresAt }),
});

beforeAll(async () => {
  await admin.initialize();
});

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
});

afterAll(async () => {
  await admin.query(`DROP TABLE IF EXISTS "${table}"`);
  await admin.destroy();
  const keys = await redisAdmin.keys(`${redisPrefix}*`);
  if (keys.length > 0) await redisAdmin.del(...keys);
  await redisAdmin.quit();
});

describe('PostgresTier', () => {
  it('creates its table, upserts, and never returns expired rows', async () => {
    const tier = postgres();
    const expiresAt = Date.now() + 60_000;
    await tier.set('ns:a', { value: Buffer.from([0, 1, 255]), tags: ['t'], dependsOn: ['ns:p'], expiresAt });
    const back = await tier.get('ns:a');
    expect(back?.value.equals(Buffer.from([0, 1, 255]))).toBe(true);
    expect(back).toMatchObject({ tags: ['t'], dependsOn: ['ns:p'], expiresAt });
    await tier.set('ns:a', entry('second'));
    expect((await tier.get('ns:a'))?.value.toString()).toBe('second');
    expect((await tier.get('ns:a'))?.expiresAt).toBeUndefined();
    await tier.set('ns:old', entry('old', { expiresAt: Date.now() - 1 }));
    expect(await tier.get('ns:old')).toBeUndefined();
    expect(await tier.sweep()).toBe(1);
    const rows = (await admin.query(`SELECT key FROM "${table}" ORDER BY key`)) as Array<{ key: string }>;
    expect(rows.map((row) => row.key)).toEqual(['ns:a']);
    await tier.delete(['ns:a']);
  });

  it('sweeps expired rows in the background and reports each sweep', async () => {
    let report: (result: unknown) => void = () => undefined;
    const swept = new Promise((resolve) => (report = resolve));
    const sweeping = postgres({
      sweepInterval: 20,
      onSweep: (result) => {
        if ('deleted' in result && result.deleted > 0) report(result);
        if ('error' in result) report(result);
      },
    });
    await sweeping.set('sw:gone', entry('x', { expiresAt: Date.now() - 1 }));
    expect(await swept).toEqual({ deleted: 1 });
    const rows = (await admin.query(`SELECT key FROM "${table}" WHERE key = 'sw:gone'`)) as unknown[];
    expect(rows).toEqual([]);
  });

  it('finds keys by tag and by dependency, and clears by prefix', async () => {
    const tier = postgres();
    await tier.set('p:1', entry('1', { tags: ['guild:1'], dependsOn: ['p:root'] }));
    await tier.set('p:2', entry('2', { tags: ['guild:1', 'guild:2'] }));
    await tier.set('q:1', entry('3'));
    expect((await tier.keysWithTag(['guild:1'])).sort()).toEqual(['p:1', 'p:2']);
    expect(await tier.dependentsOf(['p:root'])).toEqual(['p:1']);
    await tier.clear('p:');
    expect(await tier.keysWithTag(['guild:1', 'guild:2'])).toEqual([]);
    expect(await tier.get('q:1')).toBeDefined();
    await tier.clear('');
  });

  it('uses a DataSource it is given, initialising it if needed, and leaves it open on close', async () => {
    const dataSource = new DataSource({ type: 'postgres', url });
    closers.push(() => dataSource.destroy());
    const tier = new PostgresTier({ dataSource, table });
    await tier.set('own:1', entry('mine'));
    await tier.close();
    expect(dataSource.isInitialized).toBe(true);
    const rows = (await dataSource.query(`SELECT value FROM "${table}" WHERE key = 'own:1'`)) as Array<{ value: Buffer }>;
    expect(rows[0]?.value.toString()).toBe('mine');
    await dataSource.query(`DELETE FROM "${table}" WHERE key = 'own:1'`);
  });

  it('reports an unreachable server with a coded error naming it', async () => {
    const dead = await deadEndpoint();
    closers.push(dead.close);
    const port = dead.port;
    const tier = postgres({ url: `postgres://postgres@127.0.0.1:${port}/test` });
    const error = await tier.connect().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CacheTierUnavailableError);
    expect((error as CacheTierUnavailableError).code).toBe('OVEN_ERR_CACHE_TIER_UNAVAILABLE');
    expect((error as Error).message).toContain(`127.0.0.1:${port}/test`);
    expect((error as Error).message).toContain('Start PostgreSQL');
  });

  it('rejects a table name that would need quoting', () => {
    expect(() => new PostgresTier({ table: 'cache; DROP TABLE users' })).toThrow(CacheInvalidOptionError);
  });
});

describe('Cache over memory, Redis and PostgreSQL', () => {
  function threeTiers(extra: { postgresWrite?: 'through' | 'behind' } = {}) {
    const memory = new MemoryTier();
    const redis = new RedisTier({ prefix: redisPrefix, commandTimeout: 10_000 });
    const pg = new PostgresTier({ url, table, connectTimeout: 10_000 });
    const cache = new Cache({ tiers: [memory, redis, { tier: pg, write: extra.postgresWrite ?? 'through' }] });
    closers.push(() => cache.close());
    return { memory, redis, pg, cache };
  }

  it('reads through PostgreSQL into Redis and memory, and cascades invalidations across all three', async () => {
    const { memory, redis, pg, cache } = threeTiers();
    const guilds = cache.namespace('g3');
    await guilds.set('1', { id: 1n, name: 'oven' }, { tags: ['guild:1'] });
    await guilds.set('1:summary', 'oven (1)', { dependsOn: ['1'] });
    await memory.clear('');
    await redis.clear('');
    expect(await guilds.get('1')).toEqual({ id: 1n, name: 'oven' });
    expect(memory.has('g3:1')).toBe(true);
    expect(await redis.get('g3:1')).toBeDefined();
    expect(cache.stats().namespaces['g3']?.tiers['postgres']).toMatchObject({ hits: 1 });
    await cache.invalidateTag('guild:1');
    expect(await pg.get('g3:1')).toBeUndefined();
    expect(await pg.get('g3:1:summary')).toBeUndefined(); // dependent, known only to the lower tiers
    expect(await guilds.get('1:summary')).toBeUndefined();
  });

  it('writes behind to PostgreSQL in batched upserts and flushes everything on close', async () => {
    const { cache } = threeTiers({ postgresWrite: 'behind' });
    const wb = cache.namespace('wb');
    for (let i = 0; i < 600; i += 1) await wb.set(String(i), { i }, { tags: [`t${i % 3}`], ...(i % 2 === 0 ? { ttl: 60_000 } : {}) });
    await wb.set('0', { i: 'latest' });
    await cache.close();
    const rows = (await admin.query(
      `SELECT key, convert_from(value, 'UTF8') AS json, tags, expires_at FROM "${table}" WHERE starts_with(key, 'wb:') ORDER BY key`,
    )) as Array<{ key: string; json: string; tags: string[]; expires_at: Date | null }>;
    expect(rows).toHaveLength(600);
    const byKey = new Map(rows.map((row) => [row.key, row]));
    expect(JSON.parse(byKey.get('wb:0')?.json ?? 'null')).toEqual({ i: 'latest' });
    expect(byKey.get('wb:5')).toMatchObject({ tags: ['t2'], expires_at: null });
    expect(byKey.get('wb:4')?.expires_at).toBeInstanceOf(Date);
    await admin.query(`DELETE FROM "${table}" WHERE starts_with(key, 'wb:')`);
  });

  it('keeps serving when PostgreSQL dies mid-way, and replays what it missed once it is back', async () => {
    const proxy = new TcpProxy('127.0.0.1', 5432);
    await proxy.start();
    closers.push(() => proxy.close());
    let now = Date.now();
    const memory = new MemoryTier();
    const pg = postgres({ name: 'pg-proxied', url: `postgres://postgres@127.0.0.1:${proxy.port}/test` });
    const cache = new Cache({ tiers: [memory, pg], tierRetryDelay: 1_000, now: () => now });
    closers.push(() => cache.close());
    const events: string[] = [];
    cache.on('tierDown', (event) => events.push(`down:${event.tier}`));
    cache.on('tierUp', (event) => events.push(`up:${event.tier}`));
    await cache.set('pk', 'old');
    proxy.cut();
    await cache.set('pk', 'new');
    expect(await cache.get('pk')).toBe('new');
    proxy.restore();
    now += 1_000;
    await memory.clear('');
    expect(await cache.get('pk')).toBeUndefined(); // "old" was deleted on recovery, not served
    expect(events).toEqual(['down:pg-proxied', 'up:pg-proxied']);
    const rows = (await admin.query(`SELECT key FROM "${table}" WHERE key = 'default:pk'`)) as unknown[];
    expect(rows).toEqual([]);
  });
});
