import type { HandlerRoute } from '../catalog/command-catalog';
import { InteractionPipelineError } from '../command-errors';
import type { InteractionContext } from '../context/interaction-context';

/**
 * Runs around every routed interaction (guards, validation and handler are inside `next`).
 * Skip `next()` to stop the interaction; then answering it is up to you.
 *
 * @example
 * ```ts
 * router.use(async (ctx, next, route) => {
 *   const started = performance.now();
 *   await next();
 *   metrics.observe(route.path, performance.now() - started);
 * });
 * ```
 */
export type InteractionMiddleware = (ctx: InteractionContext, next: () => Promise<void>, route: HandlerRoute) => Promise<void> | void;

/**
 * Composes middleware once into one function (index-based dispatch, as Koa does). Calling
 * `next()` twice is a bug in a middleware and fails loudly.
 */
export function composeMiddleware(
  middleware: readonly InteractionMiddleware[],
): (ctx: InteractionContext, route: HandlerRoute, last: () => Promise<void>) => Promise<void> {
  return (ctx, route, last) => {
    let index = -1;
    const dispatch = async (i: number): Promise<void> => {
      if (i <= index) {
        throw new InteractionPipelineError(`Interaction middleware #${i} called next() more than once; call it once and await it.`);
      }
      index = i;
      const current = middleware[i];
      if (current === undefined) return last();
      await current(ctx, () => dispatch(i + 1), route);
    };
    return dispatch(0);
  };
}
