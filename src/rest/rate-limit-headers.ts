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

/** The headers the client itself acts on, read straight from undici's raw list. */
export interface ScannedHeaders {
  limits: RateLimitHeaders;
  contentType: string | undefined;
}

/**
 * Reads the headers Discord documents. `X-RateLimit-Reset` (an absolute epoch) is ignored on
 * purpose: `Reset-After` is relative, so a skewed local clock cannot make the client early.
 */
export function readRateLimitHeaders(headers: ResponseHeaders): RateLimitHeaders {
  const scope = header(headers, 'x-ratelimit-scope');
  return {
    limit: toNumber(header(headers, 'x-ratelimit-limit')),
    remaining: toNumber(header(headers, 'x-ratelimit-remaining')),
    resetAfterMs: toMs(header(headers, 'x-ratelimit-reset-after')),
    bucket: header(headers, 'x-ratelimit-bucket'),
    global: header(headers, 'x-ratelimit-global') !== undefined,
    scope: scope === 'user' || scope === 'global' || scope === 'shared' ? scope : undefined,
    retryAfterMs: toMs(header(headers, 'retry-after')),
  };
}

/**
 * The same as `readRateLimitHeaders` plus the content type, from undici's raw
 * `[name, value, ...]` buffers without building the whole header object: only names whose length
 * and first letter match one of the eight the client reads are decoded at all (the first value of a
 * repeated name wins, as with `header()`).
 */
export function scanRawHeaders(raw: readonly Buffer[] | null): ScannedHeaders {
  const limits: RateLimitHeaders = {
    limit: undefined,
    remaining: undefined,
    resetAfterMs: undefined,
    bucket: undefined,
    global: false,
    scope: undefined,
    retryAfterMs: undefined,
  };
  let contentType: string | undefined;
  if (raw === null) return { limits, contentType };
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index]!;
    const length = name.length;
    // 0x20 folds an ASCII letter to lower case.
    const first = name[0]! | 0x20;
    if (first === 0x63 /* c */) {
      if (length === 12 && contentType === undefined && name.toString('latin1').toLowerCase() === 'content-type') {
        contentType = raw[index + 1]!.toString('latin1');
      }
      continue;
    }
    if (first === 0x72 /* r */) {
      if (length === 11 && limits.retryAfterMs === undefined && name.toString('latin1').toLowerCase() === 'retry-after') {
        limits.retryAfterMs = toMs(raw[index + 1]!.toString('latin1'));
      }
      continue;
    }
    if (first !== 0x78 /* x */ || length < 17 || length > 23) continue;
    const lower = name.toString('latin1').toLowerCase();
    if (!lower.startsWith('x-ratelimit-')) continue;
    const value = raw[index + 1]!.toString('latin1');
    switch (lower) {
      case 'x-ratelimit-limit':
        limits.limit ??= toNumber(value);
        break;
      case 'x-ratelimit-remaining':
        limits.remaining ??= toNumber(value);
        break;
      case 'x-ratelimit-reset-after':
        limits.resetAfterMs ??= toMs(value);
        break;
      case 'x-ratelimit-bucket':
        limits.bucket ??= value;
        break;
      case 'x-ratelimit-global':
        limits.global = true;
        break;
      case 'x-ratelimit-scope':
        if (limits.scope === undefined && (value === 'user' || value === 'global' || value === 'shared')) limits.scope = value;
        break;
      default:
        break;
    }
  }
  return { limits, contentType };
}

export function header(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function toNumber(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

function toMs(value: string | undefined): number | undefined {
  const seconds = toNumber(value);
  return seconds === undefined ? undefined : Math.ceil(seconds * 1000);
}
