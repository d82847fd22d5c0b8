/** One request asking to go out now. */
export interface AcquireRequest {
  /** `METHOD /route/:id` (see `routeKeyOf`). */
  route: string;
  major: string;
  /** Whether the request counts against the bot's global limit. */
  global: boolean;
  /**
   * The global limit: this many requests per `globalWindowMs`. `Infinity` (the client's
   * `globalRequestsPerSecond: Infinity`) counts no tokens, but a global 429 still blocks the request.
   */
  globalLimit: number;
  globalWindowMs: number;
  /** The invalid-request window, so the grant can report the count in it. */
  invalidWindowMs: number;
}

/** The store's answer: go (`waitMs` 0) or try again after `waitMs`. */
export interface Grant {
  waitMs: number;
  /** The bucket the request was counted in: `<hash>|<major>` once the hash is known, else `<route>|<major>`. */
  bucket: string;
  /** Why it must wait, for events and RateLimitError. */
  reason: 'none' | 'bucket' | 'global' | 'probe';
  /** 401/403/429 responses counted in the invalid-request window. */
  invalid: number;
  /** The global token this request spent, to be settled with the answer's time (see BucketUpdate). */
  globalToken: string | undefined;
}

/**
 * What a response taught about its bucket. `globalToken` (from the grant) moves the global token's
 * time to now: the request reached Discord somewhere between the grant and its answer, and only the
 * later bound is safe when sending was delayed (a cold start, a busy event loop, a full pool).
 */
export type BucketUpdate = (
  | {
      kind: 'limits';
      route: string;
      major: string;
      hash: string | undefined;
      limit: number;
      remaining: number;
      resetAfterMs: number;
      /**
       * Requests of this bucket the client sent after this one that are still unanswered
       * (pipelining): Discord's `remaining` does not count them yet, so the store subtracts them.
       */
      pending?: number | undefined;
    }
  /** A response without rate-limit headers: the route has no per-route limit. */
  | { kind: 'unlimited'; route: string; major: string; hash: string | undefined }
  /** No usable answer (network failure, a 429 without headers): forget a pending probe so the next request may try. */
  | { kind: 'failed'; route: string; major: string }
  /**
   * The grant was never used (the invalid-request guard refused the request before sending): its
   * bucket slot and its global token go back, and a first-request hold is released.
   */
  | { kind: 'unused'; route: string; major: string }
) & { globalToken?: string | undefined };

/** A 429: block the bucket (or every global request) for `retryAfterMs`. */
export interface Penalty {
  route: string;
  major: string;
  global: boolean;
  retryAfterMs: number;
}

/**
 * Where rate-limit state lives. The memory store serves one process; the Redis store lets several
 * processes of one bot share buckets, the global limit and the invalid-request count, which are all
 * per bot (or per IP) at Discord. Every method is atomic with respect to other users of the store.
 *
 * @example
 * ```ts
 * const rest = new RestClient({ token, store: new RedisLimiterStore({ redis: new Redis(), prefix: 'mybot:' }) });
 * ```
 */
export interface LimiterStore {
  acquire(request: AcquireRequest): Promise<Grant>;
  update(update: BucketUpdate): Promise<void>;
  /**
   * Optional synchronous twin of `acquire` for a store whose state lives in this process: the
   * client calls it instead when present, saving a promise and a microtask turn per request.
   */
  acquireSync?(request: AcquireRequest): Grant;
  /** Optional synchronous twin of `update` (see `acquireSync`). */
  updateSync?(update: BucketUpdate): void;
  penalize(penalty: Penalty): Promise<void>;
  /** Counts one 401/403/429 and returns the count in the window. */
  recordInvalid(windowMs: number): Promise<number>;
  /** The count in the window and when the oldest counted response leaves it. */
  invalidState(windowMs: number): Promise<{ count: number; nextExpiryMs: number }>;
  /** The learned hash for a route, if any (lets queues follow shared buckets). */
  hashOf(route: string): string | undefined;
  close(): Promise<void>;
}

/** How long a first request may hold an unknown bucket before others may try (ms). */
export const PROBE_TIMEOUT_MS = 10_000;
/** How often a request polls a bucket another process is probing (ms). */
export const PROBE_POLL_MS = 25;
