import type { Redis, RedisOptions } from 'ioredis';
import { createFailFastRedis, describeRedis, withCommandTimeout } from '../redis';
import { CacheTierUnavailableError } from './cache-errors';
import { requirePositive } from './require-positive';

/** How a Redis-backed piece gets its connection: an existing client, or a URL to open one. */
export interface RedisConnectionOptions {
  /** A client you manage; it is not closed by OvenJS. */
  readonly client?: Redis;
  /** Opened (and closed on `close()`) by OvenJS. @defaultValue 'redis://127.0.0.1:6379' */
  readonly url?: string;
  /** Extra ioredis options for a client opened from `url`. */
  readonly redis?: RedisOptions;
  /**
   * Milliseconds before a command counts as failed; also how long the first command waits for a
   * connection a given `client` is still opening. @defaultValue 1000 (2000 for that first wait)
   */
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
  /** Milliseconds before a command counts as failed (also given to the sync subscriber). */
  public readonly commandTimeout: number;
  private readonly owned: boolean;
  private connecting: Promise<void> | undefined;
  private readonly connectWait: number;
  private lastError: unknown;

  public constructor(
    private readonly what: string,
    options: RedisConnectionOptions,
  ) {
    this.owned = options.client === undefined;
    this.connectWait = requirePositive('commandTimeout', options.commandTimeout ?? 2_000);
    this.commandTimeout = options.redis?.commandTimeout ?? options.commandTimeout ?? 1_000;
    // The command timeout is run()'s withCommandTimeout, not ioredis' (see there why).
    this.client =
      options.client ??
      createFailFastRedis({
        url: options.url,
        retry: { stepMs: 200, maxMs: 2_000 },
        redis: { ...options.redis, commandTimeout: undefined },
      });
    this.target = describeRedis(this.client);
    // Without a listener ioredis prints every reconnection failure; the Cache reports outages itself.
    // A client passed in keeps whatever error handling its owner gave it.
    if (this.owned) this.client.on('error', (error: unknown) => (this.lastError = error));
  }

  /** Resolves once connected; throws `CacheTierUnavailableError` if Redis cannot be reached now. */
  public async ready(): Promise<void> {
    if (this.isReady()) return;
    if (this.client.status === 'wait') {
      this.connecting ??= this.client.connect().finally(() => (this.connecting = undefined));
    }
    try {
      if (this.connecting !== undefined) await this.connecting;
      else if (this.client.status === 'connecting' || this.client.status === 'connect') await this.firstConnection();
    } catch (error) {
      throw this.unavailable(error);
    }
    if (!this.isReady()) throw this.unavailable(this.lastError ?? new Error(`connection is ${this.client.status}`));
  }

  /** Runs a command, turning connection failures (not Redis' own replies) into `CacheTierUnavailableError`. */
  public async run<T>(command: (client: Redis) => Promise<T>): Promise<T> {
    await this.ready();
    try {
      return await withCommandTimeout(command(this.client), this.commandTimeout);
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

  /**
   * Waits for a connection already under way (a client given to OvenJS right after `new Redis()`).
   * A client that lost its connection is `reconnecting` instead, and fails fast above.
   */
  private firstConnection(): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = (error?: unknown): void => {
        clearTimeout(timer);
        this.client.off('ready', onReady);
        this.client.off('close', onClose);
        if (error === undefined) resolve();
        else reject(error);
      };
      const onReady = (): void => done();
      const onClose = (): void => done(this.lastError ?? new Error('connection closed while connecting'));
      const timer = setTimeout(() => done(new Error(`no connection after ${this.connectWait} ms`)), this.connectWait);
      this.client.once('ready', onReady);
      this.client.once('close', onClose);
    });
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
