import { GatewayDestroyedError, GatewayOptionError } from './errors';

/** `session_start_limit` as the scheduler counts it; `resetAfter` in ms. */
export interface SessionStartBudget {
  readonly remaining: number;
  readonly total: number;
  readonly resetAfter: number;
}

/** Options of an {@link IdentifyScheduler}, usually taken from `GET /gateway/bot`. */
export interface IdentifySchedulerOptions {
  /** `session_start_limit.max_concurrency`: identifies allowed together, one per bucket. */
  readonly maxConcurrency: number;
  /** Gap between two identifies of the same bucket. @defaultValue 5000 */
  readonly intervalMs?: number;
  /** `session_start_limit` remaining/total/reset_after (ms); identifies wait for the reset once it is used up. */
  readonly sessionStartLimit?: SessionStartBudget;
  /**
   * Asked for Discord's current budget when the local count reaches zero, before waiting for the
   * reset: other processes of the bot spend the same budget, so the local count is only an estimate.
   * Resolving `undefined` keeps the local count; a rejection rejects that shard's turn.
   */
  readonly refresh?: (shardId: number) => Promise<SessionStartBudget | undefined>;
}

/**
 * Hands out identify turns the way Discord rations them: shard `id` belongs to bucket
 * `id % max_concurrency`, each bucket identifies at most once per 5 s, so shards 0..mc-1 go
 * together, then mc..2mc-1, and so on; and never past the daily session start limit, because
 * exceeding it resets the bot's token.
 *
 * @example
 * ```ts
 * const scheduler = new IdentifyScheduler({ maxConcurrency: 2 });
 * await scheduler.wait(3); // resolves when shard 3 may send Identify
 * ```
 */
export class IdentifyScheduler {
  private readonly maxConcurrency: number;
  private readonly intervalMs: number;
  private readonly nextAt = new Map<number, number>();
  private readonly chains = new Map<number, Promise<void>>();
  private readonly abort = new AbortController();
  private remaining: number;
  private total: number;
  private readonly refresh: ((shardId: number) => Promise<SessionStartBudget | undefined>) | undefined;
  private resetAt: number;

  public constructor(options: IdentifySchedulerOptions) {
    if (!Number.isInteger(options.maxConcurrency) || options.maxConcurrency < 1) {
      throw new GatewayOptionError(
        `maxConcurrency must be a positive integer (session_start_limit.max_concurrency), got ${String(options.maxConcurrency)}.`,
      );
    }
    this.maxConcurrency = options.maxConcurrency;
    this.intervalMs = options.intervalMs ?? 5000;
    const limit = options.sessionStartLimit;
    this.remaining = limit?.remaining ?? Number.POSITIVE_INFINITY;
    this.total = limit?.total ?? Number.POSITIVE_INFINITY;
    this.resetAt = Date.now() + (limit?.resetAfter ?? 0);
    this.refresh = options.refresh;
  }

  /** The rate-limit bucket of a shard. */
  public bucketOf(shardId: number): number {
    return shardId % this.maxConcurrency;
  }

  /** Identifies left before the session start limit resets. */
  public get sessionStartsRemaining(): number {
    return this.remaining;
  }

  /**
   * Resolves when `shardId` may identify. Turns in a bucket are granted in call order.
   * Rejects with `OVEN_ERR_GATEWAY_DESTROYED` after {@link IdentifyScheduler.destroy}.
   */
  public wait(shardId: number): Promise<void> {
    const bucket = this.bucketOf(shardId);
    const previous = this.chains.get(bucket) ?? Promise.resolve();
    const turn = previous.then(() => this.takeTurn(bucket, shardId));
    this.chains.set(
      bucket,
      turn.catch(() => undefined),
    );
    return turn;
  }

  /** Cancels every waiting turn. */
  public destroy(): void {
    this.abort.abort();
  }

  private async takeTurn(bucket: number, shardId: number): Promise<void> {
    if (this.abort.signal.aborted) throw new GatewayDestroyedError('Waiting for an identify turn');
    const wait = (this.nextAt.get(bucket) ?? 0) - Date.now();
    if (wait > 0) await this.sleep(wait);
    if (this.remaining <= 0 && this.refresh !== undefined) {
      const fresh = await this.refresh(shardId);
      if (this.abort.signal.aborted) throw new GatewayDestroyedError('Waiting for an identify turn');
      if (fresh !== undefined) {
        this.remaining = fresh.remaining;
        this.total = fresh.total;
        this.resetAt = Date.now() + fresh.resetAfter;
      }
    }
    if (this.remaining <= 0) {
      await this.sleep(Math.max(0, this.resetAt - Date.now()));
      this.remaining = this.total;
      this.resetAt = Date.now() + 24 * 60 * 60 * 1000;
    }
    this.remaining--;
    this.nextAt.set(bucket, Date.now() + this.intervalMs);
  }

  private sleep(ms: number): Promise<void> {
    const signal = this.abort.signal;
    return new Promise((resolve, reject) => {
      const cancel = (): void => {
        clearTimeout(timer);
        reject(new GatewayDestroyedError('Waiting for an identify turn'));
      };
      // Unref'd: the shard's open socket is what keeps a waiting bot alive.
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', cancel);
        resolve();
      }, ms);
      timer.unref();
      signal.addEventListener('abort', cancel, { once: true });
    });
  }
}
