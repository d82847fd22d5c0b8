import { OvenError } from '../../errors';

/** What a rate limit looked like when the client refused to wait for it. */
export interface RateLimitInfo {
  method: string;
  path: string;
  /** `METHOD /route/:id` with the major parameter kept, the key of the bucket queue. */
  route: string;
  bucket: string;
  /** How long the caller would have had to wait, in milliseconds. */
  retryAfterMs: number;
  global: boolean;
  /** `user`, `global` or `shared` on a 429; `preemptive` when the client predicted the limit. */
  scope: 'user' | 'global' | 'shared' | 'preemptive';
}

/**
 * Thrown instead of waiting when the caller asked to fail on rate limits
 * (`rejectOnRateLimit` on the client or on one request).
 *
 * @example
 * ```ts
 * try { await rest.post(route, { body, rejectOnRateLimit: true }); }
 * catch (error) { if (error instanceof RateLimitError) retryIn(error.retryAfterMs); }
 * ```
 */
export class RateLimitError extends OvenError implements RateLimitInfo {
  public readonly method: string;
  public readonly path: string;
  public readonly route: string;
  public readonly bucket: string;
  public readonly retryAfterMs: number;
  public readonly global: boolean;
  public readonly scope: RateLimitInfo['scope'];

  public constructor(info: RateLimitInfo) {
    super(
      'OVEN_ERR_REST_RATE_LIMITED',
      `${info.method} ${info.path} is rate limited for ${Math.ceil(info.retryAfterMs)} ms ` +
        `(${info.global ? 'global limit' : `bucket ${info.bucket}`}, scope ${info.scope}). ` +
        'It was not sent because rejectOnRateLimit is set; retry after retryAfterMs or let the client wait.',
    );
    this.method = info.method;
    this.path = info.path;
    this.route = info.route;
    this.bucket = info.bucket;
    this.retryAfterMs = info.retryAfterMs;
    this.global = info.global;
    this.scope = info.scope;
  }
}
