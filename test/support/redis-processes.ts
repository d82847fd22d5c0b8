import { Redis } from 'ioredis';

/**
 * Two clients standing for two bot processes that share one Redis. Connects them before the file's
 * tests and, after them, deletes every key under `prefix` and closes both.
 */
export function redisProcesses(prefix: string): { readonly processA: Redis; readonly processB: Redis } {
  const processA = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true });
  const processB = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true });
  beforeAll(async () => {
    await processA.connect();
    await processB.connect();
  });
  afterAll(async () => {
    const keys = await processA.keys(`${prefix}*`);
    if (keys.length > 0) await processA.del(...keys);
    await processA.quit();
    await processB.quit();
  });
  return { processA, processB };
}
