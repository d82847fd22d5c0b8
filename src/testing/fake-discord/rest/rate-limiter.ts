import { createHash } from 'node:crypto';
import type { RouteDefinition, RouteLimit } from './route';
import { routeKey } from './route';

/**
 * Rate limits of one fake Discord. Defaults are Discord's; tests shrink them to reach a limit in a
 * few requests.
 *
 * @example
 * ```ts
 * FakeDiscord.start({ rateLimits: { global: { limit: 5, windowMs: 1000 }, routes: { 'POST /channels/{channel_id}/messages': { limit: 2, windowMs: 500 } } } });
 * ```
 */
export interface RateLimitOptions {
  /** Requests per window per token across all routes except interaction ones; false disables it. @defaultValue 50 per 1000 ms */
  readonly global?: RouteLimit | false;
  /** Quotas by route key (`'POST /channels/{channel_id}/messages'`), shared bucket name (`'reactions'`) or sublimit name (`'channel-rename'`). */
  readonly routes?: Readonly<Record<string, RouteLimit>>;
  /** Quota of routes that declare none. @defaultValue 50 per 1000 ms */
  readonly defaultRoute?: RouteLimit;
  /**
   * The "Cloudflare ban": `limit` responses with status 401, 403 or 429 (not `shared` scope) within
   * `windowMs` block every request for `banMs`. @defaultValue 10 000 per 10 minutes, banned 1 hour
   */
  readonly invalidRequests?: { readonly limit: number; readonly windowMs: number; readonly banMs: number };
}

/** Where a 429 came from: the `X-RateLimit-Scope` header. */
export type RateLimitScope = 'user' | 'global' | 'shared';

/** A refusal the server turns into a 429. */
export interface RateLimitRefusal {
  readonly scope: RateLimitScope;
  readonly retryAfterMs: number;
  /** Headers to send with the 429 (rate-limit headers for route buckets, Global/Scope for the rest). */
  readonly headers: Record<string, string>;
}

/** The result of admitting a request: refused, or admitted with the headers to attach. */
export type Admission = { readonly ok: true; readonly headers: Record<string, string> | undefined } | { readonly ok: false; readonly refusal: RateLimitRefusal };

interface BucketState {
  remaining: number;
  resetAt: number;
}

interface RouteBucket {
  readonly hash: string;
  readonly limit: RouteLimit;
}

const MAJOR_PARAMETERS = ['channel_id', 'guild_id'] as const;

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

/**
 * Discord's REST limits: per-route buckets keyed by bucket hash and major parameter, a global
 * per-token limit, and the invalid-request ban. Work per request is a few map lookups.
 */
export class RateLimiter {
  private readonly global: RouteLimit | false;
  private readonly defaultRoute: RouteLimit;
  private readonly overrides: Readonly<Record<string, RouteLimit>>;
  private readonly invalid: { readonly limit: number; readonly windowMs: number; readonly banMs: number };
  private readonly routeBuckets = new Map<RouteDefinition, RouteBucket>();
  private readonly states = new Map<string, BucketState>();
  private readonly globalWindows = new Map<string, { start: number; count: number }>();
  private readonly invalidTimes: number[] = [];
  private invalidHead = 0;
  private bannedUntil = 0;

  public constructor(options: RateLimitOptions = {}) {
    this.global = options.global ?? { limit: 50, windowMs: 1000 };
    this.defaultRoute = options.defaultRoute ?? { limit: 50, windowMs: 1000 };
    this.overrides = options.routes ?? {};
    this.invalid = options.invalidRequests ?? { limit: 10_000, windowMs: 600_000, banMs: 3_600_000 };
  }

  /** Milliseconds left of an invalid-request ban, or 0. */
  public banRemaining(now: number): number {
    return Math.max(0, this.bannedUntil - now);
  }

  /** Counts a 401/403/429 response toward the ban; shared-scope 429s never count. */
  public recordInvalid(now: number): void {
    const times = this.invalidTimes;
    times.push(now);
    while (this.invalidHead < times.length && (times[this.invalidHead] as number) <= now - this.invalid.windowMs) this.invalidHead += 1;
    if (this.invalidHead > 1024) {
      times.splice(0, this.invalidHead);
      this.invalidHead = 0;
    }
    if (times.length - this.invalidHead >= this.invalid.limit) this.bannedUntil = now + this.invalid.banMs;
  }

  /** The opaque `X-RateLimit-Bucket` of a route: equal for routes that share a bucket. */
  public bucketHash(route: RouteDefinition): string {
    return this.bucketOf(route).hash;
  }

