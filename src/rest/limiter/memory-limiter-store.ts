import {
  PROBE_POLL_MS,
  PROBE_TIMEOUT_MS,
  type AcquireRequest,
  type BucketUpdate,
  type Grant,
  type LimiterStore,
  type Penalty,
} from './limiter-store';

interface BucketState {
  /** -1: no per-route limit. */
  limit: number;
  remaining: number;
  reset: number;
  /** The window's length, learned from the first response of a window, to predict the next reset. */
  windowMs: number;
  /** A first request is out and nothing is known yet. */
  probe: boolean;
  /** `reset` was predicted when a new window opened here, not yet read from an answer. */
  estimated: boolean;
}

const IDLE_MS = 5 * 60_000;

/**
 * Rate-limit state for one process, the default store. Bucket states idle for five minutes past
 * their reset are swept so a long-running bot touching many channels does not grow without bound.
 *
 * @example
 * ```ts
 * const rest = new RestClient({ token, store: new MemoryLimiterStore() });
 * ```
 */
export class MemoryLimiterStore implements LimiterStore {
  private readonly hashes = new Map<string, string>();
  private readonly buckets = new Map<string, BucketState>();
  /**
   * Times of the last `globalLimit` global requests (grant, then answer): a token comes back one
   * window after its time.
   */
  private globalLog: number[] = [];
  private globalHead = 0;
  private globalBlockedUntil = 0;
  private invalid: number[] = [];
  private invalidHead = 0;
  private readonly sweeper: NodeJS.Timeout;

  public constructor() {
    this.sweeper = setInterval(() => this.sweep(Date.now()), 60_000);
    this.sweeper.unref();
  }

  public async acquire(request: AcquireRequest): Promise<Grant> {
    return this.acquireSync(request);
  }

  public async update(update: BucketUpdate): Promise<void> {
    this.updateSync(update);
  }

  public acquireSync(request: AcquireRequest): Grant {
    const now = Date.now();
    const bucket = `${this.hashes.get(request.route) ?? request.route}|${request.major}`;
    const invalid = this.countInvalid(now, request.invalidWindowMs);
    if (request.global && this.globalBlockedUntil > now) {
      return { waitMs: this.globalBlockedUntil - now, bucket, reason: 'global', invalid, globalToken: undefined };
    }
    let state = this.buckets.get(bucket);
    if (state !== undefined && state.probe && state.reset <= now) {
      this.buckets.delete(bucket);
      state = undefined;
    }
    if (state !== undefined && state.limit >= 0 && state.reset > now && state.remaining <= 0) {
      return state.probe
        ? { waitMs: Math.min(PROBE_POLL_MS, state.reset - now), bucket, reason: 'probe', invalid, globalToken: undefined }
        : { waitMs: state.reset - now, bucket, reason: 'bucket', invalid, globalToken: undefined };
    }
    let globalToken: string | undefined;
    if (request.global && request.globalLimit !== Number.POSITIVE_INFINITY) {
      if (this.globalLog.length !== request.globalLimit) {
        this.globalLog = new Array<number>(request.globalLimit).fill(-Infinity);
        this.globalHead = 0;
      }
      const slot = this.freeGlobalSlot(now, request.globalWindowMs);
      if (slot < 0) {
        const oldest = this.globalLog.reduce((min, time) => (time < min ? time : min), Infinity);
        return { waitMs: oldest + request.globalWindowMs - now, bucket, reason: 'global', invalid, globalToken: undefined };
      }
      globalToken = String(slot);
      this.globalLog[slot] = now;
      if (slot === this.globalHead) this.globalHead = (this.globalHead + 1) % request.globalLimit;
    }
    if (state === undefined) {
      this.buckets.set(bucket, { limit: 1, remaining: 0, reset: now + PROBE_TIMEOUT_MS, windowMs: 0, probe: true, estimated: false });
    } else if (state.limit >= 0) {
      if (state.reset <= now) {
        state.remaining = state.limit - 1;
        state.reset = now + state.windowMs;
        state.estimated = true;
      } else {
        state.remaining -= 1;
      }
    }
    return { waitMs: 0, bucket, reason: 'none', invalid, globalToken };
  }

