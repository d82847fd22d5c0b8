import { RestUsageError } from '../errors/rest-usage-error';
import type { RestContext } from '../rest-request';
import type { Middleware } from './middleware';

/** The whole chain as one function; `core` runs after the last middleware calls `next()`. */
export type ComposedPipeline = (ctx: RestContext, core: (ctx: RestContext) => Promise<void>) => Promise<void>;

/**
 * Koa's compose: index-based dispatch over a fixed array, built once when the pipeline changes, not
 * per request. `next()` twice in one middleware is rejected, and so is a middleware that returns
 * while its downstream still runs (a forgotten `await next()`), which would otherwise read a
 * response that is not there yet.
 */
export function compose(middleware: readonly Middleware[], names: readonly string[]): ComposedPipeline {
  const chain = [...middleware];
  return (ctx, core) => {
    let lastIndex = -1;
    const dispatch = (index: number): Promise<void> => {
      if (index <= lastIndex) {
        return Promise.reject(
          new RestUsageError(
            'OVEN_ERR_REST_MIDDLEWARE',
            `Middleware "${names[index - 1] ?? index - 1}" called next() more than once; call it once and await it.`,
          ),
        );
      }
      lastIndex = index;
      if (index === chain.length) return core(ctx);
      const current = chain[index]!;
      let downstream: Promise<void> | undefined;
      let downstreamSettled = false;
      const next = (): Promise<void> => {
        downstream = dispatch(index + 1);
        downstream.then(
          () => (downstreamSettled = true),
          () => (downstreamSettled = true),
        );
        return downstream;
      };
      try {
        return Promise.resolve(current(ctx, next)).then(() => {
          if (downstream !== undefined && !downstreamSettled) {
            // The settle callbacks above run one tick after `downstream` settles; give them that tick.
            return Promise.resolve().then(() => {
              if (!downstreamSettled) {
                throw new RestUsageError(
                  'OVEN_ERR_REST_MIDDLEWARE',
                  `Middleware "${names[index] ?? index}" returned before the rest of the chain finished; ` +
                    'write `await next()` (or return it) so later middleware and the request complete first.',
                );
              }
            });
          }
          return undefined;
        });
      } catch (error) {
        return Promise.reject(error);
      }
    };
    return dispatch(0);
  };
}
