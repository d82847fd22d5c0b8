import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { Cache } from '../../../src/cache/cache';
import { CacheTierUnavailableError } from '../../../src/cache/cache-errors';
import { MemoryTier } from '../../../src/cache/memory-tier';
import { RedisTier } from '../../../src/cache/redis-tier';
import { deadEndpoint, TcpProxy } from '../../support/tcp-proxy';

const prefix = `oven:test:${randomUUID()}:`;
const admin = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true });
const closers: Array<() => Promise<unknown>> = [];

function tier(options: ConstructorParameters<typeof RedisTier>[0] = {}): RedisTier {
  // Generous timeout: two cores are shared by many suites, and a slow reply is not what is tested here.
  const created = new RedisTier({ prefix, commandTimeout: 10_000, ...options });
  closers.push(() => created.close());
  return created;
}

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
});

afterAll(async () => {
  const keys = await admin.keys(`${prefix}*`);
  if (keys.length > 0) await admin.del(...keys);
  await admin.quit();
});

const entry = (value: string, extra: { tags?: string[]; dependsOn?: string[]; expiresAt?: number } = {}) => ({
  value: Buffer.from(value),
  tags: extra.tags ?? [],
  dependsOn: extra.dependsOn ?? [],
  ...(extra.expiresAt === undefined ? {} : { expiresAt: extra.expiresAt }),
});

