import type { CooldownResult, CooldownStore } from './cooldown-store';

/** The subset of an ioredis client the store uses, so tests and other clients can stand in. */
export interface RedisEvalClient {
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
}

// One round trip, atomic across processes: count the use, start the window on the first one, and
// refuse (without counting) once the limit is reached so a spammer cannot extend their own wait.
const CONSUME = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
local limit = tonumber(ARGV[1])
if count >= limit then
  return {0, count, redis.call('PTTL', KEYS[1])}
end
count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return {1, count, ttl}
`;

/**
 * Cooldown counts in Redis, shared by every process of the bot. Give it an ioredis client you
 * own (the store does not close it).
 *
 * @example
 * ```ts
 * import Redis from 'ioredis';
 * const store = new RedisCooldownStore(new Redis('redis://127.0.0.1:6379'), { prefix: 'mybot:cd:' });
 * ```
 */
export class RedisCooldownStore implements CooldownStore {
  private readonly prefix: string;

  public constructor(
    private readonly redis: RedisEvalClient,
    options: { prefix?: string } = {},
  ) {
    this.prefix = options.prefix ?? 'ovenjs:cooldown:';
  }

  public async consume(key: string, limit: number, windowMs: number): Promise<CooldownResult> {
    const reply = (await this.redis.eval(CONSUME, 1, this.prefix + key, limit, Math.max(1, Math.ceil(windowMs)))) as [number, number, number];
    const [allowed, count, ttl] = reply;
    const retryAfterMs = Math.max(0, Number(ttl));
    return allowed === 1
      ? { allowed: true, remaining: Math.max(0, limit - Number(count)), retryAfterMs }
      : { allowed: false, remaining: 0, retryAfterMs };
  }
}
