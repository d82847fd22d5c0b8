import { performance } from 'node:perf_hooks';
import { BucketQueues } from './bucket-queues';
import { GlobalGate } from './global-gate';
import type { BucketQueue, BucketTurn } from './bucket-queue';
import { InvalidRequestLimitError } from './errors/invalid-request-limit-error';
import { RateLimitError, type RateLimitInfo } from './errors/rate-limit-error';
import { RequestFailedError } from './errors/request-failed-error';
import { RestUsageError } from './errors/rest-usage-error';
import { AttemptTimeout, type HttpTransport, type RawResponse } from './http-transport';
import type { BucketUpdate as LimiterBucketUpdate, Grant as LimiterGrant, LimiterStore } from './limiter/limiter-store';
import { LazyResponse } from './lazy-response';
import { attemptBody, bodyHeaders, canResend, prepareBody, type PreparedBody } from './prepared-body';
import { toQueryString } from './query-string';
import { checkRequestOptions, checkRoute } from './request-checks';
import { errorFor } from './response-error';
import type { ResolvedRestOptions } from './rest-client-options';
import type { RestEvents } from './rest-events';
import type { RestContext, RestMethod, RestRequest, RestResponse } from './rest-request';
import { linkSignals } from './linked-signal';
import { BaseHeaders } from './base-headers';
import { DeadlineList } from './deadline-list';
import { RequestClock } from './request-clock';
import { backoffDelay, failedBeforeSend, isIdempotent, isNetworkError } from './retry-policy';
import type { RouteKey } from './route-key';
import { RouteKeyCache } from './route-key-cache';
import { sleep } from './sleep';
import { untrustedCertificateCode } from '../tls';

const GLOBAL_WINDOW_MS = 1000;

/** What the executor needs from its RestClient. */
export interface ExecutorHost {
  readonly options: ResolvedRestOptions;
  readonly store: LimiterStore;
  readonly transport: HttpTransport;
  readonly userAgent: string;
  /** Aborted by `RestClient.close()`. */
  readonly closing: AbortSignal;
  token(): string | undefined;
  tokenRejected(): boolean;
  rejectToken(): void;
  listens(event: keyof RestEvents): boolean;
  emit<E extends keyof RestEvents>(event: E, payload: RestEvents[E]): void;
}

/**
 * The core under the middleware: puts each request in its bucket's queue, then, when its turn
 * comes, loops until it has an answer to return or an error to throw: take a slot from the limiter
 * store (or wait), send, learn from the headers, and decide whether a 429, 5xx or network failure
 * is waited out, retried or thrown.
 */
export class RequestExecutor {
  private readonly queues: BucketQueues;
  private readonly globalGate = new GlobalGate();
  private readonly routeKeys = new RouteKeyCache(checkRoute);
  /** Timers of `totalTimeout`s: one per distinct duration, not one per request. */
  private readonly deadlines = new DeadlineList();
  private warned = false;

  private readonly baseHeaders: BaseHeaders;

  public constructor(private readonly host: ExecutorHost) {
    this.baseHeaders = new BaseHeaders(host.userAgent, host.options.headers, host.options.authPrefix);
    const { pipelining, origin } = host.options;
    this.queues =
      pipelining > 1
        ? new BucketQueues(pipelining, { take: () => host.transport.takeLane(origin), give: (lane) => host.transport.giveLane(origin, lane) })
        : new BucketQueues();
  }

  /** Stops the totalTimeout timers (RestClient.close() has already aborted every request). */
  public close(): void {
    this.deadlines.clear();
  }

