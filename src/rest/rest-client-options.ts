import { RestUsageError } from './errors/rest-usage-error';
import type { RateLimitInfo } from './errors/rate-limit-error';
import type { LimiterStore } from './limiter/limiter-store';
import { tlsOptionsProblem, type TlsOptions } from '../tls';

/** Thresholds of the invalid-request guard. */
export interface InvalidRequestOptions {
  /** Discord's ban line: invalid responses (401, 403, non-shared 429) per window. @defaultValue 10_000 */
  limit?: number;
  /** @defaultValue 600_000 (10 minutes) */
  windowMs?: number;
  /** Emit `invalidRequestWarning` at this fraction of `limit`. @defaultValue 0.5 */
  warnFraction?: number;
  /** Refuse to send at this fraction of `limit`, leaving room for requests in flight. @defaultValue 0.95 */
  refuseFraction?: number;
}

/**
 * Options of `new RestClient(options)`.
 *
 * @example
 * ```ts
 * const rest = new RestClient({ token: process.env.DISCORD_TOKEN, globalRequestsPerSecond: 50, retries: 3 });
 * ```
 */
export interface RestClientOptions {
  token?: string;
  /** @defaultValue 'https://discord.com/api' */
  baseURL?: string;
  /** @defaultValue 10 */
  version?: number;
  /** @defaultValue 'Bot' */
  authPrefix?: 'Bot' | 'Bearer';
  /** Appended to Discord's required `DiscordBot (url, version)` user agent. */
  userAgentAppendix?: string;
  /** Milliseconds one HTTP attempt may take. @defaultValue 15_000 */
  timeout?: number;
  /**
   * Milliseconds a request may take in all (queue, rate-limit waits, attempts, retries) before it
   * rejects with TotalTimeoutError; a request's own `totalTimeout` overrides it. @defaultValue none
   */
  totalTimeout?: number;
  /** Retries of 5xx answers and network failures (see `docs/rest.md` for which methods). @defaultValue 3 */
  retries?: number;
  /** @defaultValue 500 */
  retryBaseDelayMs?: number;
  /** @defaultValue 10_000 */
  retryMaxDelayMs?: number;
  /**
   * The bot's global limit; large bots get more from Discord. `Infinity` turns the client's own
   * global gate off (no token per request), for a bot behind a proxy that already enforces it or
   * with a limit Discord raised beyond what it sends; a global 429 is still honoured. @defaultValue 50
   */
  globalRequestsPerSecond?: number;
  /**
   * Milliseconds added to every reset Discord announces. Resets already count from the moment the
   * answer arrived (after Discord computed them), so this only absorbs rounding and proxies.
   * @defaultValue 25
   */
  offsetMs?: number;
  /** Throw RateLimitError instead of waiting, always or when the predicate says so. @defaultValue false */
  rejectOnRateLimit?: boolean | ((info: RateLimitInfo) => boolean);
  invalidRequests?: InvalidRequestOptions;
  /** Where rate-limit state lives. @defaultValue a new MemoryLimiterStore (closed with the client) */
  store?: LimiterStore;
  /** Connections per origin. @defaultValue 128 */
  connections?: number;
  /**
   * Requests of one rate-limit bucket that may be in flight at once. 1 (the default) is strict: a
   * bucket's next request goes out only after the previous one was answered. n > 1 pipelines: up to
   * n requests of a bucket are sent back to back over one keep-alive connection, so HTTP/1.1 still
   * delivers them to Discord in call order, never more than the bucket's known remaining quota, and
   * the first request of an unknown bucket alone. See "Throughput and ordering" in docs/rest.md for
   * what order holds when a 429, a 5xx or a reset hits mid-pipeline. Interaction callbacks and
   * webhook-token routes stay strict. @defaultValue 1
   */
  pipelining?: number;
  /** Idle keep-alive time of a pooled connection. @defaultValue 60_000 */
  keepAliveTimeoutMs?: number;
  /**
   * TLS settings for an https `baseURL` whose certificate does not chain to the system's CAs: a
   * REST proxy with its own CA, or the fake Discord started with `tls`. A certificate that does not
   * verify fails at once with `OVEN_ERR_REST_TLS_UNTRUSTED` (no retries).
   * @example { ca: readFileSync('test/fixtures/tls/cert.pem') }
   */
  tls?: TlsOptions;
  /** Headers added to every request. */
  headers?: Readonly<Record<string, string>>;
}

export interface ResolvedRestOptions {
  token: string | undefined;
  origin: string;
  basePath: string;
  authPrefix: 'Bot' | 'Bearer';
  userAgentAppendix: string | undefined;
  timeout: number;
  totalTimeout: number | undefined;
  retries: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  globalLimit: number;
  offsetMs: number;
  rejectOnRateLimit: boolean | ((info: RateLimitInfo) => boolean);
  invalid: { limit: number; windowMs: number; warnAt: number; refuseAt: number };
  connections: number;
  pipelining: number;
  keepAliveTimeoutMs: number;
  tls: TlsOptions | undefined;
  headers: Readonly<Record<string, string>>;
}

