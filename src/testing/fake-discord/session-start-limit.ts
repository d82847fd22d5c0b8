import type { APIGatewaySessionStartLimit } from 'discord-api-types/v10';

/** Options for the fake's identify budget; Discord's defaults are 1000 per 24 h, concurrency 1. */
export interface SessionStartLimitOptions {
  /** Identifies allowed per window. @defaultValue 1000 */
  readonly total?: number;
  /** Window length in milliseconds. @defaultValue 86_400_000 */
  readonly windowMs?: number;
  /** Identifies per 5 s bucket (`shard_id % max_concurrency`). @defaultValue 1 */
  readonly maxConcurrency?: number;
}

const DAY_MS = 86_400_000;

/**
 * The daily identify budget shared by REST (`GET /gateway/bot` reports it) and the gateway (each
 * IDENTIFY consumes one; RESUME does not). The window starts at the first identify, as Discord's
 * `reset_after` counts down from the first session start.
 *
 * @example
 * ```ts
 * if (!world.sessionStartLimit.tryConsume()) world.resetToken(); // the gateway also ends every session
 * ```
 */
export class SessionStartLimit {
  public readonly total: number;
  public readonly maxConcurrency: number;
  private readonly windowMs: number;
  private used = 0;
  private windowEndsAt = 0;

  public constructor(options: SessionStartLimitOptions = {}) {
    this.total = options.total ?? 1000;
    this.windowMs = options.windowMs ?? DAY_MS;
    this.maxConcurrency = options.maxConcurrency ?? 1;
  }

  /** Identifies left in the current window. */
  public get remaining(): number {
    this.rollWindow(Date.now());
    return this.total - this.used;
  }

  /** Spends one identify; false when the budget is exhausted (the gateway then ends every session and resets the token). */
  public tryConsume(): boolean {
    const now = Date.now();
    this.rollWindow(now);
    if (this.used >= this.total) return false;
    if (this.used === 0) this.windowEndsAt = now + this.windowMs;
    this.used += 1;
    return true;
  }

  /** The `session_start_limit` object of `GET /gateway/bot`. */
  public toJSON(): APIGatewaySessionStartLimit {
    const now = Date.now();
    this.rollWindow(now);
    return {
      total: this.total,
      remaining: this.total - this.used,
      reset_after: this.used === 0 ? this.windowMs : Math.max(0, this.windowEndsAt - now),
      max_concurrency: this.maxConcurrency,
    };
  }

  private rollWindow(now: number): void {
    if (this.used > 0 && now >= this.windowEndsAt) this.used = 0;
  }
}
