import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { Cache, LruCache, MemoryTier, RedisTier } from '../../src/cache';
import { median, nsPerOp, retainedBytes, retainedBytesAsync } from './measure';

const N = 100_000;
const ROUNDS = 5;

/** A small Discord-like payload, distinct per key as real cached users would be. */
function user(index: number): { id: string; username: string; discriminator: string; bot: boolean } {
  return { id: String(175928847299117063n + BigInt(index)), username: `user ${index}`, discriminator: '0', bot: false };
}

interface Row {
  readonly measure: string;
  readonly baseline: string;
  readonly value: number;
  readonly baselineValue: number;
  readonly unit: string;
  readonly ratio: number;
}

const row = (measure: string, value: number, baseline: string, baselineValue: number, unit: string): Row => ({
  measure,
  baseline,
  value,
  baselineValue,
  unit,
  ratio: value / baselineValue,
});

async function memoryThroughput(): Promise<Row[]> {
  const keys = Array.from({ length: N }, (_, index) => `user:${index}`);
  const values = keys.map((_, index) => user(index));
  // A fixed shuffled order so both structures read the same keys in the same order.
  const order = keys.map((_, index) => (index * 7919) % N);

  // Every set round inserts into an emptied structure, so each measures insertion, not overwrite.
  const map = new Map<string, unknown>();
  const mapSet = await nsPerOp(ROUNDS, N, () => {
    map.clear();
    for (let i = 0; i < N; i += 1) map.set(keys[i] as string, values[i]);
  });
  let sink = 0;
  const mapGet = await nsPerOp(ROUNDS, N, () => {
    for (const i of order) if (map.get(keys[i] as string) !== undefined) sink += 1;
  });

  const lru = new LruCache<unknown>({ maxEntries: N });
  const lruSet = await nsPerOp(ROUNDS, N, () => {
    lru.clear();
    for (let i = 0; i < N; i += 1) lru.set(keys[i] as string, values[i]);
  });
  const lruGet = await nsPerOp(ROUNDS, N, () => {
    for (const i of order) if (lru.get(keys[i] as string) !== undefined) sink += 1;
  });
  const evicting = new LruCache<unknown>({ maxEntries: N / 10 });
  const lruEvictingSet = await nsPerOp(ROUNDS, N, () => {
    evicting.clear();
    for (let i = 0; i < N; i += 1) evicting.set(keys[i] as string, values[i]);
  });
  const sized = new LruCache<unknown>({ maxEntries: N, maxBytes: 1 << 30 });
  const lruSizedSet = await nsPerOp(ROUNDS, N, () => {
    sized.clear();
    for (let i = 0; i < N; i += 1) sized.set(keys[i] as string, values[i]);
  });

  // The façade is async: this baseline pays the same await per read, to show what is the façade's own.
  const awaitedMapGet = await nsPerOp(ROUNDS, N, async () => {
    for (const i of order) if ((await Promise.resolve(map.get(keys[i] as string))) !== undefined) sink += 1;
  });

  const cache = new Cache({ tiers: [new MemoryTier({ maxEntries: N })] });
  for (let i = 0; i < N; i += 1) await cache.set(keys[i] as string, values[i]);
  const cacheGet = await nsPerOp(ROUNDS, N, async () => {
    for (const i of order) if ((await cache.get(keys[i] as string)) !== undefined) sink += 1;
  });
  // What a `hit` listener (telemetry's) adds per memory hit: the payload is built only while listened to.
  let heard = 0;
  const onHit = (): void => {
    heard += 1;
  };
  cache.on('hit', onHit);
  const cacheGetListened = await nsPerOp(ROUNDS, N, async () => {
    for (const i of order) if ((await cache.get(keys[i] as string)) !== undefined) sink += 1;
  });
  cache.off('hit', onHit);
  await cache.close();
  if (sink === 0 || heard === 0) throw new Error('reads found nothing');

  return [
    row('LruCache.set', lruSet, 'Map.set', mapSet, 'ns/op'),
    row('LruCache.get', lruGet, 'Map.get', mapGet, 'ns/op'),
    row('LruCache.set, evicting (bound N/10)', lruEvictingSet, 'Map.set', mapSet, 'ns/op'),
    row('LruCache.set with maxBytes (sizes each value)', lruSizedSet, 'Map.set', mapSet, 'ns/op'),
    row('Cache.get, memory hit (async facade)', cacheGet, 'Map.get', mapGet, 'ns/op'),
    row('Cache.get, memory hit (async facade)', cacheGet, 'await Promise.resolve(Map.get)', awaitedMapGet, 'ns/op'),
    row('Cache.get, memory hit, with a hit listener', cacheGetListened, 'Cache.get, memory hit, nobody listening', cacheGet, 'ns/op'),
  ];
}

