import { OvenError } from '../errors';

/** Codes of {@link ProxyError}: what was wrong with a request to the proxy itself, or its options. */
export type ProxyErrorCode =
  | 'OVEN_ERR_PROXY_BAD_OPTION'
  | 'OVEN_ERR_PROXY_NOT_FOUND'
  | 'OVEN_ERR_PROXY_BAD_PATH'
  | 'OVEN_ERR_PROXY_UNKNOWN_VERSION'
  | 'OVEN_ERR_PROXY_METHOD_NOT_ALLOWED'
  | 'OVEN_ERR_PROXY_NO_TOKEN'
  | 'OVEN_ERR_PROXY_FORBIDDEN'
  | 'OVEN_ERR_PROXY_BODY_TOO_LARGE'
  | 'OVEN_ERR_PROXY_BAD_BODY'
  | 'OVEN_ERR_PROXY_UNSUPPORTED_MEDIA_TYPE'
  | 'OVEN_ERR_PROXY_TOO_MANY_TOKENS'
  | 'OVEN_ERR_PROXY_CLOSED'
  | 'OVEN_ERR_PROXY_INTERNAL';

/** The HTTP status the proxy answers each code with. */
const STATUS: Readonly<Record<ProxyErrorCode, number>> = {
  OVEN_ERR_PROXY_BAD_OPTION: 500,
  OVEN_ERR_PROXY_NOT_FOUND: 404,
  OVEN_ERR_PROXY_BAD_PATH: 400,
  OVEN_ERR_PROXY_UNKNOWN_VERSION: 400,
  OVEN_ERR_PROXY_METHOD_NOT_ALLOWED: 405,
  OVEN_ERR_PROXY_NO_TOKEN: 401,
  OVEN_ERR_PROXY_FORBIDDEN: 403,
  OVEN_ERR_PROXY_BODY_TOO_LARGE: 413,
  OVEN_ERR_PROXY_BAD_BODY: 400,
  OVEN_ERR_PROXY_UNSUPPORTED_MEDIA_TYPE: 415,
  OVEN_ERR_PROXY_TOO_MANY_TOKENS: 503,
  OVEN_ERR_PROXY_CLOSED: 503,
  OVEN_ERR_PROXY_INTERNAL: 500,
};

/**
 * A request the proxy refused before anything reached Discord (unknown API version, no token,
 * body over the limit, ...), or a bad option given to `createRestProxy`. The proxy answers it as
 * JSON `{ code, message }` with `status`, so a client behind the proxy can tell it apart from
 * Discord's own errors (whose `code` is a number).
 *
 * @example
 * ```ts
 * const response = await fetch('http://127.0.0.1:8081/api/v7/users/@me');
 * const body = (await response.json()) as { code: string }; // 'OVEN_ERR_PROXY_UNKNOWN_VERSION', status 400
 * ```
 */
export class ProxyError extends OvenError {
  public declare readonly code: ProxyErrorCode;
  /** The HTTP status the proxy answers with. */
  public readonly status: number;

  public constructor(code: ProxyErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.status = STATUS[code];
  }
}