export function resolveRestOptions(options: RestClientOptions = {}): ResolvedRestOptions {
  const baseURL = options.baseURL ?? 'https://discord.com/api';
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    throw bad(`baseURL "${baseURL}" is not a URL; use e.g. "https://discord.com/api" or the fake's restUrl.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw bad(`baseURL "${baseURL}" must use http or https.`);
  }
  const version = options.version ?? 10;
  if (!Number.isInteger(version) || version < 6) throw bad(`version ${String(version)} is not a Discord API version; use 10.`);
  if (options.token !== undefined && (typeof options.token !== 'string' || options.token.trim() === '')) {
    throw bad('token must be a non-empty string (the bot token from the developer portal, without "Bot ").');
  }
  const invalid = options.invalidRequests ?? {};
  const limit = positive('invalidRequests.limit', invalid.limit ?? 10_000);
  const warnFraction = fraction('invalidRequests.warnFraction', invalid.warnFraction ?? 0.5);
  const refuseFraction = fraction('invalidRequests.refuseFraction', invalid.refuseFraction ?? 0.95);
  if (warnFraction > refuseFraction) {
    throw bad(`invalidRequests.warnFraction (${warnFraction}) must not exceed refuseFraction (${refuseFraction}).`);
  }
  return {
    token: options.token?.replace(/^(Bot|Bearer)\s+/i, ''),
    origin: url.origin,
    basePath: `${url.pathname.replace(/\/+$/, '')}/v${version}`,
    authPrefix: options.authPrefix ?? 'Bot',
    userAgentAppendix: options.userAgentAppendix,
    timeout: positive('timeout', options.timeout ?? 15_000),
    totalTimeout: options.totalTimeout === undefined ? undefined : positive('totalTimeout', options.totalTimeout),
    retries: nonNegativeInteger('retries', options.retries ?? 3),
    retryBaseDelayMs: nonNegative('retryBaseDelayMs', options.retryBaseDelayMs ?? 500),
    retryMaxDelayMs: nonNegative('retryMaxDelayMs', options.retryMaxDelayMs ?? 10_000),
    globalLimit: globalRate(options.globalRequestsPerSecond ?? 50),
    offsetMs: nonNegative('offsetMs', options.offsetMs ?? 25),
    rejectOnRateLimit: options.rejectOnRateLimit ?? false,
    invalid: {
      limit,
      windowMs: positive('invalidRequests.windowMs', invalid.windowMs ?? 600_000),
      warnAt: Math.max(1, Math.floor(limit * warnFraction)),
      refuseAt: Math.max(1, Math.floor(limit * refuseFraction)),
    },
    connections: positiveInteger('connections', options.connections ?? 128),
    pipelining: pipeliningDepth(options.pipelining ?? 1),
    keepAliveTimeoutMs: positive('keepAliveTimeoutMs', options.keepAliveTimeoutMs ?? 60_000),
    tls: checkTls(options.tls, url),
    headers: options.headers ?? {},
  };
}

function checkTls(tls: TlsOptions | undefined, url: URL): TlsOptions | undefined {
  const problem = tlsOptionsProblem(tls);
  if (problem !== undefined) throw bad(problem);
  if (tls !== undefined && url.protocol !== 'https:') throw bad(`tls is set but baseURL "${url.href}" is not https; use the https URL (the fake Discord's restUrl when started with tls).`);
  return tls;
}

function bad(message: string): RestUsageError {
  return new RestUsageError('OVEN_ERR_REST_BAD_OPTION', `RestClient: ${message}`);
}

function positive(name: string, value: number): number {
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) throw bad(`${name} must be a positive number, got ${String(value)}.`);
  return value;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) throw bad(`${name} must be a positive integer, got ${String(value)}.`);
  return value;
}

/** A whole number of requests per second, or Infinity for no global gate at all. */
function globalRate(value: number): number {
  if (value === Number.POSITIVE_INFINITY) return value;
  if (!Number.isInteger(value) || value <= 0) {
    throw bad(
      `globalRequestsPerSecond must be a positive whole number (50 unless Discord raised your bot's limit) or Infinity ` +
        `for no global gate, got ${String(value)}.`,
    );
  }
  return value;
}

/** Deep pipelines only add head-of-line waiting: past this, a bucket's quota is the limit anyway. */
const MAX_PIPELINING = 64;

function pipeliningDepth(value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_PIPELINING) {
    throw bad(
      `pipelining must be a whole number from 1 (strict, the default) to ${MAX_PIPELINING}, got ${String(value)}; ` +
        'use e.g. 4 to keep up to 4 requests of a bucket in flight.',
    );
  }
  return value;
}

function nonNegative(name: string, value: number): number {
  if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) throw bad(`${name} must be 0 or more, got ${String(value)}.`);
  return value;
}

function nonNegativeInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw bad(`${name} must be a whole number of 0 or more, got ${String(value)}.`);
  return value;
}

function fraction(name: string, value: number): number {
  if (typeof value !== 'number' || !(value > 0 && value <= 1)) throw bad(`${name} must be in (0, 1], got ${String(value)}.`);
  return value;
}
