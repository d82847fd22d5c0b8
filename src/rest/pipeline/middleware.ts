import type { RestContext, RestMethod } from '../rest-request';

/**
 * A REST middleware. Code before `await next()` sees (and may change) `ctx.request`; code after it
 * sees `ctx.response`. Catching what `next()` throws and setting `ctx.response` turns an error into
 * a response. Not calling `next()` at all answers without contacting Discord.
 *
 * @example
 * ```ts
 * const timing: Middleware = async (ctx, next) => {
 *   const start = performance.now();
 *   await next();
 *   console.log(ctx.request.route, performance.now() - start);
 * };
 * ```
 */
export type Middleware = (ctx: RestContext, next: () => Promise<void>) => Promise<void> | void;

/** When a middleware added with `useIf` applies. */
export type MiddlewareCondition =
  | {
      method?: RestMethod | readonly RestMethod[];
      /** A route pattern: `:name` matches one segment, a trailing `*` the rest. `/channels/:id/messages` */
      route?: string | RegExp;
    }
  | ((ctx: RestContext) => boolean);