  public admit(route: RouteDefinition, params: Readonly<Record<string, string>>, identity: string, now: number): Admission {
    if (this.global !== false && route.globalExempt !== true) {
      const refusal = this.checkGlobal(this.global, identity, now);
      if (refusal !== undefined) return { ok: false, refusal };
    }
    const bucket = this.bucketOf(route);
    const key = `${bucket.hash}:${majorParameter(params)}`;
    let state = this.states.get(key);
    if (state === undefined || now >= state.resetAt) {
      if (this.states.size > 50_000) this.prune(now);
      state = { remaining: bucket.limit.limit, resetAt: now + bucket.limit.windowMs };
      this.states.set(key, state);
    }
    const resetAfter = state.resetAt - now;
    if (state.remaining <= 0) {
      return {
        ok: false,
        refusal: {
          scope: 'user',
          retryAfterMs: resetAfter,
          headers: {
            ...this.headers(bucket, 0, state.resetAt, resetAfter),
            'Retry-After': String(Math.ceil(resetAfter / 1000)),
            'X-RateLimit-Scope': 'user',
          },
        },
      };
    }
    state.remaining -= 1;
    return { ok: true, headers: this.headers(bucket, state.remaining, state.resetAt, resetAfter) };
  }

  /**
   * Counts a request against a route's sublimit; refused requests get a 429 whose headers show the
   * main bucket with room left, which is how clients tell a sublimit from an exhausted bucket.
   */
  public admitSublimit(route: RouteDefinition, params: Readonly<Record<string, string>>, bucketHeaders: Record<string, string> | undefined, now: number): RateLimitRefusal | undefined {
    const sublimit = route.sublimit;
    if (sublimit === undefined) return undefined;
    const limit = this.overrides[sublimit.name] ?? sublimit.limit;
    const key = `sub:${sublimit.name}:${majorParameter(params)}`;
    let state = this.states.get(key);
    if (state === undefined || now >= state.resetAt) {
      state = { remaining: limit.limit, resetAt: now + limit.windowMs };
      this.states.set(key, state);
    }
    if (state.remaining > 0) {
      state.remaining -= 1;
      return undefined;
    }
    const retryAfterMs = state.resetAt - now;
    return { scope: 'user', retryAfterMs, headers: { ...bucketHeaders, 'Retry-After': String(Math.max(1, Math.ceil(retryAfterMs / 1000))), 'X-RateLimit-Scope': 'user' } };
  }

  private checkGlobal(limit: RouteLimit, identity: string, now: number): RateLimitRefusal | undefined {
    let window = this.globalWindows.get(identity);
    if (window === undefined || now >= window.start + limit.windowMs) {
      window = { start: now, count: 0 };
      this.globalWindows.set(identity, window);
    }
    if (window.count >= limit.limit) {
      const retryAfterMs = window.start + limit.windowMs - now;
      return {
        scope: 'global',
        retryAfterMs,
        headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterMs / 1000))), 'X-RateLimit-Global': 'true', 'X-RateLimit-Scope': 'global' },
      };
    }
    window.count += 1;
    return undefined;
  }

  private headers(bucket: RouteBucket, remaining: number, resetAt: number, resetAfter: number): Record<string, string> {
    return {
      'X-RateLimit-Limit': String(bucket.limit.limit),
      'X-RateLimit-Remaining': String(remaining),
      'X-RateLimit-Reset': seconds(resetAt),
      'X-RateLimit-Reset-After': seconds(resetAfter),
      'X-RateLimit-Bucket': bucket.hash,
    };
  }

  private bucketOf(route: RouteDefinition): RouteBucket {
    let bucket = this.routeBuckets.get(route);
    if (bucket === undefined) {
      const name = route.bucket ?? routeKey(route);
      const limit = this.overrides[routeKey(route)] ?? this.overrides[name] ?? route.limit ?? this.defaultRoute;
      bucket = { hash: createHash('md5').update(name).digest('hex'), limit };
      this.routeBuckets.set(route, bucket);
    }
    return bucket;
  }

  private prune(now: number): void {
    for (const [key, state] of this.states) if (now >= state.resetAt) this.states.delete(key);
  }
}

/** Discord's "top-level resource": channel, guild, or webhook id + token (interactions likewise). */
export function majorParameter(params: Readonly<Record<string, string>>): string {
  for (const name of MAJOR_PARAMETERS) {
    const value = params[name];
    if (value !== undefined) return value;
  }
  if (params.webhook_id !== undefined) return `${params.webhook_id}/${params.webhook_token ?? ''}`;
  if (params.interaction_id !== undefined) return `${params.interaction_id}/${params.interaction_token ?? ''}`;
  return 'global';
}