  /** The innermost step of the pipeline: check, then wait in the bucket's queue. */
  public enqueue(ctx: RestContext): Promise<void> {
    const request = ctx.request;
    // The route is checked (once per distinct path) by the route-key cache, further down.
    checkRequestOptions(request);
    const key = this.routeKeys.of(request.method, request.route);
    if (request.auth && this.host.token() === undefined) {
      throw new RestUsageError(
        'OVEN_ERR_REST_NO_TOKEN',
        `${request.method} ${request.route} needs a token: pass { token } to new RestClient() or call rest.setToken(token).`,
      );
    }
    if (request.auth && this.host.tokenRejected()) {
      throw new RestUsageError(
        'OVEN_ERR_REST_TOKEN_REJECTED',
        `${request.method} ${request.route} not sent: Discord rejected the token with 401 earlier, and every further try ` +
          'counts toward the invalid-request ban. Reset the token in the developer portal and call rest.setToken(newToken).',
      );
    }
    const prepared = prepareBody(request);
    const enqueuedAt = performance.now();
    // Interaction callbacks and webhook-token routes stay strict: each is its own small bucket.
    const queue = this.queues.for(`${this.host.store.hashOf(key.route) ?? key.route}|${key.major}`, !key.globalExempt);
    if (request.totalTimeout !== undefined || request.signal !== undefined) return this.enqueueGuarded(ctx, key, prepared, queue, enqueuedAt);
    return new Promise<void>((resolve, reject) => {
      queue.push((turn) =>
        this.execute(ctx, key, prepared, queue, turn, enqueuedAt, undefined, undefined).then((response) => {
          ctx.response = response;
          resolve();
        }, reject),
      );
    });
  }

  /**
   * A request with its own AbortSignal or a `totalTimeout`: while it still waits in its bucket's
   * queue, either one rejects it at once (RequestFailedError 'aborted', TotalTimeoutError) and its
   * job is skipped when its turn comes, without touching the order of the others; once started,
   * they abort whatever it is doing.
   */
  private enqueueGuarded(ctx: RestContext, key: RouteKey, prepared: PreparedBody, queue: BucketQueue, enqueuedAt: number): Promise<void> {
    const { request } = ctx;
    const { method, totalTimeout, signal: own } = request;
    const path = `${this.host.options.basePath}${request.route}${toQueryString(request.query)}`;
    const clock = totalTimeout === undefined ? undefined : new RequestClock(method, path, totalTimeout);
    const deadline = clock === undefined ? undefined : new AbortController();
    return new Promise<void>((resolve, reject) => {
      if (own?.aborted === true) {
        reject(new RequestFailedError('aborted', method, path, 0, own.reason));
        return;
      }
      let started = false;
      let gaveUp = false;
      const giveUp = (error: unknown): void => {
        gaveUp = true;
        timer?.cancel();
        own?.removeEventListener('abort', onAbort);
        reject(error);
      };
      const onAbort = (): void => {
        if (!started) giveUp(new RequestFailedError('aborted', method, path, 0, own?.reason));
      };
      own?.addEventListener('abort', onAbort, { once: true });
      const timer =
        totalTimeout === undefined
          ? undefined
          : this.deadlines.add(totalTimeout, () => {
              const error = clock!.expired(ctx.info.attempts);
              if (!started) giveUp(error);
              deadline!.abort(error);
            });
      queue.push((turn) => {
        if (gaveUp) return Promise.resolve();
        started = true;
        // From here the signal joined in execute() aborts the request wherever it is.
        own?.removeEventListener('abort', onAbort);
        clock?.enter('rate-limit');
        return this.execute(ctx, key, prepared, queue, turn, enqueuedAt, deadline?.signal, clock).then(
          (response) => {
            timer?.cancel();
            ctx.response = response;
            resolve();
          },
          (error: unknown) => {
            timer?.cancel();
            reject(deadline?.signal.aborted === true ? deadline.signal.reason : error);
          },
        );
      });
    });
  }

  /** Runs the request under one signal: the client's closing signal, joined to the caller's and the deadline's when there are any. */
  private async execute(
    ctx: RestContext,
    key: RouteKey,
    prepared: PreparedBody,
    queue: BucketQueue,
    turn: BucketTurn,
    enqueuedAt: number,
    deadline: AbortSignal | undefined,
    clock: RequestClock | undefined,
  ): Promise<RestResponse> {
    const own = ctx.request.signal;
    // Most requests have neither: no linked signal, no extra async frame.
    if (own === undefined && deadline === undefined) return this.attempt(ctx, key, prepared, queue, turn, enqueuedAt, this.host.closing, clock);
    const linked =
      own !== undefined && deadline !== undefined ? linkSignals(this.host.closing, own, deadline) : linkSignals(this.host.closing, (own ?? deadline)!);
    try {
      return await this.attempt(ctx, key, prepared, queue, turn, enqueuedAt, linked.signal, clock);
    } finally {
      linked.release();
    }
  }