describe('RedisTier', () => {
  it('stores bytes with tags, dependencies and expiry, and sets PX on the key', async () => {
    const redis = tier();
    const expiresAt = Date.now() + 60_000;
    await redis.set('ns:a', { value: Buffer.from([0, 255, 1]), tags: ['t'], dependsOn: ['ns:p'], expiresAt });
    const back = await redis.get('ns:a');
    expect(back?.value.equals(Buffer.from([0, 255, 1]))).toBe(true);
    expect(back).toMatchObject({ tags: ['t'], dependsOn: ['ns:p'], expiresAt });
    const pttl = await admin.pttl(`${prefix}v:ns:a`);
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(60_000);
    expect(await redis.get('ns:missing')).toBeUndefined();
  });

  it('keeps tag and dependents sets in step with writes and deletes', async () => {
    const redis = tier();
    await redis.set('ns:1', entry('1', { tags: ['guild:1'], dependsOn: ['ns:root'] }));
    await redis.set('ns:2', entry('2', { tags: ['guild:1'] }));
    expect((await redis.keysWithTag(['guild:1'])).sort()).toEqual(['ns:1', 'ns:2']);
    expect(await redis.dependentsOf(['ns:root'])).toEqual(['ns:1']);
    await redis.set('ns:1', entry('1 again')); // no tags, no dependencies any more
    expect(await redis.keysWithTag(['guild:1'])).toEqual(['ns:2']);
    expect(await redis.dependentsOf(['ns:root'])).toEqual([]);
    await redis.delete(['ns:2', 'ns:never']);
    expect(await admin.exists(`${prefix}t:guild:1`)).toBe(0);
  });

  it('gives a tag set the lifetime of its longest-lived member', async () => {
    const redis = tier();
    await redis.set('ns:short', entry('s', { tags: ['life'], expiresAt: Date.now() + 10_000 }));
    const first = await admin.pttl(`${prefix}t:life`);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(10_000);
    await redis.set('ns:long', entry('l', { tags: ['life'], expiresAt: Date.now() + 50_000 }));
    expect(await admin.pttl(`${prefix}t:life`)).toBeGreaterThan(10_000);
    await redis.set('ns:forever', entry('f', { tags: ['life'] }));
    expect(await admin.pttl(`${prefix}t:life`)).toBe(-1);
  });

  it('clears one namespace by prefix, even with glob characters in it', async () => {
    const redis = tier();
    await redis.set('a*:1', entry('x', { tags: ['g'] }));
    await redis.set('ab:1', entry('y'));
    await redis.clear('a*:');
    expect(await redis.get('a*:1')).toBeUndefined();
    expect(await redis.get('ab:1')).toBeDefined();
    expect(await redis.keysWithTag(['g'])).toEqual([]);
  });

  it('remembers access counts per namespace and returns the hottest first', async () => {
    const redis = tier({ maxHotKeys: 2 });
    await redis.recordAccess('guilds', new Map([['guilds:1', 3], ['guilds:2', 10], ['guilds:3', 1]]));
    await redis.recordAccess('guilds', new Map([['guilds:1', 9]]));
    expect(await redis.hottestKeys('guilds', 5)).toEqual(['guilds:1', 'guilds:2']);
  });

  it('uses a client it is given and leaves it open on close', async () => {
    const client = new Redis({ host: '127.0.0.1', port: 6379 });
    closers.push(() => client.quit());
    const redis = new RedisTier({ client, prefix });
    await redis.set('own:1', entry('mine'));
    await redis.close();
    expect(await client.hget(`${prefix}v:own:1`, 'v')).toBe('mine');
    expect(client.listenerCount('error')).toBe(0);
    await client.del(`${prefix}v:own:1`);
  });

  it('leaves no timer holding the process open after close, even after a flapping connection', async () => {
    // ioredis armed a ref()ed command timer for every command it wrote during each reconnection
    // attempt (INFO, CLIENT SETINFO) and never cleared those whose socket died: jest waited a full
    // commandTimeout after the run. A minute here makes such a leftover impossible to miss.
    const timers = (): number => process.getActiveResourcesInfo().filter((type) => type === 'Timeout').length;
    const before = timers();
    const proxy = new TcpProxy('127.0.0.1', 6379);
    await proxy.start();
    closers.push(() => proxy.close());
    proxy.cut(); // accepts, then hangs up: every attempt gets as far as 'connect'
    const redis = tier({ url: `redis://127.0.0.1:${proxy.port}`, commandTimeout: 60_000, redis: { retryStrategy: () => 5 } });
    const client = (redis as unknown as { connection: { client: Redis } }).connection.client;
    let attempts = 0;
    const flapped = new Promise<void>((resolve) => {
      client.on('connect', () => {
        attempts += 1;
        if (attempts === 20) resolve();
      });
    });
    await expect(redis.connect()).rejects.toThrow(CacheTierUnavailableError);
    await flapped;
    await redis.close();
    await proxy.close();
    // ioredis' own 200 ms disconnect timers (disconnectTimeout) run out by themselves; the leaked
    // command timers would last the minute. 10 s is the generous bound between the two.
    const deadline = Date.now() + 10_000;
    while (timers() > before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it('reports an unreachable server with a coded error naming it', async () => {
    const dead = await deadEndpoint();
    closers.push(dead.close);
    const port = dead.port;
    const redis = tier({ url: `redis://127.0.0.1:${port}` });
    const error = await redis.connect().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CacheTierUnavailableError);
    expect((error as CacheTierUnavailableError).code).toBe('OVEN_ERR_CACHE_TIER_UNAVAILABLE');
    expect((error as Error).message).toContain(`127.0.0.1:${port}`);
    expect((error as Error).message).toContain('Start Redis');
    await expect(redis.get('ns:k')).rejects.toThrow(CacheTierUnavailableError);
  });
});

describe('Cache over memory and Redis', () => {
  it('reads through Redis into memory and invalidates tags in both', async () => {
    const memory = new MemoryTier();
    const cache = new Cache({ tiers: [memory, tier()] });
    closers.push(() => cache.close());
    const guilds = cache.namespace('guilds');
    await guilds.set('1', { id: 1n, name: 'g' }, { tags: ['guild:1'] });
    await memory.clear('');
    expect(await guilds.get('1')).toEqual({ id: 1n, name: 'g' });
    expect(memory.has('guilds:1')).toBe(true);
    await cache.invalidateTag('guild:1');
    expect(memory.has('guilds:1')).toBe(false);
    expect(await admin.exists(`${prefix}v:guilds:1`)).toBe(0);
  });

  it('drops a damaged Redis entry as a miss without taking the tier down', async () => {
    const cache = new Cache({ tiers: [new MemoryTier(), tier({ name: 'damaged' })] });
    closers.push(() => cache.close());
    const seen: string[] = [];
    cache.on('tierDown', () => seen.push('down'));
    cache.on('backgroundError', (event) => seen.push(`${event.source}:${(event.error as { code?: string }).code ?? ''}`));
    await admin.hset(`${prefix}v:default:broken`, 'v', 'x', 'm', '{not json');
    await admin.hset(`${prefix}v:default:odd`, 'v', 'x', 'm', '{"t":"not a list"}');
    expect(await cache.get('broken')).toBeUndefined();
    expect(await cache.get('odd')).toBeUndefined();
    expect(await admin.exists(`${prefix}v:default:broken`, `${prefix}v:default:odd`)).toBe(0);
    expect(seen).toEqual(['decode:OVEN_ERR_CACHE_CORRUPT_ENTRY', 'decode:OVEN_ERR_CACHE_CORRUPT_ENTRY']);
    await cache.set('fine', 1);
    await cache.delete('fine');
    expect(cache.stats().tiers['damaged']?.down).toBe(false);
  });

  it('keeps serving from memory when Redis is unreachable, and reports it', async () => {
    const dead = await deadEndpoint();
    closers.push(dead.close);
    const port = dead.port;
    const cache = new Cache({ tiers: [new MemoryTier(), tier({ name: 'dead', url: `redis://127.0.0.1:${port}` })] });
    closers.push(() => cache.close());
    const downs: unknown[] = [];
    cache.on('tierDown', (event) => downs.push(event));
    await cache.set('k', 'v');
    expect(await cache.get('k')).toBe('v');
    expect(await cache.get('other')).toBeUndefined();
    expect(downs).toHaveLength(1);
    expect((downs[0] as { error: unknown }).error).toBeInstanceOf(CacheTierUnavailableError);
  });

  it('degrades when Redis dies mid-way and replays missed invalidations once it is back', async () => {
    const proxy = new TcpProxy('127.0.0.1', 6379);
    await proxy.start();
    closers.push(() => proxy.close());
    let now = Date.now();
    const memory = new MemoryTier();
    // The write after the cut waits for this timeout to call the tier down: 2 s is still generous
    // for a local Redis, and spares the suite 8 s of the default 10.
    const redis = tier({ name: 'proxied', url: `redis://127.0.0.1:${proxy.port}`, commandTimeout: 2_000, redis: { retryStrategy: () => 20 } });
    const cache = new Cache({ tiers: [memory, redis], tierRetryDelay: 1_000, now: () => now });
    closers.push(() => cache.close());
    const events: string[] = [];
    cache.on('tierDown', (event) => events.push(`down:${event.tier}`));
    cache.on('tierUp', (event) => events.push(`up:${event.tier}`));
    await cache.set('k', 'old');
    proxy.cut();
    await cache.set('k', 'new'); // Redis keeps "old" meanwhile
    expect(await cache.get('k')).toBe('new');
    proxy.restore();
    // Wait (without asserting on time) until ioredis has reconnected through the restored relay.
    while (await redis.connect().then(() => false, () => true)) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    now += 1_000;
    await memory.clear('');
    expect(await cache.get('k')).toBeUndefined(); // "old" was replayed away, not resurrected
    expect(await admin.exists(`${prefix}v:default:k`)).toBe(0);
    expect(events).toEqual(['down:proxied', 'up:proxied']);
  });
});
