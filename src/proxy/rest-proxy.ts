import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RequestFailedError, RestMetrics, RestUsageError, type RestMethod, type RestMiddleware } from '../rest';
import { parseApiPath } from './api-path';
import { credentialsFrom, type BotCredentials } from './bot-credentials';
import { errorAnswer, type ProxyAnswer } from './error-response';
import { decodeBody } from './forward-body';
import { ProxyError } from './proxy-error';
import { resolveProxyOptions, type ResolvedProxyOptions, type RestProxyOptions } from './proxy-options';
import { readBody } from './read-body';
import { renderPrometheus } from './prometheus-metrics';
import type { RestProxyMetrics } from './proxy-metrics';
import { passThroughHeaders } from './response-headers';
import { RestClientPool } from './rest-client-pool';
import { isTokenRoute } from './token-route';

const METHODS: readonly RestMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Where a capture middleware leaves Discord's status and headers for the request it served. */
interface Upstream {
  status?: number;
  headers?: Readonly<Record<string, string | string[] | undefined>>;
}

/**
 * An HTTP proxy in front of Discord's REST API. Bot processes point their REST client at it; it
 * forwards through one RestClient per bot token, so every process of a bot shares one rate-limit
 * state (one proxy, or several proxies on a shared Redis store) and avoidable 429s never reach
 * Discord. Answers carry Discord's status and body; requests the proxy refuses itself get JSON
 * `{ code: 'OVEN_ERR_PROXY_*', message }`.
 *
 * @example
 * ```ts
 * const proxy = createRestProxy({ port: 8081 });
 * await proxy.listen();
 * const rest = new RestClient({ token, baseURL: proxy.apiUrl, globalRequestsPerSecond: 1_000_000 });
 * await proxy.close();
 * ```
 */
export class RestProxy {
  private readonly options: ResolvedProxyOptions;
  private readonly server: Server;
  private readonly pool: RestClientPool;
  private readonly metrics = new RestMetrics();
  private readonly upstream = new WeakMap<AbortSignal, Upstream>();
  private readonly fixed: BotCredentials | undefined;
  private readonly answered = new Map<string, number>();
  private requests = 0;
  private inFlight = 0;
  private closed: Promise<void> | undefined;
  private address: AddressInfo | undefined;

  // Runs innermost, next to RestClient's core, so it sees Discord's own status (201, 204, ...).
  private readonly capture: RestMiddleware = async (ctx, next) => {
    await next();
    const sink = ctx.request.signal === undefined ? undefined : this.upstream.get(ctx.request.signal);
    if (sink !== undefined && ctx.response !== undefined) {
      sink.status = ctx.response.status;
      sink.headers = ctx.response.headers;
    }
  };

  public constructor(options: RestProxyOptions = {}) {
    this.options = resolveProxyOptions(options);
    this.fixed = this.options.token === undefined ? undefined : credentialsFrom(`Bot ${this.options.token}`);
    this.pool = new RestClientPool(this.options, (client) => {
      client.use(this.metrics.middleware, 'proxy-metrics').use(this.capture, 'proxy-capture');
    });
    this.server = createServer((request, response) => void this.serve(request, response));
  }

  /** The bound port (after `listen()`; the configured one before). */
  public get port(): number {
    return this.address?.port ?? this.options.port;
  }

  /** `http://host:port`. */
  public get url(): string {
    return `http://${this.options.host}:${this.port}`;
  }

  /** The base URL to give clients (`baseURL` of RestClient, `api` of @discordjs/rest). */
  public get apiUrl(): string {
    return `${this.url}/api`;
  }

