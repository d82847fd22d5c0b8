import { Redis } from 'ioredis';
import { createRestProxy, redisLimiterStores, type RestProxy } from '../../src/proxy';
import { serve } from './child';

/** A RestProxy in its own process, as it is deployed. */
export type ProxyCommand =
  | { cmd: 'start'; upstream: string; globalRequestsPerSecond: number; redis?: { url: string; prefix: string } }
  | { cmd: 'cpu' }
  | { cmd: 'close' }
  | { cmd: 'stop' };

let proxy: RestProxy | undefined;
let redis: Redis | undefined;

async function close(): Promise<void> {
  await proxy?.close();
  proxy = undefined;
  await redis?.quit();
  redis = undefined;
}

serve<ProxyCommand>(async (command) => {
  if (command.cmd === 'start') {
    await close();
    let limiterStore;
    if (command.redis !== undefined) {
      // As the CLI opens it: fail fast instead of queueing while Redis is away.
      redis = new Redis(command.redis.url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
      redis.on('error', () => undefined);
      await redis.connect();
      limiterStore = redisLimiterStores(redis, { prefix: command.redis.prefix });
    }
    proxy = await createRestProxy({
      port: 0,
      rest: { baseURL: command.upstream, globalRequestsPerSecond: command.globalRequestsPerSecond },
      ...(limiterStore === undefined ? {} : { limiterStore }),
    }).listen();
    return { apiUrl: proxy.apiUrl };
  }
  if (command.cmd === 'cpu') {
    const used = process.cpuUsage();
    return { micros: used.user + used.system, rateLimitHits: proxy?.snapshot().rest.rateLimitHits ?? 0 };
  }
  await close();
  return { closed: true };
});