  private async attempt(
    ctx: RestContext,
    key: RouteKey,
    prepared: PreparedBody,
    queue: BucketQueue,
    turn: BucketTurn,
    enqueuedAt: number,
    signal: AbortSignal,
    clock: RequestClock | undefined,
  ): Promise<RestResponse> {
    const request = ctx.request;
    const { method } = request;
    const path = `${this.host.options.basePath}${request.route}${toQueryString(request.query)}`;
    const headers = this.buildHeaders(request, prepared);
    const useGlobal = !key.globalExempt;
    const { invalid } = this.host.options;
    let retriesUsed = 0;
    const gate = { held: false };
    const acquireRequest = {
      route: key.route,
      major: key.major,
      global: useGlobal,
      globalLimit: this.host.options.globalLimit,
      globalWindowMs: GLOBAL_WINDOW_MS + this.host.options.offsetMs,
      invalidWindowMs: invalid.windowMs,
    };
    const { store } = this.host;

    try {
      for (;;) {
        if (signal.aborted) throw new RequestFailedError('aborted', method, path, ctx.info.attempts, signal.reason);
        // Pipelining: wait until every earlier request of the bucket has been sent (always free when strict).
        const turnTaken = turn.ready(signal);
        if (turnTaken !== undefined) {
          clock?.enter('queue');
          try {
            await turnTaken;
          } catch (reason) {
            throw new RequestFailedError('aborted', method, path, ctx.info.attempts, reason);
          }
        }
        clock?.enter('rate-limit');
        turn.claim();
        const grant = store.acquireSync !== undefined ? store.acquireSync(acquireRequest) : await store.acquire(acquireRequest);
        if (grant.waitMs > 0) turn.unclaim();
        ctx.info.route = key.route;
        ctx.info.bucket = grant.bucket;
        this.queues.rekey(queue, grant.bucket);
        if (grant.invalid >= invalid.refuseAt) {
          // Nothing is sent: the slot and global token the grant took (or its first-request hold) go back.
          if (grant.waitMs === 0) await this.host.store.update({ kind: 'unused', route: key.route, major: key.major, globalToken: grant.globalToken });
          const state = await this.host.store.invalidState(invalid.windowMs);
          throw new InvalidRequestLimitError(state.count, invalid.refuseAt, invalid.limit, invalid.windowMs, state.nextExpiryMs);
        }
        if (grant.invalid < invalid.warnAt) this.warned = false;
        const info: RateLimitInfo | undefined =
          grant.waitMs > 0 && grant.reason !== 'probe'
            ? {
                method,
                path,
                route: key.route,
                bucket: grant.bucket,
                retryAfterMs: grant.waitMs,
                global: grant.reason === 'global',
                scope: 'preemptive',
              }
            : undefined;
        // Before parking at the global gate: a caller who asked to fail must not wait there either.
        if (info !== undefined && this.shouldReject(request, info)) throw new RateLimitError(info);
        if (grant.reason === 'global' && !gate.held) {
          try {
            await this.globalGate.enter(signal);
          } catch (reason) {
            throw new RequestFailedError('aborted', method, path, ctx.info.attempts, reason);
          }
          gate.held = true;
          continue;
        }
        if (grant.reason !== 'global' && gate.held) {
          gate.held = false;
          this.globalGate.leave();
        }
        if (grant.waitMs > 0) {
          if (info !== undefined && this.host.listens('rateLimited')) this.host.emit('rateLimited', { ...info, hit: false, limit: undefined });
          await this.wait(grant.waitMs, signal, method, path, ctx);
          continue;
        }

        if (ctx.info.attempts === 0) ctx.info.queuedMs = performance.now() - enqueuedAt;
        ctx.info.attempts += 1;
        const attempt = ctx.info.attempts;
        if (this.host.listens('request')) this.host.emit('request', { method, path, route: key.route, bucket: grant.bucket, attempt });
        const sentAt = performance.now();
        clock?.enter('attempt');
        let raw: RawResponse;
        try {
          const answer = this.host.transport.send({
            origin: this.host.options.origin,
            method,
            path,
            headers,
            body: attemptBody(prepared),
            timeout: request.timeout,
            signal,
            lane: turn.lane(),
          });
          turn.sent();
          try {
            raw = await answer;
          } finally {
            turn.answered();
          }
        } catch (error) {
          await this.host.store.update({ kind: 'failed', route: key.route, major: key.major, globalToken: grant.globalToken });
          if (signal.aborted) throw new RequestFailedError('aborted', method, path, attempt, signal.reason);
          const timedOut = error instanceof AttemptTimeout;
          // A certificate that does not verify fails the same way on every retry.
          if (untrustedCertificateCode(error) !== undefined) throw new RequestFailedError('tls', method, path, attempt, error);
          if (!timedOut && !isNetworkError(error)) {
            // undici refused the request itself (a header with a newline, a bad body): retrying cannot help.
            throw new RestUsageError(
              'OVEN_ERR_REST_BAD_OPTION',
              `${method} ${path} could not be sent: ${error instanceof Error ? error.message : String(error)}. Check custom headers and the body.`,
            );
          }
          const replayable = canResend(prepared);
          const safe = isIdempotent(method) || (!timedOut && failedBeforeSend(error));
          if (retriesUsed < this.host.options.retries && replayable && safe) {
            clock?.enter('retry-backoff');
            await this.retryAfter(retriesUsed, method, path, undefined, error, signal, ctx);
            retriesUsed += 1;
            continue;
          }
          throw new RequestFailedError(timedOut ? 'timeout' : 'network', method, path, attempt, error);
        }
        clock?.enter('rate-limit');
        if (this.host.listens('response')) {
          this.host.emit('response', {
            method,
            path,
            route: key.route,
            bucket: grant.bucket,
            attempt,
            status: raw.status,
            durationMs: performance.now() - sentAt,
          });
        }

        const learned = this.learn(raw, key, queue, turn, grant);
        if (learned !== undefined) await learned;

        if (raw.status === 429) {
          const limited = await this.onRateLimited(raw, key, request, path, ctx);
          if (!canResend(prepared)) throw cutOffUpload(method, path, `429 (retry after ${limited.retryAfterMs} ms)`);
          continue;
        }
        if (raw.status === 401 || raw.status === 403) {
          if (raw.status === 401 && request.auth) this.host.rejectToken();
          await this.countInvalid();
        }
        // A stream upload cut off by the answer cannot be resent: the HTTPError below names the 5xx.
        if (raw.status >= 500 && retriesUsed < this.host.options.retries && isIdempotent(method) && canResend(prepared)) {
          clock?.enter('retry-backoff');
          await this.retryAfter(retriesUsed, method, path, raw.status, undefined, signal, ctx);
          retriesUsed += 1;
          continue;
        }
        if (raw.status >= 400) throw errorFor(raw, method, path);
        return new LazyResponse(raw.status, raw.rawHeaders, raw.data);
      }
    } finally {
      if (gate.held) this.globalGate.leave();
    }
  }

