import type { Redis } from 'ioredis';
import { RedisLimiterStore, type LimiterStore } from '../rest';
import type { ProxyBot } from './proxy-options';

/**
 * A `limiterStore` function for proxies (and bot processes) sharing one Redis: each bot gets a
 * RedisLimiterStore under `<prefix><bot key>:`, so several proxies serving one token share its
 * buckets and global limit, and different bots never share a global limit. The Redis connection
 * stays yours to close.
 *
 * @example
 * ```ts
 * const redis = new Redis('redis://127.0.0.1:6379');
 * const proxy = createRestProxy({ port: 8081, limiterStore: redisLimiterStores(redis, { prefix: 'proxy:' }) });
 * ```
 */
export function redisLimiterStores(redis: Redis, options: { prefix?: string } = {}): (bot: ProxyBot) => LimiterStore {
  const prefix = options.prefix ?? 'oven:proxy:';
  return (bot) => new RedisLimiterStore({ redis, prefix: `${prefix}${bot.key}:` });
}
