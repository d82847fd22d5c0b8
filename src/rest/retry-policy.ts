import { codeInCauses } from '../errors';

/** How the client retries failures that are not the caller's fault. */
export interface RetryOptions {
  /** Retries after the first attempt. @defaultValue 3 */
  retries: number;
  /** First back-off; each retry doubles it. @defaultValue 500 */
  baseDelayMs: number;
  /** Ceiling of one back-off. @defaultValue 10_000 */
  maxDelayMs: number;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/** Errors raised before a single byte of the request left: retrying them cannot duplicate a side effect. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Connection failures in general: the request may or may not have reached Discord. */
const NETWORK_CODES = new Set([
  ...NOT_SENT_CODES,
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

export function isIdempotent(method: string): boolean {
  return IDEMPOTENT.has(method);
}

/** The network error code undici or Node attached, looking through `cause` chains. */
export function errorCode(error: unknown): string | undefined {
  return codeInCauses(error, NETWORK_CODES);
}

export function failedBeforeSend(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && NOT_SENT_CODES.has(code);
}

export function isNetworkError(error: unknown): boolean {
  return errorCode(error) !== undefined;
}

/**
 * Exponential back-off with "equal jitter": half the step is fixed so retries never bunch at zero,
 * half is random so many clients failing together do not retry in lockstep.
 */
export function backoffDelay(retry: number, options: RetryOptions, random: () => number = Math.random): number {
  const step = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  return Math.round(step / 2 + random() * (step / 2));
}