async function memoryPerEntry(): Promise<Row[]> {
  const keys = Array.from({ length: N }, (_, index) => `user:${index}`);
  const mapBytes = retainedBytes(() => {
    const map = new Map<string, unknown>();
    for (let i = 0; i < N; i += 1) map.set(keys[i] as string, user(i));
    return map;
  });
  const lruBytes = retainedBytes(() => {
    const lru = new LruCache<unknown>({ maxEntries: N });
    for (let i = 0; i < N; i += 1) lru.set(keys[i] as string, user(i));
    return lru;
  });
  let cache: Cache | undefined;
  const cacheBytes = await retainedBytesAsync(async () => {
    cache = new Cache({ tiers: [new MemoryTier({ maxEntries: N })] });
    for (let i = 0; i < N; i += 1) await cache.set(keys[i] as string, user(i));
    return cache;
  });
  await cache?.close();
  return [
    row('LruCache heap per entry (key + value + node)', lruBytes / N, 'Map heap per entry', mapBytes / N, 'bytes'),
    row('Cache over MemoryTier, heap per entry (adds entry record, namespaced key)', cacheBytes / N, 'Map heap per entry', mapBytes / N, 'bytes'),
  ];
}

async function redisReadThrough(): Promise<Row[] | string> {
  const prefix = `oven:bench:${randomUUID()}:`;
  const raw = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await raw.connect();
  } catch (error) {
    raw.disconnect();
    return `skipped: Redis at 127.0.0.1:6379 unreachable (${(error as Error).message})`;
  }
  const count = 2_000;
  const keys = Array.from({ length: count }, (_, index) => `user:${index}`);
  const redisOnly = new Cache({ tiers: [new RedisTier({ prefix })] });
  const memory = new MemoryTier({ maxEntries: count });
  const tiered = new Cache({ tiers: [memory, new RedisTier({ prefix })] });
  try {
    for (let i = 0; i < count; i += 1) {
      await redisOnly.set(keys[i] as string, user(i));
      await raw.set(`${prefix}raw:${keys[i]}`, JSON.stringify(user(i)));
    }
    const sequential = async (read: (key: string) => Promise<unknown>): Promise<number> => {
      const samples: number[] = [];
      for (let round = 0; round <= ROUNDS; round += 1) {
        const start = performance.now();
        for (const key of keys) await read(key);
        if (round > 0) samples.push(((performance.now() - start) * 1000) / count);
      }
      return median(samples);
    };
    const rawGet = await sequential(async (key) => JSON.parse((await raw.get(`${prefix}raw:${key}`)) ?? 'null'));
    const cacheGet = await sequential((key) => redisOnly.get(key));
    const fillGet = await sequential(async (key) => {
      await memory.delete([`default:${key}`]);
      return tiered.get(key);
    });
    return [
      row('Cache.get from RedisTier (HMGET + decode)', cacheGet, 'ioredis GET + JSON.parse', rawGet, 'us/op'),
      row('Cache.get memory miss -> Redis -> fill memory', fillGet, 'ioredis GET + JSON.parse', rawGet, 'us/op'),
    ];
  } finally {
    // Closing saves access counts to Redis, so the sweep of this run's keys comes after.
    await redisOnly.close();
    await tiered.close();
    const leftovers = await raw.keys(`${prefix}*`);
    if (leftovers.length > 0) await raw.del(...leftovers);
    await raw.quit();
  }
}

export async function main(): Promise<void> {
  const rows = [...(await memoryThroughput()), ...(await memoryPerEntry())];
  const redis = await redisReadThrough();
  if (typeof redis === 'string') console.log(`Redis read-through: ${redis}`);
  else rows.push(...redis);
  console.table(
    rows.map((r) => ({
      measure: r.measure,
      value: `${r.value.toFixed(1)} ${r.unit}`,
      baseline: `${r.baseline}: ${r.baselineValue.toFixed(1)} ${r.unit}`,
      ratio: `${r.ratio.toFixed(2)}x`,
    })),
  );
  const out = join(__dirname, '..', '..', '.bench-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'cache.json'),
    `${JSON.stringify({ node: process.version, entries: N, rounds: ROUNDS, redis: typeof redis === 'string' ? redis : 'measured', rows }, null, 2)}\n`,
  );
}

// Also runnable on its own: `npx ts-node --transpile-only bench/cache/main.ts`.
if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
