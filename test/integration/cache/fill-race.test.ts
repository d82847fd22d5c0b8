import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { Cache } from '../../../src/cache/cache';
import { MemoryTier } from '../../../src/cache/memory-tier';
import { PostgresTier } from '../../../src/cache/postgres-tier';
import { RedisTier } from '../../../src/cache/redis-tier';
import type { TierEntry } from '../../../src/cache/tier';
import { HeldReadsTier } from '../../cache/held-reads-tier';
import { MapByteTier } from '../../cache/map-byte-tier';

const prefix = `oven:test:${randomUUID()}:`;
const table = `oven_fill_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
const admin = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true });
const postgresUrl = 'postgres://postgres@127.0.0.1:5432/test';

afterAll(async () => {
  const keys = await admin.keys(`${prefix}*`);
  if (keys.length > 0) await admin.del(...keys);
  await admin.quit();
  const postgresAdmin = new DataSource({ type: 'postgres', url: postgresUrl });
  await postgresAdmin.initialize();
  await postgresAdmin.query(`DROP TABLE IF EXISTS "${table}"`);
  await postgresAdmin.destroy();
});

describe('copying a value read from a lower tier into a shared tier', () => {
  it('never overwrites what another process wrote there meanwhile', async () => {
    const durable = new Map<string, TierEntry<Buffer>>();
    const slowDurable = new HeldReadsTier('durable', durable);
    const processA = new Cache({ tiers: [new MemoryTier(), new RedisTier({ prefix }), new MapByteTier('durable', durable)] });
    const memoryB = new MemoryTier();
    const processB = new Cache({ tiers: [memoryB, new RedisTier({ prefix }), slowDurable] });
    try {
      await processA.set('guild:1', 'v1');
      await admin.del(`${prefix}v:default:guild:1`); // Redis dropped it (memory pressure, restart)

      const release = slowDurable.holdReads();
      const reading = processB.get('guild:1'); // misses memory and Redis, reads v1 from the durable tier
      await new Promise((resolve) => setTimeout(resolve, 50));
      await processA.set('guild:1', 'v2'); // meanwhile: v2 in Redis and in the durable tier
      release();
      expect(await reading).toBe('v1'); // it was read before the write

      // Redis must still hold v2: a process reading it now must not get v1 back.
      const fresh = new Cache({ tiers: [new RedisTier({ prefix })] });
      try {
        expect(await fresh.get('guild:1')).toBe('v2');
      } finally {
        await fresh.close();
      }
    } finally {
      await processA.close();
      await processB.close();
    }
  });

  it('fills PostgreSQL only where it holds no live row (an expired row is replaced)', async () => {
    const postgres = new PostgresTier({ url: postgresUrl, table });
    try {
      await postgres.set('k', { value: Buffer.from('newer'), tags: [], dependsOn: [] });
      await postgres.setIfAbsent('k', { value: Buffer.from('older'), tags: [], dependsOn: [] });
      expect((await postgres.get('k'))?.value.toString()).toBe('newer');
      await postgres.set('gone', { value: Buffer.from('expired'), tags: [], dependsOn: [], expiresAt: Date.now() - 1_000 });
      await postgres.setIfAbsent('gone', { value: Buffer.from('filled'), tags: ['t'], dependsOn: [] });
      expect(await postgres.get('gone')).toMatchObject({ tags: ['t'] });
      expect((await postgres.get('gone'))?.value.toString()).toBe('filled');
    } finally {
      await postgres.close();
    }
  });
});