  /**
   * Records what the response's headers said about its bucket, and follows a learned hash. Returns
   * the store's promise, or nothing when the store answered synchronously.
   */
  private learn(raw: RawResponse, key: RouteKey, queue: BucketQueue, turn: BucketTurn, grant: LimiterGrant): Promise<void> | undefined {
    const { limits } = raw;
    const { store } = this.host;
    const known = store.hashOf(key.route);
    let update: LimiterBucketUpdate;
    if (limits.limit !== undefined && limits.remaining !== undefined && limits.resetAfterMs !== undefined) {
      update = {
        kind: 'limits',
        route: key.route,
        major: key.major,
        hash: limits.bucket,
        limit: limits.limit,
        remaining: limits.remaining,
        resetAfterMs: limits.resetAfterMs + this.host.options.offsetMs,
        pending: turn.othersInFlight(),
        globalToken: grant.globalToken,
      };
    } else if (raw.status === 429) {
      // A 429 without bucket headers says nothing about the route; release the first-request hold.
      update = { kind: 'failed', route: key.route, major: key.major, globalToken: grant.globalToken };
    } else {
      update = { kind: 'unlimited', route: key.route, major: key.major, hash: limits.bucket, globalToken: grant.globalToken };
    }
    let pending: Promise<void> | undefined;
    if (store.updateSync !== undefined) store.updateSync(update);
    else pending = store.update(update);
    if (limits.bucket !== undefined) {
      this.queues.rekey(queue, `${limits.bucket}|${key.major}`);
      if (known !== limits.bucket && this.host.listens('bucketLearned')) {
        this.host.emit('bucketLearned', { route: key.route, hash: limits.bucket, major: key.major });
      }
    }
    return pending;
  }

