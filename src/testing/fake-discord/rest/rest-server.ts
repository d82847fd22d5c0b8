import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { RESTJSONErrorCodes } from 'discord-api-types/v10';
import type { World } from '../world/world';
import type { UploadedFile } from '../world/uploaded-file';
import { ClientGoneError, parseBody, readRawBody } from './body-reader';
import { DiscordHttpError } from './discord-http-error';
import { RateLimiter, type RateLimitRefusal } from './rate-limiter';
import { RequestLog, type RecordedRequest } from './request-log';
import { RestFaults } from './rest-faults';
import { resolveRestSettings, type FakeRestOptions, type RestSettings } from './rest-options';
import { routeKey, type HttpMethod, type RouteDefinition } from './route';
import { RouteMatcher } from './route-matcher';
import { allRoutes } from './routes/all-routes';
import { validate } from './validation';

const JSON_TYPE = 'application/json';
// Shared by every request without a query string; handlers only read queries.
const NO_QUERY = new URLSearchParams();
const SUPPORTED_VERSIONS = new Set(['v9', 'v10']);
const CLOUDFLARE_BAN =
  'You are being blocked from accessing our API temporarily due to exceeding our rate limits frequently. Please read our docs at https://discord.com/developers/docs/topics/rate-limits to prevent this moving forward.';

interface Outcome {
  status: number;
  body: string | undefined;
  headers: Record<string, string>;
  contentType: string;
}

function errorOutcome(error: DiscordHttpError, headers: Record<string, string> = {}): Outcome {
  return { status: error.status, body: JSON.stringify(error.toJSON()), headers, contentType: JSON_TYPE };
}

function plainError(status: number, text: string): Outcome {
  return { status, body: JSON.stringify({ message: `${status}: ${text}`, code: 0 }), headers: {}, contentType: JSON_TYPE };
}

function rateLimitedOutcome(refusal: RateLimitRefusal): Outcome {
  const body = {
    message: refusal.scope === 'shared' ? 'The resource is being rate limited.' : 'You are being rate limited.',
    retry_after: Math.max(0, refusal.retryAfterMs) / 1000,
    global: refusal.scope === 'global',
  };
  return { status: 429, body: JSON.stringify(body), headers: refusal.headers, contentType: JSON_TYPE };
}

function decodeReason(raw: string | string[] | undefined): string | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * Discord's REST API under `/api/v10` and `/api/v9`, on a node:http request listener: routing,
 * auth, rate limits, body parsing and validation, faults, and a request log. Handlers only touch
 * the world; every error leaves as Discord's JSON, never as a crash.
 *
 * @example
 * ```ts
 * const rest = new FakeRestServer(world, { rateLimits: false });
 * http.createServer((req, res) => void rest.handle(req, res));
 * ```
 */
export class FakeRestServer {
  public readonly faults = new RestFaults();
  public readonly settings: RestSettings;
  private readonly matcher = new RouteMatcher(allRoutes);
  private readonly limiter: RateLimiter | undefined;
  private readonly log: RequestLog;

  public constructor(
    private readonly world: World,
    options: FakeRestOptions = {},
  ) {
    this.settings = resolveRestSettings(options);
    this.limiter = options.rateLimits === false ? undefined : new RateLimiter(options.rateLimits);
    this.log = new RequestLog(this.settings.recordRequests);
  }

  /** Every route the server answers, for the oracle test and the docs. */
  public routes(): readonly RouteDefinition[] {
    return this.matcher.routes();
  }

  public requests(): RecordedRequest[] {
    return this.log.all();
  }

  public clearRequests(): void {
    this.log.clear();
  }

