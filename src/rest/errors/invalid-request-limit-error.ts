import { OvenError } from '../../errors';

/**
 * The invalid-request guard refused to send: the 401/403/429 responses counted in the sliding
 * window reached the refusal line, and one more could get the bot's IP banned by Discord for an
 * hour.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof InvalidRequestLimitError) logger.error(`paused for ${error.retryAfterMs} ms`);
 * }
 * ```
 */
export class InvalidRequestLimitError extends OvenError {
  public readonly count: number;
  public readonly refuseAt: number;
  public readonly limit: number;
  /** When the oldest counted response leaves the window, in milliseconds from now. */
  public readonly retryAfterMs: number;

  public constructor(count: number, refuseAt: number, limit: number, windowMs: number, retryAfterMs: number) {
    super(
      'OVEN_ERR_REST_INVALID_REQUEST_LIMIT',
      `Refused to send: ${count} invalid responses (401/403/429) in the last ${Math.round(windowMs / 1000)} s; ` +
        `the guard stops at ${refuseAt} of Discord's ${limit} ban line. Find what keeps getting 401/403/429 ` +
        `(a wrong token, missing permissions, ignored rate limits); sending resumes in ${Math.ceil(retryAfterMs)} ms.`,
    );
    this.count = count;
    this.refuseAt = refuseAt;
    this.limit = limit;
    this.retryAfterMs = retryAfterMs;
  }
}
