/** Header values as undici gives them. */
export type ResponseHeaders = Record<string, string | string[] | undefined>;

/** What Discord's rate-limit headers said about one response. */
export interface RateLimitHeaders {
  limit: number | undefined;
  remaining: number | undefined;
  resetAfterMs: number | undefined;
  bucket: string | undefined;
  /** `X-RateLimit-Global` was present (only on 429). */
  global: boolean;
  scope: 'user' | 'global' | 'shared' | undefined;
  /** `Retry-After`, in milliseconds. */
  retryAfterMs: number | undefined;
}

/**
 * Reads the headers Discord documents. `X-RateLimit-Reset` (an absolute epoch) is ignored on
 * purpose: `Reset-After` is relative, so a skewed local clock cannot make the client early.
 */
export function readRateLimitHeaders(headers: ResponseHeaders): RateLimitHeaders {
  const scope = header(headers, 'x-ratelimit-scope');
  return {
    limit: numberHeader(headers, 'x-ratelimit-limit'),
    remaining: numberHeader(headers, 'x-ratelimit-remaining'),
    resetAfterMs: secondsHeader(headers, 'x-ratelimit-reset-after'),
    bucket: header(headers, 'x-ratelimit-bucket'),
    global: header(headers, 'x-ratelimit-global') !== undefined,
    scope: scope === 'user' || scope === 'global' || scope === 'shared' ? scope : undefined,
    retryAfterMs: secondsHeader(headers, 'retry-after'),
  };
}

export function header(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function numberHeader(headers: ResponseHeaders, name: string): number | undefined {
  const value = header(headers, name);
  if (value === undefined) return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

function secondsHeader(headers: ResponseHeaders, name: string): number | undefined {
  const seconds = numberHeader(headers, name);
  return seconds === undefined ? undefined : Math.ceil(seconds * 1000);
}