  /**
   * Starts accepting connections; resolves once bound.
   *
   * @example
   * ```ts
   * await proxy.listen();
   * console.log(`REST proxy on ${proxy.apiUrl}`);
   * ```
   */
  public listen(): Promise<this> {
    if (this.closed !== undefined) return Promise.reject(new ProxyError('OVEN_ERR_PROXY_CLOSED', 'listen() after close(); create a new proxy.'));
    return new Promise((resolve, reject) => {
      const failed = (error: Error): void => reject(error);
      this.server.once('error', failed);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off('error', failed);
        this.address = this.server.address() as AddressInfo;
        resolve(this);
      });
    });
  }

  /** The figures `GET /metrics` answers with. */
  public snapshot(): RestProxyMetrics {
    return {
      requests: this.requests,
      byStatus: Object.fromEntries(this.answered),
      inFlight: this.inFlight,
      bots: this.pool.bots(),
      rest: this.metrics.snapshot(),
    };
  }

  /**
   * Stops accepting connections, aborts what is still queued (those requests are answered 503),
   * closes every RestClient and the limiter stores the proxy created.
   *
   * @example
   * ```ts
   * process.once('SIGTERM', () => void proxy.close());
   * ```
   */
  public close(): Promise<void> {
    this.closed ??= (async () => {
      const stopped = new Promise<void>((resolve) => {
        if (!this.server.listening) resolve();
        else this.server.close(() => resolve());
      });
      this.server.closeIdleConnections();
      await this.pool.close();
      // Answers to the aborted requests are written in the same turn their promises settle.
      await new Promise((resolve) => setImmediate(resolve));
      this.server.closeAllConnections();
      await stopped;
    })();
    return this.closed;
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let answer: ProxyAnswer;
    let headers: Record<string, string | string[] | number> = {};
    let api = false;
    try {
      const url = parseUrl(request.url ?? '/');
      if (url.pathname === '/healthz' && (request.method === 'GET' || request.method === 'HEAD')) {
        answer = { status: 200, body: { json: { status: this.closed === undefined ? 'ok' : 'closing', bots: this.pool.size, inFlight: this.inFlight } } };
      } else {
        if (this.options.authorize !== undefined && !(await this.options.authorize(request))) {
          throw new ProxyError('OVEN_ERR_PROXY_FORBIDDEN', 'The proxy\'s authorize() refused this request; send the credentials the proxy operator configured.');
        }
        if (url.pathname === '/metrics' && request.method === 'GET') {
          // Prometheus scrapers ask for text; everything else gets the JSON snapshot.
          const prometheus = url.searchParams.get('format') === 'prometheus' || /\btext\/plain\b/.test(header(request, 'accept') ?? '');
          answer = {
            status: 200,
            body: prometheus ? { text: renderPrometheus(this.snapshot()), contentType: 'text/plain; version=0.0.4; charset=utf-8' } : { json: this.snapshot() },
          };
        } else {
          api = true;
          this.requests += 1;
          ({ answer, headers } = await this.forward(request, response, url));
        }
      }
    } catch (error) {
      answer = errorAnswer(error);
      // Refused before its body was read (or cut off at the size limit): reading the rest could
      // mean taking in the oversized upload after all, so the connection is closed instead.
      if (!request.complete) headers = { connection: 'close' };
    }
    if (api) this.answered.set(String(answer.status), (this.answered.get(String(answer.status)) ?? 0) + 1);
    write(response, answer, headers);
  }

  private async forward(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
  ): Promise<{ answer: ProxyAnswer; headers: Record<string, string | string[] | number> }> {
    if (this.closed !== undefined) throw new ProxyError('OVEN_ERR_PROXY_CLOSED', 'The proxy is shutting down; send the request to another instance.');
    // The raw path, not url.pathname: URL resolves `..`, and the refusal must see what was sent.
    const { version, route } = parseApiPath((request.url ?? '/').split('?')[0]!, this.options.versions);
    const method = (request.method ?? 'GET').toUpperCase() as RestMethod;
    if (!METHODS.includes(method)) {
      throw new ProxyError('OVEN_ERR_PROXY_METHOD_NOT_ALLOWED', `${request.method ?? '?'} is not a method of Discord's API; use ${METHODS.join(', ')}.`);
    }
    const credentials = this.fixed ?? credentialsFrom(header(request, 'authorization'));
    if (credentials === undefined && !isTokenRoute(route)) {
      throw new ProxyError(
        'OVEN_ERR_PROXY_NO_TOKEN',
        `${method} ${route} needs a bot token: send "Authorization: Bot <token>", or start the proxy with \`token\` (--token) to use one for every request.`,
      );
    }
    const { body, files } = await decodeBody(await readBody(request, this.options.maxBodyBytes), header(request, 'content-type'));
    const reason = header(request, 'x-audit-log-reason');
    const lent = this.pool.lend(credentials, version);
    // A client that hangs up withdraws its request from the queues instead of leaving it to run.
    const controller = new AbortController();
    const hungUp = (): void => {
      if (!response.writableFinished) controller.abort();
    };
    response.once('close', hungUp);
    const sink: Upstream = {};
    this.upstream.set(controller.signal, sink);
    this.inFlight += 1;
    try {
      const data = await lent.client.request(method, route, {
        body,
        ...(files === undefined || files.length === 0 ? {} : { files }),
        ...(url.search === '' ? {} : { query: url.searchParams }),
        ...(reason === undefined ? {} : { reason: decodeReason(reason) }),
        signal: controller.signal,
      });
      const status = sink.status ?? (data === undefined ? 204 : 200);
      const answer: ProxyAnswer = {
        status,
        body:
          data === undefined || status === 204
            ? undefined
            : typeof data === 'string'
              ? { text: data, contentType: contentTypeOf(sink.headers) ?? 'text/plain; charset=utf-8' }
              : { json: data },
      };
      return { answer, headers: sink.headers === undefined ? {} : (passThroughHeaders(sink.headers) as Record<string, string | string[] | number>) };
    } catch (error) {
      // close() aborted it in a queue: say so, rather than relay the abort as if the client had left.
      if (this.closed !== undefined && (error instanceof RequestFailedError || error instanceof RestUsageError)) {
        throw new ProxyError('OVEN_ERR_PROXY_CLOSED', `${method} ${route} was still queued when the proxy shut down; send it again (to another instance).`, { cause: error });
      }
      throw error;
    } finally {
      this.inFlight -= 1;
      response.off('close', hungUp);
      lent.release();
    }
  }
}

