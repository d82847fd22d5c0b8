import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { LimiterStoreError } from '../errors/limiter-store-error';
import { RestUsageError } from '../errors/rest-usage-error';
import {
  PROBE_POLL_MS,
  PROBE_TIMEOUT_MS,
  type AcquireRequest,
  type BucketUpdate,
  type Grant,
  type LimiterStore,
  type Penalty,
} from './limiter-store';
import { ACQUIRE, INVALID_STATE, PENALIZE, RECORD_INVALID, UPDATE } from './redis-scripts';

/** Options of {@link RedisLimiterStore}. */
export interface RedisLimiterStoreOptions {
  /** A connected ioredis client. The store does not close it unless `ownsConnection` is set. */
  redis: Redis;
  /** Prefix of every key, so several bots (or tests) can share one Redis. @defaultValue `'oven:rest:'` */
  prefix?: string;
  /** Close the Redis connection in `close()`. @defaultValue false */
  ownsConnection?: boolean;
}

const IDLE_MS = 5 * 60_000;

/**
 * Rate-limit state in Redis, so every process of one bot shares its buckets, its global limit and
 * its invalid-request count (Discord applies all three per bot or per IP, not per process). Each
 * operation is one Lua script: read, decide and decrement happen atomically. A single Redis node
 * is assumed (the scripts touch keys they compute, which Redis Cluster does not allow).
 *
 * @example
 * ```ts
 * import Redis from 'ioredis';
 * const store = new RedisLimiterStore({ redis: new Redis('redis://127.0.0.1:6379'), prefix: 'mybot:' });
 * const rest = new RestClient({ token, store });
 * ```
 */
export class RedisLimiterStore implements LimiterStore {
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly ownsConnection: boolean;
  /** Hashes learned here or seen in other processes' grants, so queues can follow shared buckets. */
  private readonly hashes = new Map<string, string>();
  private readonly shas = new Map<string, string>();
  private readonly names = new Map<string, string>([
    [ACQUIRE, 'acquire'],
    [UPDATE, 'update'],
    [PENALIZE, 'penalize'],
    [RECORD_INVALID, 'recordInvalid'],
    [INVALID_STATE, 'invalidState'],
  ]);

  public constructor(options: RedisLimiterStoreOptions) {
    if (options === undefined || options.redis === undefined || typeof options.redis.evalsha !== 'function') {
      throw new RestUsageError(
        'OVEN_ERR_REST_BAD_OPTION',
        'RedisLimiterStore needs `redis`, an ioredis client: new RedisLimiterStore({ redis: new Redis() }).',
      );
    }
    this.redis = options.redis;
    this.prefix = options.prefix ?? 'oven:rest:';
    this.ownsConnection = options.ownsConnection ?? false;
  }

  public async acquire(request: AcquireRequest): Promise<Grant> {
    const reply = (await this.run(ACQUIRE, [
      this.prefix,
      request.route,
      request.major,
      request.global ? '1' : '0',
      // 0 tells the script to count no global tokens (an Infinity limit).
      request.globalLimit === Number.POSITIVE_INFINITY ? 0 : request.globalLimit,
      request.globalWindowMs,
      request.invalidWindowMs,
      PROBE_TIMEOUT_MS,
      PROBE_POLL_MS,
      IDLE_MS,
    ])) as [number, string, Grant['reason'], number, string];
    const [waitMs, bucket, reason, invalid, token] = reply;
    const separator = bucket.lastIndexOf('|');
    const key = bucket.slice(0, separator);
    if (key !== request.route) this.hashes.set(request.route, key);
    return { waitMs, bucket, reason, invalid, globalToken: token === '' ? undefined : token };
  }

  public async update(update: BucketUpdate): Promise<void> {
    if ((update.kind === 'limits' || update.kind === 'unlimited') && update.hash !== undefined) this.hashes.set(update.route, update.hash);
    await this.run(UPDATE, [
      this.prefix,
      update.kind,
      update.route,
      update.major,
      update.kind === 'limits' || update.kind === 'unlimited' ? (update.hash ?? '') : '',
      update.kind === 'limits' ? update.limit : 0,
      update.kind === 'limits' ? update.remaining : 0,
      update.kind === 'limits' ? Math.ceil(update.resetAfterMs) : 0,
      IDLE_MS,
      update.globalToken ?? '',
      update.kind === 'limits' ? (update.pending ?? 0) : 0,
    ]);
  }

  public async penalize(penalty: Penalty): Promise<void> {
    await this.run(PENALIZE, [
      this.prefix,
      penalty.route,
      penalty.major,
      penalty.global ? '1' : '0',
      Math.ceil(penalty.retryAfterMs),
      IDLE_MS,
    ]);
  }

  public async recordInvalid(windowMs: number): Promise<number> {
    return Number(await this.run(RECORD_INVALID, [this.prefix, windowMs]));
  }

  public async invalidState(windowMs: number): Promise<{ count: number; nextExpiryMs: number }> {
    const [count, nextExpiryMs] = (await this.run(INVALID_STATE, [this.prefix, windowMs])) as [number, number];
    return { count, nextExpiryMs };
  }

  public hashOf(route: string): string | undefined {
    return this.hashes.get(route);
  }

  public async close(): Promise<void> {
    if (this.ownsConnection) await this.redis.quit();
  }

  /** EVALSHA first (the script body is sent once per connection), EVAL when Redis lost it. */
  private async run(script: string, args: ReadonlyArray<string | number>): Promise<unknown> {
    let sha = this.shas.get(script);
    if (sha === undefined) {
      sha = createHash('sha1').update(script).digest('hex');
      this.shas.set(script, sha);
    }
    try {
      return await this.redis.evalsha(sha, 0, ...args);
    } catch (error) {
      if (!(error instanceof Error && error.message.includes('NOSCRIPT'))) throw new LimiterStoreError(this.names.get(script) ?? 'a script', error);
    }
    try {
      return await this.redis.eval(script, 0, ...args);
    } catch (error) {
      throw new LimiterStoreError(this.names.get(script) ?? 'a script', error);
    }
  }
}