  public updateSync(update: BucketUpdate): void {
    const now = Date.now();
    if (update.kind === 'unused') {
      this.giveBack(update.route, update.major, update.globalToken, now);
      return;
    }
    if (update.globalToken !== undefined) {
      const slot = Number(update.globalToken);
      if (this.globalLog[slot] !== undefined && this.globalLog[slot]! < now) this.globalLog[slot] = now;
    }
    const routeBucket = `${update.route}|${update.major}`;
    if (update.kind === 'failed') {
      const bucket = `${this.hashes.get(update.route) ?? update.route}|${update.major}`;
      if (this.buckets.get(bucket)?.probe === true) this.buckets.delete(bucket);
      return;
    }
    let bucket = routeBucket;
    if (update.hash !== undefined) {
      this.hashes.set(update.route, update.hash);
      bucket = `${update.hash}|${update.major}`;
      this.buckets.delete(routeBucket);
    }
    if (update.kind === 'unlimited') {
      this.buckets.set(bucket, { limit: -1, remaining: 0, reset: now + IDLE_MS, windowMs: 0, probe: false, estimated: false });
      return;
    }
    const reset = now + update.resetAfterMs;
    const state = this.buckets.get(bucket);
    const firstOfWindow = update.remaining === update.limit - 1;
    // Requests sent after this one and not answered yet (pipelining) are not in Discord's count yet.
    const remaining = update.remaining - (update.pending ?? 0);
    if (state === undefined || state.probe || state.limit < 0 || state.reset <= now) {
      this.buckets.set(bucket, {
        limit: update.limit,
        remaining,
        reset,
        windowMs: firstOfWindow || state === undefined ? update.resetAfterMs : Math.max(state.windowMs, update.resetAfterMs),
        probe: false,
        estimated: false,
      });
      return;
    }
    state.limit = update.limit;
    if (reset > state.reset + Math.max(state.windowMs, update.resetAfterMs) / 2) {
      // Discord's window rolled over before the one this store believed in: its count is the truth.
      state.remaining = remaining;
      state.reset = reset;
    } else {
      // Every answer's reset is an upper bound of Discord's (it arrives after Discord computed it),
      // so the earliest is the tightest safe one; a predicted reset gives way to the first answer.
      state.remaining = Math.min(state.remaining, remaining);
      state.reset = state.estimated ? reset : Math.min(state.reset, reset);
    }
    state.estimated = false;
    if (firstOfWindow) state.windowMs = update.resetAfterMs;
  }

  private giveBack(route: string, major: string, globalToken: string | undefined, now: number): void {
    if (globalToken !== undefined) {
      const slot = Number(globalToken);
      if (this.globalLog[slot] !== undefined) this.globalLog[slot] = -Infinity;
    }
    const bucket = `${this.hashes.get(route) ?? route}|${major}`;
    const state = this.buckets.get(bucket);
    if (state === undefined) return;
    if (state.probe) this.buckets.delete(bucket);
    else if (state.limit >= 0 && state.reset > now) state.remaining = Math.min(state.limit, state.remaining + 1);
  }

  public async penalize(penalty: Penalty): Promise<void> {
    const until = Date.now() + penalty.retryAfterMs;
    // A global 429 also holds the request's own bucket: a globally exempt route (an interaction
    // callback) skips the global block and would otherwise retry at once.
    if (penalty.global) this.globalBlockedUntil = Math.max(this.globalBlockedUntil, until);
    const bucket = `${this.hashes.get(penalty.route) ?? penalty.route}|${penalty.major}`;
    const state = this.buckets.get(bucket);
    if (state === undefined || state.probe || state.limit < 0) {
      this.buckets.set(bucket, { limit: 1, remaining: 0, reset: until, windowMs: state?.windowMs ?? 0, probe: false, estimated: false });
      return;
    }
    // `retry_after` is authoritative, also when it is shorter than the bucket's reset: a sublimit
    // (a channel rename) 429s while the bucket itself still has room.
    state.remaining = 0;
    state.reset = until;
    state.estimated = false;
  }

  public async recordInvalid(windowMs: number): Promise<number> {
    const now = Date.now();
    this.invalid.push(now);
    return this.countInvalid(now, windowMs);
  }

  public async invalidState(windowMs: number): Promise<{ count: number; nextExpiryMs: number }> {
    const now = Date.now();
    const count = this.countInvalid(now, windowMs);
    const oldest = this.invalid[this.invalidHead];
    return { count, nextExpiryMs: oldest === undefined ? 0 : Math.max(0, oldest + windowMs - now) };
  }

  public hashOf(route: string): string | undefined {
    return this.hashes.get(route);
  }

  public async close(): Promise<void> {
    clearInterval(this.sweeper);
  }

  /**
   * A slot whose token is back: the ring's head when times are in order (the usual case, O(1)),
   * else any expired slot, because settling moves some tokens later than the ones after them.
   */
  private freeGlobalSlot(now: number, windowMs: number): number {
    if (this.globalLog[this.globalHead]! + windowMs <= now) return this.globalHead;
    for (let index = 0; index < this.globalLog.length; index += 1) {
      if (this.globalLog[index]! + windowMs <= now) return index;
    }
    return -1;
  }

  private countInvalid(now: number, windowMs: number): number {
    while (this.invalidHead < this.invalid.length && this.invalid[this.invalidHead]! <= now - windowMs) {
      this.invalidHead += 1;
    }
    // Compact once the expired prefix dominates, keeping pushes O(1) amortised.
    if (this.invalidHead > 1024 && this.invalidHead * 2 > this.invalid.length) {
      this.invalid = this.invalid.slice(this.invalidHead);
      this.invalidHead = 0;
    }
    return this.invalid.length - this.invalidHead;
  }

  private sweep(now: number): void {
    for (const [bucket, state] of this.buckets) {
      if (state.reset + IDLE_MS < now) this.buckets.delete(bucket);
    }
  }
}
