import type { RESTPatchAPIChannelMessageJSONBody, RESTPostAPIChannelMessageJSONBody, APIMessage } from 'discord-api-types/v10';
import type { InvalidRequestWarningEvent, RateLimitedEvent, RestClient, RestContext, RestRetryEvent } from '../../rest';
import type { HookManager } from '../hook-manager';
import type { ApiRequestPayload } from '../points/rest';
import { MessageVetoedError } from './message-vetoed.error';

const CREATE_MESSAGE = /^\/channels\/(\d+)\/messages$/;
const EDIT_MESSAGE = /^\/channels\/(\d+)\/messages\/(\d+)$/;

/** The hook points `bridgeRestHooks` fires. */
export const REST_BRIDGE_HOOKS = [
  'beforeAPICall', 'apiTransform', 'afterAPICall', 'apiError', 'rateLimited', 'apiRetry', 'invalidRequestWarning',
  'messageValidate', 'beforeMessageSend', 'afterMessageSend', 'beforeMessageEdit',
] as const;

function describe(error: unknown): { status: number; code: number | undefined; message: string } {
  // DiscordAPIError and HTTPError carry `status`; only DiscordAPIError has Discord's JSON code.
  const e = error as { status?: unknown; discordCode?: unknown; message?: unknown } | null;
  return {
    status: typeof e?.status === 'number' ? e.status : 0,
    code: typeof e?.discordCode === 'number' ? e.discordCode : undefined,
    message: typeof e?.message === 'string' ? e.message : String(error),
  };
}

async function beforeSend(hooks: HookManager, ctx: RestContext): Promise<void> {
  const { request } = ctx;
  const create = request.method === 'POST' ? CREATE_MESSAGE.exec(request.route) : null;
  if (create?.[1] !== undefined && request.files === undefined) {
    const channelId = create[1];
    const body = (request.body ?? {}) as RESTPostAPIChannelMessageJSONBody;
    const veto = hooks.has('messageValidate') ? await hooks.execute('messageValidate', { channelId, body }) : undefined;
    if (veto !== undefined) throw new MessageVetoedError(channelId, veto.reason);
    if (hooks.has('beforeMessageSend')) request.body = (await hooks.execute('beforeMessageSend', { channelId, body })).body;
  }
  const edit = request.method === 'PATCH' && hooks.has('beforeMessageEdit') ? EDIT_MESSAGE.exec(request.route) : null;
  if (edit?.[1] !== undefined && edit[2] !== undefined) {
    const body = (request.body ?? {}) as RESTPatchAPIChannelMessageJSONBody;
    request.body = (await hooks.execute('beforeMessageEdit', { channelId: edit[1], messageId: edit[2], body })).body;
  }
  if (hooks.has('beforeAPICall')) {
    const payload: ApiRequestPayload = { method: request.method, route: request.route, body: request.body, headers: { ...request.headers } };
    const out = await hooks.execute('beforeAPICall', payload);
    request.method = out.method;
    request.route = out.route as `/${string}`;
    request.body = out.body;
    request.headers = out.headers;
  }
}

/**
 * Fires the REST and outgoing-message hook points from a `RestClient`: a middleware for the
 * request/response stages (so waterfall hooks can change what is sent and received) and the
 * client's events for rate limits, retries and invalid-request warnings. Returns a function that
 * detaches it (the middleware stays in the chain but steps aside).
 *
 * @example
 * ```ts
 * const detach = bridgeRestHooks(rest, hooks);
 * hooks.register('beforeAPICall', (request) => { request.headers['X-Trace'] = traceId(); });
 * ```
 */
export function bridgeRestHooks(rest: RestClient, hooks: HookManager): () => void {
  let attached = true;
  rest.use(async (ctx, next) => {
    if (!attached) return next();
    await beforeSend(hooks, ctx);
    const request: ApiRequestPayload = { method: ctx.request.method, route: ctx.request.route, body: ctx.request.body, headers: ctx.request.headers };
    const started = performance.now();
    try {
      await next();
    } catch (error) {
      const { status, code, message } = describe(error);
      if (hooks.has('apiError')) await hooks.execute('apiError', { request, status, code, message, error });
      if (status !== 0 && hooks.has('afterAPICall')) await hooks.execute('afterAPICall', { request, status, durationMs: performance.now() - started });
      throw error;
    }
    const response = ctx.response;
    if (response === undefined) return;
    if (response.status < 300 && hooks.has('apiTransform')) {
      response.data = (await hooks.execute('apiTransform', { request, status: response.status, body: response.data })).body;
    }
    // Like the other bridges, a point nobody handles costs no payload and no await.
    if (hooks.has('afterAPICall')) await hooks.execute('afterAPICall', { request, status: response.status, durationMs: performance.now() - started });
    const created = ctx.request.method === 'POST' && hooks.has('afterMessageSend') ? CREATE_MESSAGE.exec(ctx.request.route) : null;
    if (created?.[1] !== undefined && response.status < 300) {
      await hooks.execute('afterMessageSend', { channelId: created[1], message: response.data as APIMessage });
    }
  }, 'oven-hooks');

  const onRateLimited = (event: RateLimitedEvent): void => {
    void hooks.execute('rateLimited', {
      route: event.route,
      method: event.method,
      bucket: event.bucket,
      global: event.global,
      retryAfterMs: event.retryAfterMs,
      scope: event.scope,
    });
  };
  const onRetry = (event: RestRetryEvent): void => {
    void hooks.execute('apiRetry', {
      request: { method: event.method, route: event.path, body: undefined, headers: {} },
      attempt: event.attempt,
      reason: event.status === undefined ? describe(event.error).message : `HTTP ${event.status}`,
      delayMs: event.delayMs,
    });
  };
  const onWarning = (event: InvalidRequestWarningEvent): void => {
    void hooks.execute('invalidRequestWarning', { count: event.count, limit: event.limit });
  };
  // The client builds these events' payloads only for listeners (a proactive rate-limit wait can
  // come with every request of a busy route): listen only while the hook point is handled.
  const stops = [
    hooks.whileHandled('rateLimited', () => {
      rest.on('rateLimited', onRateLimited);
      return () => rest.off('rateLimited', onRateLimited);
    }),
    hooks.whileHandled('apiRetry', () => {
      rest.on('retry', onRetry);
      return () => rest.off('retry', onRetry);
    }),
    hooks.whileHandled('invalidRequestWarning', () => {
      rest.on('invalidRequestWarning', onWarning);
      return () => rest.off('invalidRequestWarning', onWarning);
    }),
  ];
  return () => {
    attached = false;
    for (const stop of stops) stop();
  };
}