  private async onRateLimited(raw: RawResponse, key: RouteKey, request: RestRequest, path: string, ctx: RestContext): Promise<RateLimitInfo> {
    const { limits } = raw;
    const body = raw.json && typeof raw.data === 'object' && raw.data !== null ? (raw.data as { retry_after?: unknown; global?: unknown }) : undefined;
    const retryAfterMs =
      typeof body?.retry_after === 'number' ? Math.ceil(body.retry_after * 1000) : (limits.retryAfterMs ?? limits.resetAfterMs ?? 1000);
    // A 429 without Discord's JSON comes from the edge (Cloudflare) and blocks the whole IP.
    const global = body?.global === true || limits.global || body === undefined;
    const scope = limits.scope ?? (global ? 'global' : 'user');
    if (scope !== 'shared') await this.countInvalid();
    ctx.info.rateLimitHits += 1;
    await this.host.store.penalize({ route: key.route, major: key.major, global, retryAfterMs: retryAfterMs + this.host.options.offsetMs });
    const info: RateLimitInfo = {
      method: request.method,
      path,
      route: key.route,
      bucket: ctx.info.bucket ?? key.route,
      retryAfterMs,
      global,
      scope,
    };
    if (this.host.listens('rateLimited')) this.host.emit('rateLimited', { ...info, hit: true, limit: limits.limit });
    if (this.shouldReject(request, info)) throw new RateLimitError(info);
    return info;
  }

  private async countInvalid(): Promise<void> {
    const { invalid } = this.host.options;
    const count = await this.host.store.recordInvalid(invalid.windowMs);
    if (count >= invalid.warnAt && !this.warned) {
      this.warned = true;
      this.host.emit('invalidRequestWarning', {
        count,
        warnAt: invalid.warnAt,
        refuseAt: invalid.refuseAt,
        limit: invalid.limit,
        windowMs: invalid.windowMs,
      });
    }
  }

  private async retryAfter(
    retry: number,
    method: RestMethod,
    path: string,
    status: number | undefined,
    error: unknown,
    signal: AbortSignal,
    ctx: RestContext,
  ): Promise<void> {
    const delayMs = backoffDelay(retry, {
      retries: this.host.options.retries,
      baseDelayMs: this.host.options.retryBaseDelayMs,
      maxDelayMs: this.host.options.retryMaxDelayMs,
    });
    if (this.host.listens('retry')) this.host.emit('retry', { method, path, attempt: ctx.info.attempts, delayMs, status, error });
    await this.wait(delayMs, signal, method, path, ctx);
  }

  private async wait(ms: number, signal: AbortSignal, method: string, path: string, ctx: RestContext): Promise<void> {
    try {
      await sleep(ms, signal);
    } catch (reason) {
      throw new RequestFailedError('aborted', method, path, ctx.info.attempts, reason);
    }
  }

  private shouldReject(request: RestRequest, info: RateLimitInfo): boolean {
    if (request.rejectOnRateLimit) return true;
    const option = this.host.options.rejectOnRateLimit;
    return typeof option === 'function' ? option(info) : false;
  }

  private buildHeaders(request: RestRequest, prepared: PreparedBody): Readonly<Record<string, string>> {
    const token = this.host.token();
    if (prepared.kind !== 'multipart' && request.reason === undefined && isEmpty(request.headers)) {
      return this.baseHeaders.for(token, request.auth, prepared.kind === 'json');
    }
    const headers: Record<string, string> = { 'user-agent': this.host.userAgent, ...this.host.options.headers };
    if (request.auth && token !== undefined) headers.authorization = `${this.host.options.authPrefix} ${token}`;
    if (request.reason !== undefined) headers['x-audit-log-reason'] = encodeURIComponent(request.reason);
    bodyHeaders(prepared, headers);
    for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
    return headers;
  }
}

/**
 * Discord answered before reading all of a stream file: the bytes already sent are gone, and
 * sending the rest again would upload a truncated file.
 */
function cutOffUpload(method: string, path: string, answer: string): RestUsageError {
  return new RestUsageError(
    'OVEN_ERR_REST_BAD_FILE',
    `${method} ${path} got ${answer} before a stream file was fully sent, so the upload cannot be resent. ` +
      'Give the file as a Buffer or Blob (the client resends those as often as needed), or read the stream into a Buffer first.',
  );
}

function isEmpty(record: Readonly<Record<string, string>>): boolean {
  for (const _ in record) return false;
  return true;
}
