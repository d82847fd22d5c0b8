import { OvenError } from '../../errors';
import { isIdempotent as isIdempotentMethod } from '../retry-policy';

/**
 * A failure status whose body was not Discord's JSON error (a proxy page, a Cloudflare block, an
 * empty 5xx once retries were spent).
 *
 * @example
 * ```ts
 * catch (error) { if (error instanceof HTTPError && error.status >= 500) scheduleLater(); }
 * ```
 */
export class HTTPError extends OvenError {
  public readonly status: number;
  public readonly method: string;
  public readonly path: string;
  /** The first 500 characters of the body, for diagnosis. */
  public readonly bodyText: string;

  public constructor(status: number, method: string, path: string, bodyText: string) {
    super(
      'OVEN_ERR_REST_HTTP',
      `HTTP ${status} on ${method} ${path} without a Discord error body${bodyText === '' ? '' : `: ${bodyText.slice(0, 200)}`}. ` +
        (status >= 500
          ? isIdempotentMethod(method)
            ? 'Discord or a proxy failed; the request was retried as far as `retries` allows.'
            : `Discord or a proxy failed; ${method} is not retried (it could run twice), so retry it yourself if it is safe.`
          : 'Check that baseURL points at the Discord API.'),
    );
    this.status = status;
    this.method = method;
    this.path = path;
    this.bodyText = bodyText.slice(0, 500);
  }
}
