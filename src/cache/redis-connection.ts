import { Redis, type RedisOptions } from 'ioredis';
import { CacheTierUnavailableError } from './cache-errors';

/** How a Redis-backed piece gets its connection: an existing client, or a URL to open one. */
export interface RedisConnectionOptions {
  /** A client you manage; it is not closed by OvenJS. */
  readonly client?: Redis;
  /** Opened (and closed on `close()`) by OvenJS. @defaultValue 'redis://127.0.0.1:6379' */
  readonly url?: string;
  /** Extra ioredis options for a client opened from `url`. */
  readonly redis?: RedisOptions;
  /** Milliseconds before a command counts as failed. @defaultValue 1000 */
  readonly commandTimeout?: number;
}

/**
 * A connection that fails fast while Redis is away instead of queueing commands for minutes
 * (ioredis' default), so the Cache can fall back to its other tiers at once; it reconnects in the
 * background.
 */
export class RedisConnection {
  public readonly client: Redis;
  public readonly target: string;
  private readonly owned: boolean;
  private connecting: Promise<void> | undefined;
  private lastError: unknown;

  public constructor(
    private readonly what: string,
    options: RedisConnectionOptions,
  ) {
    this.owned = options.client === undefined;
    this.client =
      options.client ??
      new Redis(options.url ?? 'redis://127.0.0.1:6379', {
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        commandTimeout: options.commandTimeout ?? 1_000,
        connectTimeout: 2_000,
        retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
        // ioredis arms this timer on disconnect even for a socket that already died, and it is not
        // unref()ed: at its 2 s default a bot whose Redis is down would linger that long on exit.
        disconnectTimeout: 200,
        ...options.redis,
      });
    this.target = `Redis at ${this.client.options.host ?? '127.0.0.1'}:${this.client.options.port ?? 6379}`;
    // Without a listener ioredis prints every reconnection failure; the Cache reports outages itself.
    this.client.on('error', (error: unknown) => (this.lastError = error));
  }

  /** Resolves once connected; throws `CacheTierUnavailableError` if Redis cannot be reached now. */
  public async ready(): Promise<void> {
    if (this.isReady()) return;
    if (this.client.status === 'wait') {
      this.connecting ??= this.client.connect().finally(() => (this.connecting = undefined));
    }
    try {
      if (this.connecting !== undefined) await this.connecting;
    } catch (error) {
      throw this.unavailable(error);
    }
    if (!this.isReady()) throw this.unavailable(this.lastError ?? new Error(`connection is ${this.client.status}`));
  }

  /** Runs a command, turning connection failures (not Redis' own replies) into `CacheTierUnavailableError`. */
  public async run<T>(command: (client: Redis) => Promise<T>): Promise<T> {
    await this.ready();
    try {
      return await command(this.client);
    } catch (error) {
      if (error instanceof Error && error.name === 'ReplyError') throw error;
      throw this.unavailable(error);
    }
  }

  public async close(): Promise<void> {
    if (!this.owned) return;
    if (this.client.status === 'ready') {
      await this.client.quit().catch(() => this.client.disconnect());
    } else {
      this.client.disconnect();
    }
  }

  private isReady(): boolean {
    return this.client.status === 'ready';
  }

  private unavailable(cause: unknown): CacheTierUnavailableError {
    return new CacheTierUnavailableError(
      this.what,
      this.target,
      'Start Redis or fix the `url`; the Cache keeps serving from its other tiers and retries this one.',
      { cause },
    );
  }
}
