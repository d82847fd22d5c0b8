import { Redis, type RedisOptions } from 'ioredis';

/** How to open a client that OvenJS owns (and closes). */
export interface FailFastRedisOptions {
  /** @defaultValue 'redis://127.0.0.1:6379' */
  readonly url?: string | undefined;
  /** Milliseconds before a command counts as failed. @defaultValue 1000 */
  readonly commandTimeout?: number | undefined;
  /** Reconnection back-off: `attempt * stepMs`, capped at `maxMs`. */
  readonly retry: { readonly stepMs: number; readonly maxMs: number };
  /** Extra ioredis options; they win over the defaults here. */
  readonly redis?: RedisOptions | undefined;
}

/**
 * Opens a Redis client that fails fast while Redis is away instead of queueing commands for
 * minutes (ioredis' default), so callers can report the outage and degrade at once; it reconnects
 * in the background. Shared by the cache tier and the state transport.
 *
 * @example
 * ```ts
 * const client = createFailFastRedis({ url: 'redis://127.0.0.1:6379', retry: { stepMs: 200, maxMs: 2000 } });
 * client.on('error', (error) => report(error)); // without a listener ioredis prints every failed reconnection
 * ```
 */
export function createFailFastRedis(options: FailFastRedisOptions): Redis {
  return new Redis(options.url ?? 'redis://127.0.0.1:6379', {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeout ?? 1_000,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * options.retry.stepMs, options.retry.maxMs),
    // ioredis arms this timer on disconnect even for a socket that already died, and it is not
    // unref()ed: at its 2 s default a bot whose Redis is down would linger that long on exit.
    disconnectTimeout: 200,
    ...options.redis,
  });
}

/** `Redis at host:port`, for error messages that say which server was unreachable. */
export function describeRedis(client: Redis): string {
  return `Redis at ${client.options.host ?? '127.0.0.1'}:${client.options.port ?? 6379}`;
}