  public async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = request.url ?? '/';
    const queryStart = url.indexOf('?');
    const pathname = queryStart === -1 ? url : url.slice(0, queryStart);
    if (pathname.startsWith('/attachments/')) {
      this.serveAttachment(pathname, response);
      return;
    }
    const method = request.method ?? 'GET';
    const query = queryStart === -1 ? NO_QUERY : new URLSearchParams(url.slice(queryStart + 1));
    let path = pathname;
    let outcome: Outcome;
    let route: RouteDefinition | undefined;
    let params: Record<string, string> = {};
    let body: unknown;
    let files: UploadedFile[] = [];
    try {
      const versionEnd = pathname.indexOf('/', 5);
      const version = pathname.slice(5, versionEnd === -1 ? undefined : versionEnd);
      // An unversioned path (`/api/webhooks/...`, the form of webhook URLs) gets the default version.
      const versioned = /^v\d+$/.test(version);
      if (!pathname.startsWith('/api/')) {
        outcome = plainError(404, 'Not Found');
      } else if (versioned && !SUPPORTED_VERSIONS.has(version)) {
        outcome = errorOutcome(DiscordHttpError.badRequest(RESTJSONErrorCodes.InvalidAPIVersion, 'Invalid API version'));
      } else {
        path = !versioned ? pathname.slice(4) : versionEnd === -1 ? '/' : pathname.slice(versionEnd);
        const match = this.matcher.match(method, path);
        if (match.kind === 'not-found') outcome = plainError(404, 'Not Found');
        else if (match.kind === 'method-not-allowed') outcome = plainError(405, 'Method Not Allowed');
        else {
          route = match.route;
          params = match.params;
          const faulted = this.faults.empty ? undefined : await this.applyFaults(routeKey(route), request);
          if (faulted === 'reset') {
            this.record(request, method, path, route, params, query, undefined, [], 0);
            return;
          }
          if (faulted !== undefined) outcome = faulted;
          else {
            const parsed = await this.serve(route, params, method as HttpMethod, query, request);
            outcome = parsed.outcome;
            body = parsed.body;
            files = parsed.files;
          }
        }
      }
    } catch (error) {
      if (error instanceof ClientGoneError) {
        this.record(request, method, path, route, params, query, undefined, [], 0);
        return;
      }
      outcome = error instanceof DiscordHttpError ? errorOutcome(error) : plainError(500, 'Internal Server Error');
    }
    this.send(response, outcome);
    this.record(request, method, path, route, params, query, body, files, outcome.status);
  }

  private record(request: IncomingMessage, method: string, path: string, route: RouteDefinition | undefined, params: Record<string, string>, query: URLSearchParams, body: unknown, files: UploadedFile[], status: number): void {
    // Benchmarks run with recording off: build nothing nobody will read.
    if (this.settings.recordRequests === 0 && this.world.listenerCount('request') === 0) return;
    const entry: RecordedRequest = {
      method,
      path,
      route: route === undefined ? undefined : routeKey(route),
      params,
      query: Object.fromEntries(query),
      body,
      files,
      status,
      auditLogReason: decodeReason(request.headers['x-audit-log-reason']),
      userAgent: request.headers['user-agent'],
      at: Date.now(),
    };
    this.log.add(entry);
    if (this.world.listenerCount('request') > 0) this.world.emit('request', entry);
  }

  private async serve(route: RouteDefinition, params: Record<string, string>, method: HttpMethod, query: URLSearchParams, request: IncomingMessage): Promise<{ outcome: Outcome; body: unknown; files: UploadedFile[] }> {
    const now = Date.now();
    const limiter = this.limiter;
    const raw = await readRawBody(request, this.settings.maxBodyBytes);
    if (limiter !== undefined) {
      const ban = limiter.banRemaining(now);
      if (ban > 0) {
        return { outcome: { status: 429, body: CLOUDFLARE_BAN, headers: { 'Retry-After': String(Math.ceil(ban / 1000)) }, contentType: 'text/plain' }, body: undefined, files: [] };
      }
    }
    const authorization = request.headers.authorization;
    const token = authorization?.startsWith('Bot ') === true ? authorization.slice(4) : undefined;
    if (route.auth === 'bot' && (token === undefined || !this.world.isValidToken(token))) {
      limiter?.recordInvalid(now);
      return { outcome: plainError(401, 'Unauthorized'), body: undefined, files: [] };
    }
    let rateHeaders: Record<string, string> | undefined;
    if (limiter !== undefined) {
      const admission = limiter.admit(route, params, token ?? request.socket.remoteAddress ?? 'anonymous', now);
      if (!admission.ok) {
        if (admission.refusal.scope !== 'shared') limiter.recordInvalid(now);
        return { outcome: rateLimitedOutcome(admission.refusal), body: undefined, files: [] };
      }
      rateHeaders = admission.headers;
    }
    const { body, files } = parseBody(raw, request.headers['content-type'], route.multipart === true, this.settings.maxFileBytes);
    if (limiter !== undefined && route.sublimit?.applies(body) === true) {
      const refusal = limiter.admitSublimit(route, params, rateHeaders, now);
      if (refusal !== undefined) {
        limiter.recordInvalid(now);
        return { outcome: rateLimitedOutcome(refusal), body, files };
      }
    }
    try {
      if (route.schema !== undefined) {
        const errors = validate(body ?? {}, route.schema);
        if (errors.size > 0) throw DiscordHttpError.invalidForm(errors.toTree());
      }
      const result = await route.handle({
        world: this.world,
        settings: this.settings,
        method,
        params,
        query,
        body,
        files,
        headers: request.headers,
        auditLogReason: decodeReason(request.headers['x-audit-log-reason']),
      });
      const outcome: Outcome = {
        status: result.status,
        body: result.status === 204 ? undefined : JSON.stringify(result.body),
        headers: rateHeaders ?? {},
        contentType: JSON_TYPE,
      };
      return { outcome, body, files };
    } catch (error) {
      if (!(error instanceof DiscordHttpError)) throw error;
      if ((error.status === 401 || error.status === 403) && limiter !== undefined) limiter.recordInvalid(now);
      return { outcome: errorOutcome(error, rateHeaders), body, files };
    }
  }

  private async applyFaults(key: string, request: IncomingMessage): Promise<Outcome | 'reset' | undefined> {
    for (const fault of this.faults.take(key)) {
      switch (fault.kind) {
        case 'latency':
          await sleep(fault.ms);
          break;
        case 'reset':
          // An RST, not a FIN: clients see ECONNRESET, as with a dropped connection upstream.
          request.socket.resetAndDestroy();
          return 'reset';
        case 'status':
          request.resume();
          return plainError(fault.status, fault.status === 502 ? 'Bad Gateway' : 'Internal Server Error');
        case 'rate-limit': {
          request.resume();
          const seconds = fault.retryAfterMs / 1000;
          const headers: Record<string, string> = { 'Retry-After': String(Math.max(1, Math.ceil(seconds))), 'X-RateLimit-Scope': fault.scope };
          if (fault.scope === 'global') headers['X-RateLimit-Global'] = 'true';
          return rateLimitedOutcome({ scope: fault.scope, retryAfterMs: fault.retryAfterMs, headers });
        }
      }
    }
    return undefined;
  }

  private serveAttachment(pathname: string, response: ServerResponse): void {
    const attachmentId = pathname.split('/')[3] ?? '';
    const file = this.world.attachments.get(attachmentId);
    if (file === undefined) {
      this.send(response, plainError(404, 'Not Found'));
      return;
    }
    response.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': file.data.length });
    response.end(file.data);
  }

  private send(response: ServerResponse, outcome: Outcome): void {
    if (response.headersSent || response.destroyed) return;
    const headers: Record<string, string | number> = { ...outcome.headers };
    if (outcome.body !== undefined) {
      headers['Content-Type'] = outcome.contentType;
      headers['Content-Length'] = Buffer.byteLength(outcome.body);
    }
    response.writeHead(outcome.status, headers);
    response.end(outcome.body);
  }
}
