import { OvenError } from '../../errors';

/**
 * The REST client was called or configured in a way that cannot work (a route that is not a path,
 * a missing token, an option out of range, a request after `close()`); the message names the fix.
 *
 * @example
 * ```ts
 * catch (error) { if (error instanceof RestUsageError && error.code === 'OVEN_ERR_REST_NO_TOKEN') ... }
 * ```
 */
export class RestUsageError extends OvenError {
  public constructor(code: RestUsageErrorCode, message: string) {
    super(code, message);
  }
}

export type RestUsageErrorCode =
  | 'OVEN_ERR_REST_NO_TOKEN'
  | 'OVEN_ERR_REST_BAD_ROUTE'
  | 'OVEN_ERR_REST_BAD_OPTION'
  | 'OVEN_ERR_REST_BAD_FILE'
  | 'OVEN_ERR_REST_CLOSED'
  | 'OVEN_ERR_REST_TOKEN_REJECTED'
  | 'OVEN_ERR_REST_MIDDLEWARE';
