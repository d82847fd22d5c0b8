import { createRestProxy, ProxyError, redisLimiterStores, type RestProxy, type RestProxyOptions } from '../../proxy';
import { createFailFastRedis, describeRedis } from '../../redis';
import type { CliArguments, CliCommand } from '../cli-command';
import { CliError } from '../cli-error';

function integer(args: CliArguments, name: string, min: number, max: number): number | undefined {
  const value = args[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new CliError('OVEN_ERR_CLI_BAD_ARGUMENT', `--${name} needs an integer from ${min} to ${max}, got ${String(value)}.`);
  }
  return value;
}

function text(args: CliArguments, name: string): string | undefined {
  const value = args[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * `ovenjs rest-proxy --port 8081 --redis redis://127.0.0.1:6379`: runs the Discord REST proxy
 * until Ctrl+C, so every process of a bot (or several proxies on one Redis) shares one set of rate
 * limits.
 */
export const restProxyCommand: CliCommand = {
  name: 'rest-proxy',
  summary: 'Run an HTTP proxy for Discord REST that shares rate limits between bot processes',
  options: {
    port: { type: 'number', description: 'TCP port (0 picks a free one)', defaultText: '8081' },
    host: { type: 'string', description: 'interface to bind', defaultText: '127.0.0.1' },
    'base-url': { type: 'string', description: 'Discord API base URL (the fake\'s restUrl for tests)', defaultText: 'https://discord.com/api' },
    token: { type: 'string', description: 'bot token for every request (else each request\'s Authorization header)' },
    redis: { type: 'string', description: 'Redis URL for rate-limit state shared with other proxies' },
    'redis-prefix': { type: 'string', description: 'prefix of the Redis keys', defaultText: 'oven:proxy:' },
    'global-limit': { type: 'number', description: 'requests per second per bot (Discord\'s global limit)', defaultText: '50' },
    'max-body-bytes': { type: 'number', description: 'largest request body accepted', defaultText: '26214400' },
    'max-clients': { type: 'number', description: 'bot tokens served at once', defaultText: '100' },
  },
  async run(args, context) {
    const baseURL = text(args, 'base-url');
    const globalLimit = integer(args, 'global-limit', 1, 1_000_000);
    const maxBodyBytes = integer(args, 'max-body-bytes', 1, 2 ** 31);
    const maxClients = integer(args, 'max-clients', 1, 100_000);
    const host = text(args, 'host');
    const token = text(args, 'token');
    const redisUrl = text(args, 'redis');
    const redis = redisUrl === undefined ? undefined : createFailFastRedis({ url: redisUrl, retry: { stepMs: 200, maxMs: 2_000 } });
    // Outages are reported per request (503 OVEN_ERR_REST_STORE); the listener keeps ioredis quiet.
    redis?.on('error', () => undefined);
    const options: RestProxyOptions = {
      port: integer(args, 'port', 0, 65_535) ?? 8081,
      rest: { ...(baseURL === undefined ? {} : { baseURL }), ...(globalLimit === undefined ? {} : { globalRequestsPerSecond: globalLimit }) },
      ...(host === undefined ? {} : { host }),
      ...(token === undefined ? {} : { token }),
      ...(maxBodyBytes === undefined ? {} : { maxBodyBytes }),
      ...(maxClients === undefined ? {} : { maxClients }),
      ...(redis === undefined ? {} : { limiterStore: redisLimiterStores(redis, { prefix: text(args, 'redis-prefix') ?? 'oven:proxy:' }) }),
    };
    let proxy: RestProxy;
    try {
      proxy = createRestProxy(options);
    } catch (error) {
      redis?.disconnect();
      if (error instanceof ProxyError) throw new CliError('OVEN_ERR_CLI_BAD_ARGUMENT', error.message);
      throw error;
    }
    if (redis !== undefined) {
      try {
        await redis.connect();
      } catch (error) {
        redis.disconnect();
        context.stderr(`Cannot reach ${describeRedis(redis)} (${error instanceof Error ? error.message : String(error)}); start Redis or fix --redis.`);
        return 1;
      }
    }
    try {
      await proxy.listen();
    } catch (error) {
      await proxy.close();
      redis?.disconnect();
      context.stderr(`Cannot listen on ${options.host ?? '127.0.0.1'}:${String(options.port)}: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
    context.stdout(`REST proxy listening on ${proxy.apiUrl} (forwarding to ${baseURL ?? 'https://discord.com/api'})`);
    context.stdout(`Rate-limit state: ${redis === undefined ? 'in this process' : describeRedis(redis)}`);
    context.stdout(`Health: ${proxy.url}/healthz  Metrics: ${proxy.url}/metrics`);
    context.stdout('Press Ctrl+C to stop.');
    await new Promise<void>((resolve) => {
      if (context.signal.aborted) resolve();
      else context.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await proxy.close();
    if (redis !== undefined) await redis.quit().catch(() => redis.disconnect());
    context.stdout('REST proxy stopped.');
    return 0;
  },
};
