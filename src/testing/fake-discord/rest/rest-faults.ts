import type { RateLimitScope } from './rate-limiter';

/** Which requests a fault hits: a route key (`'POST /channels/{channel_id}/messages'`) or every route. */
export interface FaultTarget {
  /** Route key as in `discord.requests()[i].route`; omitted means every route. */
  readonly route?: string;
  /** How many matching requests the fault hits before it expires. @defaultValue 1 (latency: until cleared) */
  readonly times?: number;
}

/** One active fault. */
export type RestFault =
  | { readonly kind: 'latency'; readonly ms: number }
  | { readonly kind: 'status'; readonly status: 500 | 502 | 503 | 504 }
  | { readonly kind: 'reset' }
  | { readonly kind: 'rate-limit'; readonly retryAfterMs: number; readonly scope: RateLimitScope };

interface ActiveFault {
  readonly fault: RestFault;
  readonly route: string | undefined;
  remaining: number;
}

/**
 * Faults injected into the fake's REST server on demand: latency, 5xx answers, connection resets
 * and a storm of 429s on one route. Rules apply in the order they were added.
 *
 * @example
 * ```ts
 * discord.restFaults.serverError({ status: 502, route: 'GET /users/@me', times: 2 });
 * discord.restFaults.rateLimitStorm({ route: 'POST /channels/{channel_id}/messages', times: 3, retryAfterMs: 50 });
 * ```
 */
export class RestFaults {
  private readonly active: ActiveFault[] = [];

  /** Delays matching responses by `ms` (until cleared unless `times` is given). */
  public latency(ms: number, target: FaultTarget = {}): void {
    this.push({ kind: 'latency', ms }, target, Number.POSITIVE_INFINITY);
  }

  /** Answers matching requests with a bare 5xx (502 is Discord's "gateway unavailable"). */
  public serverError(options: FaultTarget & { readonly status?: 500 | 502 | 503 | 504 } = {}): void {
    this.push({ kind: 'status', status: options.status ?? 500 }, options, 1);
  }

  /** Destroys the TCP connection of matching requests without answering. */
  public resetConnection(target: FaultTarget = {}): void {
    this.push({ kind: 'reset' }, target, 1);
  }

  /** Answers matching requests with 429 regardless of the real buckets. @defaultValue scope `user`, 100 ms */
  public rateLimitStorm(options: FaultTarget & { readonly retryAfterMs?: number; readonly scope?: RateLimitScope }): void {
    this.push({ kind: 'rate-limit', retryAfterMs: options.retryAfterMs ?? 100, scope: options.scope ?? 'user' }, options, 1);
  }

  public clear(): void {
    this.active.length = 0;
  }

  /** True when no fault is active: the server's fast path skips the lookup. */
  public get empty(): boolean {
    return this.active.length === 0;
  }

  /** Consumes and returns the faults that hit this request (latency first, then at most one answer). */
  public take(route: string): RestFault[] {
    const hits: RestFault[] = [];
    let answered = false;
    for (let i = 0; i < this.active.length; i += 1) {
      const entry = this.active[i] as ActiveFault;
      if (entry.route !== undefined && entry.route !== route) continue;
      if (entry.fault.kind !== 'latency') {
        if (answered) continue;
        answered = true;
      }
      hits.push(entry.fault);
      entry.remaining -= 1;
      if (entry.remaining <= 0) {
        this.active.splice(i, 1);
        i -= 1;
      }
    }
    return hits;
  }

  private push(fault: RestFault, target: FaultTarget, defaultTimes: number): void {
    this.active.push({ fault, route: target.route, remaining: target.times ?? defaultTimes });
  }
}
