import type { IncomingMessage } from 'node:http';
import { RestClient, type LimiterStore, type RestClientOptions } from '../rest';
import { ProxyError } from './proxy-error';

/** The bot a limiter store is asked for: `key` is a hash of its token, `label` its user id when known. */
export interface ProxyBot {
  readonly key: string;
  readonly label: string;
}

/** RestClient options the proxy passes on; token, version, auth prefix and store are its own business. */
export type ProxyRestOptions = Omit<RestClientOptions, 'token' | 'version' | 'authPrefix' | 'store'>;

/**
 * Options of {@link createRestProxy}.
 *
 * @example
 * ```ts
 * const proxy = createRestProxy({ port: 8081, rest: { globalRequestsPerSecond: 50 }, maxBodyBytes: 8 * 1024 * 1024 });
 * ```
 */
export interface RestProxyOptions {
  /** TCP port; 0 picks a free one (read it back from `proxy.port`). @defaultValue 8081 */
  port?: number;
  /** Interface to bind. @defaultValue '127.0.0.1' */
  host?: string;
  /**
   * Forward every request with this bot token, whatever the client sends. Without it the proxy uses
   * the `Authorization` header of each request, with one RestClient per token.
   */
  token?: string;
  /** Options of the RestClients the proxy forwards through (base URL, retries, global limit, ...). */
  rest?: ProxyRestOptions;
  /**
   * Where rate-limit state lives. A store instance is shared by every token (right for one bot; the
   * proxy does not close it). A function is asked once per bot, so several bots keep separate
   * global limits; the proxy closes what it returns. `redisLimiterStores(redis)` builds such a
   * function for processes sharing one Redis. @defaultValue a MemoryLimiterStore per bot
   */
  limiterStore?: LimiterStore | ((bot: ProxyBot) => LimiterStore);
  /** Decides whether a request may use the proxy (API routes and /metrics; /healthz is open). */
  authorize?: (request: IncomingMessage) => boolean | Promise<boolean>;
  /** Largest request body accepted, in bytes. @defaultValue 26_214_400 (25 MiB) */
  maxBodyBytes?: number;
  /** API versions served under `/api/vN`. @defaultValue [9, 10] */
  versions?: readonly number[];
  /** Bot tokens with a live RestClient at once; an idle one is closed to make room. @defaultValue 100 */
  maxClients?: number;
  /** A token's RestClient is closed after this long without requests. @defaultValue 600_000 (10 minutes) */
  clientIdleMs?: number;
}

export interface ResolvedProxyOptions {
  port: number;
  host: string;
  token: string | undefined;
  rest: ProxyRestOptions;
  limiterStore: LimiterStore | ((bot: ProxyBot) => LimiterStore) | undefined;
  authorize: ((request: IncomingMessage) => boolean | Promise<boolean>) | undefined;
  maxBodyBytes: number;
  versions: readonly number[];
  maxClients: number;
  clientIdleMs: number;
}

export function resolveProxyOptions(options: RestProxyOptions = {}): ResolvedProxyOptions {
  const port = options.port ?? 8081;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) bad(`port must be an integer from 0 to 65535 (0 picks a free one), got ${String(port)}.`);
  if (options.token !== undefined && (typeof options.token !== 'string' || !/^\s*((Bot|Bearer)\s+)?\S+\s*$/i.test(options.token))) {
    bad('token must be one bot token (no spaces inside), or left out to forward each request with its own Authorization header.');
  }
  const versions = options.versions ?? [9, 10];
  if (!Array.isArray(versions) || versions.length === 0 || versions.some((v) => !Number.isInteger(v) || v < 6)) {
    bad(`versions must be a non-empty list of Discord API versions such as [9, 10], got ${JSON.stringify(versions)}.`);
  }
  if (options.authorize !== undefined && typeof options.authorize !== 'function') bad('authorize must be a function (request) => boolean.');
  checkRestOptions(options.rest ?? {});
  return {
    port,
    host: options.host ?? '127.0.0.1',
    token: options.token?.trim().replace(/^(Bot|Bearer)\s+/i, ''),
    rest: options.rest ?? {},
    limiterStore: options.limiterStore,
    authorize: options.authorize,
    maxBodyBytes: positiveInteger('maxBodyBytes', options.maxBodyBytes ?? 25 * 1024 * 1024),
    versions: [...versions].sort((a, b) => a - b),
    maxClients: positiveInteger('maxClients', options.maxClients ?? 100),
    clientIdleMs: positiveInteger('clientIdleMs', options.clientIdleMs ?? 600_000),
  };
}

/**
 * RestClients are made on first use, so a bad `rest` option would otherwise surface as an error
 * answer to the first request; a throwaway client checks them when the proxy is created.
 */
function checkRestOptions(rest: ProxyRestOptions): void {
  let probe: RestClient;
  try {
    probe = new RestClient(rest);
  } catch (error) {
    throw new ProxyError('OVEN_ERR_PROXY_BAD_OPTION', `createRestProxy: rest: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  void probe.close();
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) bad(`${name} must be a positive integer, got ${String(value)}.`);
  return value;
}

function bad(message: string): never {
  throw new ProxyError('OVEN_ERR_PROXY_BAD_OPTION', `createRestProxy: ${message}`);
}
