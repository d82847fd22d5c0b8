import { OvenError } from '../errors';
import {
  DiscordAPIError,
  HTTPError,
  InvalidRequestLimitError,
  LimiterStoreError,
  RateLimitError,
  RequestFailedError,
  RestUsageError,
  TotalTimeoutError,
} from '../rest';
import { ProxyError } from './proxy-error';

/** An answer the proxy writes: a status, and a JSON value or text. */
export interface ProxyAnswer {
  status: number;
  body: { json: unknown } | { text: string; contentType: string } | undefined;
}

/**
 * Turns what forwarding threw into the answer a Discord client expects: Discord's own errors with
 * Discord's status and body (so a client behind the proxy sees exactly what it would have seen),
 * everything the proxy or RestClient decided itself as `{ code: 'OVEN_ERR_*', message }`.
 */
export function errorAnswer(error: unknown): ProxyAnswer {
  if (error instanceof DiscordAPIError) return { status: error.status, body: { json: error.rawError } };
  if (error instanceof HTTPError) {
    return { status: error.status, body: error.bodyText === '' ? undefined : { text: error.bodyText, contentType: 'text/plain; charset=utf-8' } };
  }
  if (error instanceof RateLimitError) {
    return { status: 429, body: { json: { code: error.code, message: error.message, retry_after: error.retryAfterMs / 1000, global: error.global } } };
  }
  if (error instanceof ProxyError) return coded(error.status, error);
  if (error instanceof RequestFailedError) return coded(error.reason === 'timeout' ? 504 : error.reason === 'aborted' ? 499 : 502, error);
  // A `rest.totalTimeout` ran out (in a queue, a rate-limit wait or an attempt): Discord's answer did not come in time.
  if (error instanceof TotalTimeoutError) return coded(504, error);
  // The shared rate-limit state is unreachable, or the ban guard holds: sending anyway could cost
  // every process of the bot, so the client is told to come back later.
  if (error instanceof LimiterStoreError || error instanceof InvalidRequestLimitError) return coded(503, error);
  if (error instanceof RestUsageError) {
    // Codes are matched by suffix so this file does not name rest's codes (docs/errors.md lists
    // each code under the capability that raises it).
    if (error.code.endsWith('_TOKEN_REJECTED')) return coded(401, error);
    if (error.code.endsWith('_CLOSED')) return coded(503, error);
    // Anything else RestClient refused before sending (a bad reason, a bad file) was the request's fault.
    return coded(400, error);
  }
  if (error instanceof OvenError) return coded(502, error);
  const internal = new ProxyError('OVEN_ERR_PROXY_INTERNAL', `The proxy failed while forwarding: ${error instanceof Error ? error.message : String(error)}`, {
    cause: error,
  });
  return coded(internal.status, internal);
}

function coded(status: number, error: OvenError): ProxyAnswer {
  return { status, body: { json: { code: error.code, message: error.message } } };
}
