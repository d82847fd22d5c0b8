import { RestUsageError } from '../errors/rest-usage-error';
import { toQueryString } from '../query-string';
import type { RestContext, RestResponse } from '../rest-request';
import type { Middleware } from './middleware';

/** Options of {@link coalesceMiddleware}. */
export interface CoalesceOptions {
  /** Give each caller its own copy of the body, so one caller's mutation cannot leak to another. @defaultValue true */
  clone?: boolean;
}

/**
 * Sends one request for identical GETs that are in flight at the same time, and hands every
 * caller the answer (or the error). Busy bots fetch the same member or channel from several
 * handlers at once; this turns N requests, and N slots of a rate-limit bucket, into one. Only GETs
 * without a body or files are merged, keyed by route, query and whether they are authenticated;
 * a request with its own AbortSignal is sent alone, so aborting it cannot fail other callers.
 *
 * @example
 * ```ts
 * rest.use(coalesceMiddleware());
 * const [a, b] = await Promise.all([rest.guilds.member(guildId, userId), rest.guilds.member(guildId, userId)]); // one request
 * ```
 */
export function coalesceMiddleware(options: CoalesceOptions = {}): Middleware {
  const clone = options.clone ?? true;
  const inFlight = new Map<string, Promise<RestResponse>>();
  return async function coalesce(ctx, next) {
    const key = keyOf(ctx);
    if (key === undefined) return next();
    const pending = inFlight.get(key);
    if (pending !== undefined) {
      const response = await pending;
      ctx.response = clone ? { ...response, data: structuredClone(response.data) } : response;
      ctx.state['coalesced'] = true;
      return;
    }
    let settle: { resolve(response: RestResponse): void; reject(error: unknown): void } | undefined;
    const shared = new Promise<RestResponse>((resolve, reject) => {
      settle = { resolve, reject };
    });
    // Followers attach their own handlers; this one keeps an unobserved rejection from being reported.
    shared.catch(() => undefined);
    inFlight.set(key, shared);
    try {
      await next();
      if (ctx.response !== undefined) settle!.resolve(ctx.response);
      else settle!.reject(new RestUsageError('OVEN_ERR_REST_MIDDLEWARE', `${ctx.request.method} ${ctx.request.route}: a later middleware ended the chain without a response.`));
    } catch (error) {
      settle!.reject(error);
      throw error;
    } finally {
      inFlight.delete(key);
    }
  };
}

function keyOf(ctx: RestContext): string | undefined {
  const { request } = ctx;
  if (request.method !== 'GET' || request.body !== undefined || (request.files?.length ?? 0) > 0 || request.signal !== undefined) {
    return undefined;
  }
  return `${request.auth ? 'auth' : 'anon'} ${request.route}${toQueryString(request.query)}`;
}