/**
 * Creates a {@link RestProxy}; call `listen()` to start it.
 *
 * @example
 * ```ts
 * const proxy = await createRestProxy({ port: 8081, token: process.env.DISCORD_TOKEN }).listen();
 * ```
 */
export function createRestProxy(options: RestProxyOptions = {}): RestProxy {
  return new RestProxy(options);
}

function parseUrl(target: string): URL {
  try {
    return new URL(target, 'http://proxy.invalid');
  } catch (error) {
    throw new ProxyError('OVEN_ERR_PROXY_BAD_PATH', `The request target "${target.slice(0, 200)}" is not a URL path; send /api/v10/<route>.`, { cause: error });
  }
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Clients send the reason URI-encoded (Discord's rule); RestClient encodes it again itself. */
function decodeReason(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function contentTypeOf(headers: Upstream['headers']): string | undefined {
  const value = headers?.['content-type'];
  return Array.isArray(value) ? value[0] : value;
}

function write(response: ServerResponse, answer: ProxyAnswer, headers: Record<string, string | string[] | number>): void {
  if (response.headersSent || response.destroyed) return;
  if (answer.body === undefined) {
    response.writeHead(answer.status, headers).end();
    return;
  }
  const [payload, contentType] =
    'json' in answer.body ? [Buffer.from(JSON.stringify(answer.body.json)), 'application/json'] : [Buffer.from(answer.body.text), answer.body.contentType];
  response.writeHead(answer.status, { ...headers, 'content-type': contentType, 'content-length': payload.length }).end(payload);
}
