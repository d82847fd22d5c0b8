import { setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import { BucketQueue } from './bucket-queue';
import { DiscordAPIError, type DiscordErrorBody } from './errors/discord-api-error';
import { HTTPError } from './errors/http-error';
import { InvalidRequestLimitError } from './errors/invalid-request-limit-error';
import { RateLimitError, type RateLimitInfo } from './errors/rate-limit-error';
import { RequestFailedError } from './errors/request-failed-error';
import { RestUsageError } from './errors/rest-usage-error';
import { AttemptTimeout, HttpTransport, type RawResponse } from './http-transport';
import type { LimiterStore } from './limiter/limiter-store';
import { MemoryLimiterStore } from './limiter/memory-limiter-store';
import { encodeMultipart, type MultipartBody } from './multipart';
import type { Middleware } from './pipeline/middleware';
import { MiddlewarePipeline } from './pipeline/middleware-pipeline';
import { toQueryString } from './query-string';
import { readRateLimitHeaders } from './rate-limit-headers';
import { ApplicationCommandsApi } from './resources/application-commands-api';
import { ChannelsApi } from './resources/channels-api';
import { GatewayApi } from './resources/gateway-api';
import { GuildsApi } from './resources/guilds-api';
import { InteractionsApi } from './resources/interactions-api';
import { UsersApi } from './resources/users-api';
import { resolveRestOptions, type ResolvedRestOptions, type RestClientOptions } from './rest-client-options';
import { RestEventEmitter } from './rest-events';
import type { RequestOptions, RestContext, RestMethod, RestRequest, RestResponse, RouteLike } from './rest-request';
import { backoffDelay, failedBeforeSend, isIdempotent } from './retry-policy';
import { routeKeyOf, type RouteKey } from './route-key';
import { sleep } from './sleep';
import { userAgent } from './user-agent';

type PreparedBody = { kind: 'none' } | { kind: 'json'; text: string } | { kind: 'multipart'; body: MultipartBody };

const GLOBAL_WINDOW_MS = 1000;

/**
 * Discord's REST API over undici, with rate limits predicted per bucket (shared across routes by
 * Discord's bucket hash), a global limit, 429 recovery, an invalid-request guard, retries, and a
 * middleware pipeline. Works with `new`; the DI module only wraps it.
 *
 * @example
 * ```ts
 * const rest = new RestClient({ token: process.env.DISCORD_TOKEN });
 * const me = await rest.users.me();
 * await rest.channels.createMessage(channelId, { content: `Hello from ${me.username}` });
 * await rest.close();
 * ```
 */
export class RestClient extends RestEventEmitter {
  /** Middleware around every call; see MiddlewarePipeline for the order. */
  public readonly pipeline = new MiddlewarePipeline();
  public readonly channels: ChannelsApi;
  public readonly guilds: GuildsApi;
  public readonly interactions: InteractionsApi;
  public readonly applicationCommands: ApplicationCommandsApi;
  public readonly gateway: GatewayApi;
  public readonly users: UsersApi;

  private readonly options: ResolvedRestOptions;
  private readonly store: LimiterStore;
  private readonly ownsStore: boolean;
  private readonly transport: HttpTransport;
  private readonly queues = new Map<string, BucketQueue>();
  private readonly closing = new AbortController();
  private readonly userAgent: string;
  private token: string | undefined;
  /** Set by a 401: further authenticated requests would only add to the invalid-request count. */
  private tokenRejected = false;
  private warned = false;
  private readonly core = (ctx: RestContext): Promise<void> => {
    try {
      return this.enqueue(ctx);
    } catch (error) {
      return Promise.reject(error);
    }
  };

  public constructor(options: RestClientOptions = {}) {
    super();
    this.options = resolveRestOptions(options);
    this.token = this.options.token;
    // Every pending request listens on this signal; thousands in flight are normal, not a leak.
    setMaxListeners(0, this.closing.signal);
    this.store = options.store ?? new MemoryLimiterStore();
    this.ownsStore = options.store === undefined;
    this.transport = new HttpTransport(this.options.connections, this.options.keepAliveTimeoutMs);
    this.userAgent = userAgent(this.options.userAgentAppendix);
    this.channels = new ChannelsApi(this);
    this.guilds = new GuildsApi(this);
    this.interactions = new InteractionsApi(this);
    this.applicationCommands = new ApplicationCommandsApi(this);
    this.gateway = new GatewayApi(this);
    this.users = new UsersApi(this);
  }

  /** Sets (or replaces) the token; also clears the lock a 401 put on authenticated requests. */
  public setToken(token: string): this {
    if (typeof token !== 'string' || token.trim() === '') {
      throw new RestUsageError('OVEN_ERR_REST_BAD_OPTION', 'setToken() needs a non-empty bot token.');
    }
    this.token = token.replace(/^(Bot|Bearer)\s+/i, '');
    this.tokenRejected = false;
    return this;
  }

  /** Shortcut for `pipeline.use(middleware)`. */
  public use(middleware: Middleware, name?: string): this {
    this.pipeline.use(middleware, name);
    return this;
  }

  /** @example `const channel = await rest.get<APIChannel>(Routes.channel(id));` */
  public get<T = unknown>(route: RouteLike, options?: RequestOptions): Promise<T> {
    return this.request<T>('GET', route, options);
  }

  /** @example `await rest.post(Routes.channelMessages(id), { body: { content: 'hi' } });` */
  public post<T = unknown>(route: RouteLike, options?: RequestOptions): Promise<T> {
    return this.request<T>('POST', route, options);
  }

  /** @example `await rest.put(Routes.guildBan(guildId, userId), { reason: 'spam' });` */
  public put<T = unknown>(route: RouteLike, options?: RequestOptions): Promise<T> {
    return this.request<T>('PUT', route, options);
  }

  /** @example `await rest.patch(Routes.channel(id), { body: { name: 'general' } });` */
  public patch<T = unknown>(route: RouteLike, options?: RequestOptions): Promise<T> {
    return this.request<T>('PATCH', route, options);
  }

  /** @example `await rest.delete(Routes.channelMessage(channelId, messageId), { reason: 'cleanup' });` */
  public delete<T = unknown>(route: RouteLike, options?: RequestOptions): Promise<T> {
    return this.request<T>('DELETE', route, options);
  }

  /**
   * Sends one request through the pipeline and the rate limiter; resolves with the parsed body
   * (undefined for 204) or rejects with DiscordAPIError, HTTPError, RateLimitError,
   * InvalidRequestLimitError, RequestFailedError or RestUsageError.
   *
   * @example
   * ```ts
   * const messages = await rest.request<RESTGetAPIChannelMessagesResult>('GET', Routes.channelMessages(id), { query: { limit: 10 } });
   * ```
   */
  public async request<T = unknown>(method: RestMethod, route: RouteLike, options: RequestOptions = {}): Promise<T> {
    if (this.closing.signal.aborted) {
      throw new RestUsageError('OVEN_ERR_REST_CLOSED', `${method} ${route} after RestClient.close(); create a new client.`);
    }
    const ctx: RestContext = {
      request: this.buildRequest(method, route, options),
      response: undefined,
      info: { route: undefined, bucket: undefined, attempts: 0, rateLimitHits: 0, queuedMs: 0 },
      state: {},
    };
    await this.pipeline.run(ctx, this.core);
    if (ctx.response === undefined) {
      throw new RestUsageError(
        'OVEN_ERR_REST_MIDDLEWARE',
        `${method} ${route}: the middleware chain finished without a response; a middleware that skips next() must set ctx.response.`,
      );
    }
    return ctx.response.data as T;
  }

  /**
   * Aborts every queued and in-flight request (they reject with RequestFailedError 'aborted'),
   * closes the connection pools and, when the client created it, the limiter store.
   */
  public async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    this.closing.abort(new RestUsageError('OVEN_ERR_REST_CLOSED', 'RestClient was closed while the request was pending.'));
    await this.transport.close();
    if (this.ownsStore) await this.store.close();
  }

  private buildRequest(method: RestMethod, route: RouteLike, options: RequestOptions): RestRequest {
    const key = typeof route === 'string' ? routeKeyOf(method, route) : undefined;
    return {
      method,
      route,
      query: options.query,
      body: options.body,
      files: options.files,
      reason: options.reason,
      signal: options.signal,
      auth: options.auth ?? !(key?.globalExempt ?? false),
      timeout: options.timeout ?? this.options.timeout,
      headers: { ...options.headers },
      rejectOnRateLimit: options.rejectOnRateLimit ?? this.options.rejectOnRateLimit === true,
    };
  }

  /** The innermost step of the pipeline: validate, then wait in the bucket's queue. */
  private enqueue(ctx: RestContext): Promise<void> {
    const request = ctx.request;
    validateRoute(request.method, request.route);
    if (request.reason !== undefined && (typeof request.reason !== 'string' || request.reason.length === 0 || request.reason.length > 512)) {
      throw new RestUsageError(
        'OVEN_ERR_REST_BAD_OPTION',
        `${request.method} ${request.route}: reason must be 1 to 512 characters (Discord's audit-log limit); got ${typeof request.reason === 'string' ? `${request.reason.length} characters` : typeof request.reason}.`,
      );
    }
    if (request.auth && this.token === undefined) {
      throw new RestUsageError(
        'OVEN_ERR_REST_NO_TOKEN',
        `${request.method} ${request.route} needs a token: pass { token } to new RestClient() or call rest.setToken(token).`,
      );
    }
    if (request.auth && this.tokenRejected) {
      throw new RestUsageError(
        'OVEN_ERR_REST_TOKEN_REJECTED',
        `${request.method} ${request.route} not sent: Discord rejected the token with 401 earlier, and every further try ` +
          'counts toward the invalid-request ban. Reset the token in the developer portal and call rest.setToken(newToken).',
      );
    }
    const key = routeKeyOf(request.method, request.route);
    const prepared = prepareBody(request);
    return new Promise<void>((resolve, reject) => {
      const queue = this.queueFor(`${this.store.hashOf(key.route) ?? key.route}|${key.major}`);
      queue.push(async () => {
        try {
          ctx.response = await this.execute(ctx, key, prepared, queue);
          resolve();
        } catch (error) {
          reject(error);
        }
      });
    });
  }

  private queueFor(id: string): BucketQueue {
    let queue = this.queues.get(id);
    if (queue === undefined) {
      queue = new BucketQueue(id, (idle) => {
        if (this.queues.get(idle.id) === idle) this.queues.delete(idle.id);
      });
      this.queues.set(id, queue);
    }
    return queue;
  }

  /** Moves a queue to the id of the bucket it turned out to be, joining a queue already there. */
  private rekey(queue: BucketQueue, bucket: string): void {
    if (queue.id === bucket) return;
    const existing = this.queues.get(bucket);
    if (existing === queue) return;
    if (existing === undefined) {
      if (this.queues.get(queue.id) === queue) this.queues.delete(queue.id);
      queue.id = bucket;
      this.queues.set(bucket, queue);
      return;
    }
    existing.absorb(queue);
  }

  private async execute(ctx: RestContext, key: RouteKey, prepared: PreparedBody, queue: BucketQueue): Promise<RestResponse> {
    const request = ctx.request;
    const { method } = request;
    const path = `${this.options.basePath}${request.route}${toQueryString(request.query)}`;
    const headers = this.buildHeaders(request, prepared);
    const signal = request.signal === undefined ? this.closing.signal : AbortSignal.any([request.signal, this.closing.signal]);
    const useGlobal = !key.globalExempt;
    const { invalid } = this.options;
    let retriesUsed = 0;

    for (;;) {
      if (signal.aborted) throw new RequestFailedError('aborted', method, path, ctx.info.attempts, signal.reason);
      const grant = await this.store.acquire({
        route: key.route,
        major: key.major,
        global: useGlobal,
        globalLimit: this.options.globalLimit,
        globalWindowMs: GLOBAL_WINDOW_MS + this.options.offsetMs,
        invalidWindowMs: invalid.windowMs,
      });
      ctx.info.route = key.route;
      ctx.info.bucket = grant.bucket;
      this.rekey(queue, grant.bucket);
      if (grant.invalid >= invalid.refuseAt) {
        const state = await this.store.invalidState(invalid.windowMs);
        throw new InvalidRequestLimitError(state.count, invalid.refuseAt, invalid.limit, invalid.windowMs, state.nextExpiryMs);
      }
      if (grant.invalid < invalid.warnAt) this.warned = false;
      if (grant.waitMs > 0) {
        if (grant.reason !== 'probe') {
          const info: RateLimitInfo = {
            method,
            path,
            route: key.route,
            bucket: grant.bucket,
            retryAfterMs: grant.waitMs,
            global: grant.reason === 'global',
            scope: 'preemptive',
          };
          if (this.shouldReject(request, info)) throw new RateLimitError(info);
          if (this.listens('rateLimited')) this.emit('rateLimited', { ...info, hit: false, limit: undefined });
        }
        ctx.info.queuedMs += grant.waitMs;
        await this.wait(grant.waitMs, signal, method, path, ctx);
        continue;
      }

      ctx.info.attempts += 1;
      const attempt = ctx.info.attempts;
      if (this.listens('request')) this.emit('request', { method, path, route: key.route, bucket: grant.bucket, attempt });
      const sentAt = performance.now();
      let raw: RawResponse;
      try {
        raw = await this.transport.send({
          origin: this.options.origin,
          method,
          path,
          headers,
          body: prepared.kind === 'none' ? undefined : prepared.kind === 'json' ? prepared.text : prepared.body.open(),
          timeout: request.timeout,
          signal,
        });
      } catch (error) {
        await this.store.update({ kind: 'failed', route: key.route, major: key.major });
        if (signal.aborted) throw new RequestFailedError('aborted', method, path, attempt, signal.reason);
        const timedOut = error instanceof AttemptTimeout;
        const replayable = prepared.kind !== 'multipart' || prepared.body.canReplay();
        const safe = isIdempotent(method) || (!timedOut && failedBeforeSend(error));
        if (retriesUsed < this.options.retries && replayable && safe) {
          await this.retryAfter(retriesUsed, method, path, undefined, error, signal, ctx);
          retriesUsed += 1;
          continue;
        }
        throw new RequestFailedError(timedOut ? 'timeout' : 'network', method, path, attempt, error);
      }
      if (this.listens('response')) {
        this.emit('response', {
          method,
          path,
          route: key.route,
          bucket: grant.bucket,
          attempt,
          status: raw.status,
          durationMs: performance.now() - sentAt,
        });
      }

      await this.learn(raw, key, queue);

      if (raw.status === 429) {
        await this.onRateLimited(raw, key, request, path, ctx);
        continue;
      }
      if (raw.status === 401 || raw.status === 403) {
        if (raw.status === 401 && request.auth) this.tokenRejected = true;
        await this.countInvalid();
      }
      if (raw.status >= 500 && retriesUsed < this.options.retries && isIdempotent(method)) {
        await this.retryAfter(retriesUsed, method, path, raw.status, undefined, signal, ctx);
        retriesUsed += 1;
        continue;
      }
      if (raw.status >= 400) throw errorFor(raw, method, path);
      return { status: raw.status, headers: raw.headers, data: raw.data };
    }
  }

  /** Records what the response's headers said about its bucket, and follows a learned hash. */
  private async learn(raw: RawResponse, key: RouteKey, queue: BucketQueue): Promise<void> {
    const limits = readRateLimitHeaders(raw.headers);
    const known = this.store.hashOf(key.route);
    if (limits.limit !== undefined && limits.remaining !== undefined && limits.resetAfterMs !== undefined) {
      await this.store.update({
        kind: 'limits',
        route: key.route,
        major: key.major,
        hash: limits.bucket,
        limit: limits.limit,
        remaining: limits.remaining,
        resetAfterMs: limits.resetAfterMs + this.options.offsetMs,
      });
    } else if (raw.status === 429) {
      // A 429 without bucket headers says nothing about the route; release the first-request hold.
      await this.store.update({ kind: 'failed', route: key.route, major: key.major });
    } else {
      await this.store.update({ kind: 'unlimited', route: key.route, major: key.major, hash: limits.bucket });
    }
    if (limits.bucket !== undefined) {
      this.rekey(queue, `${limits.bucket}|${key.major}`);
      if (known !== limits.bucket && this.listens('bucketLearned')) {
        this.emit('bucketLearned', { route: key.route, hash: limits.bucket, major: key.major });
      }
    }
  }

  private async onRateLimited(raw: RawResponse, key: RouteKey, request: RestRequest, path: string, ctx: RestContext): Promise<void> {
    const limits = readRateLimitHeaders(raw.headers);
    const body = raw.json && typeof raw.data === 'object' && raw.data !== null ? (raw.data as { retry_after?: unknown; global?: unknown }) : undefined;
    const retryAfterMs =
      typeof body?.retry_after === 'number' ? Math.ceil(body.retry_after * 1000) : (limits.retryAfterMs ?? limits.resetAfterMs ?? 1000);
    // A 429 without Discord's JSON comes from the edge (Cloudflare) and blocks the whole IP.
    const global = body?.global === true || limits.global || body === undefined;
    const scope = limits.scope ?? (global ? 'global' : 'user');
    if (scope !== 'shared') await this.countInvalid();
    ctx.info.rateLimitHits += 1;
    await this.store.penalize({ route: key.route, major: key.major, global, retryAfterMs: retryAfterMs + this.options.offsetMs });
    const info: RateLimitInfo = {
      method: request.method,
      path,
      route: key.route,
      bucket: ctx.info.bucket ?? key.route,
      retryAfterMs,
      global,
      scope,
    };
    if (this.listens('rateLimited')) this.emit('rateLimited', { ...info, hit: true, limit: limits.limit });
    if (this.shouldReject(request, info)) throw new RateLimitError(info);
  }

  private async countInvalid(): Promise<void> {
    const { invalid } = this.options;
    const count = await this.store.recordInvalid(invalid.windowMs);
    if (count >= invalid.warnAt && !this.warned) {
      this.warned = true;
      this.emit('invalidRequestWarning', {
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
      retries: this.options.retries,
      baseDelayMs: this.options.retryBaseDelayMs,
      maxDelayMs: this.options.retryMaxDelayMs,
    });
    if (this.listens('retry')) this.emit('retry', { method, path, attempt: ctx.info.attempts, delayMs, status, error });
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
    const option = this.options.rejectOnRateLimit;
    return typeof option === 'function' ? option(info) : false;
  }

  private buildHeaders(request: RestRequest, prepared: PreparedBody): Record<string, string> {
    const headers: Record<string, string> = { 'user-agent': this.userAgent, ...this.options.headers };
    if (request.auth && this.token !== undefined) headers.authorization = `${this.options.authPrefix} ${this.token}`;
    if (request.reason !== undefined) headers['x-audit-log-reason'] = encodeURIComponent(request.reason);
    if (prepared.kind === 'json') headers['content-type'] = 'application/json';
    if (prepared.kind === 'multipart') {
      headers['content-type'] = prepared.body.contentType;
      if (prepared.body.length !== undefined) headers['content-length'] = String(prepared.body.length);
    }
    for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
    return headers;
  }
}

function validateRoute(method: string, route: unknown): void {
  if (typeof route !== 'string' || !route.startsWith('/') || /[?#\s]/.test(route) || route.includes('//')) {
    throw new RestUsageError(
      'OVEN_ERR_REST_BAD_ROUTE',
      `${method} ${String(route)}: a route is a path below the API version like "/channels/123/messages" ` +
        '(use Routes from discord-api-types), without host, query string or spaces; pass query parameters as { query }.',
    );
  }
  const segment = route.split('/').find((part) => part === 'undefined' || part === 'null' || part === 'NaN');
  if (segment !== undefined) {
    throw new RestUsageError(
      'OVEN_ERR_REST_BAD_ROUTE',
      `${method} ${route}: the route contains "${segment}" where an id belongs; an id variable was not set.`,
    );
  }
}

function prepareBody(request: RestRequest): PreparedBody {
  if (request.files !== undefined && request.files.length > 0) {
    return { kind: 'multipart', body: encodeMultipart(request.body, request.files) };
  }
  if (request.body === undefined) return { kind: 'none' };
  return { kind: 'json', text: JSON.stringify(request.body) };
}

function errorFor(raw: RawResponse, method: string, path: string): Error {
  const data = raw.data as Partial<DiscordErrorBody> | undefined;
  if (raw.json && data !== null && typeof data === 'object' && typeof data.code === 'number' && typeof data.message === 'string') {
    return new DiscordAPIError(data as DiscordErrorBody, raw.status, method, path);
  }
  return new HTTPError(raw.status, method, path, raw.json ? JSON.stringify(raw.data) : raw.text);
}
