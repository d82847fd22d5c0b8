import { setMaxListeners } from 'node:events';
import { RestUsageError } from './errors/rest-usage-error';
import { HttpTransport } from './http-transport';
import type { LimiterStore } from './limiter/limiter-store';
import { MemoryLimiterStore } from './limiter/memory-limiter-store';
import type { Middleware } from './pipeline/middleware';
import { MiddlewarePipeline } from './pipeline/middleware-pipeline';
import { RequestExecutor } from './request-executor';
import { ApplicationCommandsApi } from './resources/application-commands-api';
import { ChannelsApi } from './resources/channels-api';
import { GatewayApi } from './resources/gateway-api';
import { GuildsApi } from './resources/guilds-api';
import { InteractionsApi } from './resources/interactions-api';
import { InvitesApi } from './resources/invites-api';
import { ScheduledEventsApi } from './resources/scheduled-events-api';
import { StickersApi } from './resources/stickers-api';
import { ThreadsApi } from './resources/threads-api';
import { UsersApi } from './resources/users-api';
import { resolveRestOptions, type ResolvedRestOptions, type RestClientOptions } from './rest-client-options';
import { RestEventEmitter } from './rest-events';
import type { RequestOptions, RestContext, RestMethod, RestRequest, RouteLike } from './rest-request';
import { userAgent } from './user-agent';

/** Interaction callbacks and webhook-token routes: the token in the path authenticates them. */
const TOKEN_ROUTE = /^\/(interactions\/[^/]+\/[^/]+\/callback|webhooks\/[^/]+\/[^/]+)/;

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
  public readonly invites: InvitesApi;
  public readonly scheduledEvents: ScheduledEventsApi;
  public readonly stickers: StickersApi;
  public readonly threads: ThreadsApi;

  private readonly options: ResolvedRestOptions;
  private readonly store: LimiterStore;
  private readonly ownsStore: boolean;
  private readonly transport: HttpTransport;
  private readonly closing = new AbortController();
  private closed: Promise<void> | undefined;
  private readonly executor: RequestExecutor;
  private token: string | undefined;
  /** Set by a 401: further authenticated requests would only add to the invalid-request count. */
  private tokenRejected = false;
  private readonly core = (ctx: RestContext): Promise<void> => {
    try {
      return this.executor.enqueue(ctx);
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
    this.transport = new HttpTransport(this.options.connections, this.options.keepAliveTimeoutMs, this.closing.signal, this.options.pipelining, this.options.tls);
    this.executor = new RequestExecutor({
      options: this.options,
      store: this.store,
      transport: this.transport,
      userAgent: userAgent(this.options.userAgentAppendix),
      closing: this.closing.signal,
      token: () => this.token,
      tokenRejected: () => this.tokenRejected,
      rejectToken: () => {
        this.tokenRejected = true;
      },
      listens: (event) => this.listens(event),
      emit: (event, payload) => this.emit(event, payload),
    });
    this.channels = new ChannelsApi(this);
    this.guilds = new GuildsApi(this);
    this.interactions = new InteractionsApi(this);
    this.applicationCommands = new ApplicationCommandsApi(this);
    this.gateway = new GatewayApi(this);
    this.users = new UsersApi(this);
    this.invites = new InvitesApi(this);
    this.scheduledEvents = new ScheduledEventsApi(this);
    this.stickers = new StickersApi(this);
    this.threads = new ThreadsApi(this);
  }

  /**
   * Sets (or replaces) the token; also clears the lock a 401 put on authenticated requests.
   *
   * @example
   * ```ts
   * rest.setToken(await secrets.get('DISCORD_TOKEN'));
   * ```
   */
  public setToken(token: string): this {
    if (typeof token !== 'string' || token.trim() === '') {
      throw new RestUsageError('OVEN_ERR_REST_BAD_OPTION', 'setToken() needs a non-empty bot token.');
    }
    this.token = token.replace(/^(Bot|Bearer)\s+/i, '');
    this.tokenRejected = false;
    return this;
  }

  /**
   * Shortcut for `pipeline.use(middleware)`.
   *
   * @example
   * ```ts
   * rest.use(loggingMiddleware()).use(metrics.middleware);
   * ```
   */
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
   *
   * @example
   * ```ts
   * process.once('SIGTERM', () => void rest.close());
   * ```
   */
  public close(): Promise<void> {
    // A second caller (the DI teardown and a signal handler, say) waits for the same close.
    this.closed ??= (async () => {
      this.closing.abort(new RestUsageError('OVEN_ERR_REST_CLOSED', 'RestClient was closed while the request was pending.'));
      await this.transport.close();
      this.executor.close();
      if (this.ownsStore) await this.store.close();
    })();
    return this.closed;
  }

  private buildRequest(method: RestMethod, route: RouteLike, options: RequestOptions): RestRequest {
    return {
      method,
      route,
      query: options.query,
      body: options.body,
      files: options.files,
      reason: options.reason,
      signal: options.signal,
      auth: options.auth ?? !TOKEN_ROUTE.test(String(route)),
      timeout: options.timeout ?? this.options.timeout,
      totalTimeout: options.totalTimeout ?? this.options.totalTimeout,
      headers: options.headers === undefined ? {} : { ...options.headers },
      rejectOnRateLimit: options.rejectOnRateLimit ?? this.options.rejectOnRateLimit === true,
    };
  }
}
