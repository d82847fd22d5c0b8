import type { HandlerRoute, InteractionContext } from '../../commands';
import { createClassDecorator } from '../../di';
import type { RestContext } from '../../rest';

/** Which pipeline a `@Middleware` class joins. */
export type MiddlewareScope = 'rest' | 'interaction';

/** What `@Middleware(...)` records on a class. */
export interface MiddlewareMetadata {
  readonly scope: MiddlewareScope;
  /** Higher runs earlier (further out). @defaultValue 0 */
  readonly priority?: number;
}

/** What a middleware class of each scope must implement. */
export interface MiddlewareShapes {
  rest: { use(ctx: RestContext, next: () => Promise<void>): unknown };
  interaction: { use(ctx: InteractionContext, next: () => Promise<void>, route: HandlerRoute): unknown };
}

/** The discoverable marker behind `@Middleware()`, for `DiscoveryService.getProviders`. */
export const MiddlewareMarker = createClassDecorator<MiddlewareMetadata>('Middleware');

/**
 * Marks a provider class with a `use(ctx, next)` method as middleware of the REST client
 * (`scope: 'rest'`, `ctx` is a `RestContext`) or of the interaction router (`scope: 'interaction'`,
 * `ctx` is an `InteractionContext`). `HooksModule` finds them at bootstrap and installs them in
 * priority order.
 *
 * @example
 * ```ts
 * @Middleware({ scope: 'rest', priority: 5 })
 * @Injectable()
 * export class Timing {
 *   async use(ctx: RestContext, next: () => Promise<void>): Promise<void> {
 *     const started = performance.now();
 *     await next();
 *     console.log(ctx.request.route, performance.now() - started);
 *   }
 * }
 * ```
 */
export function Middleware<S extends MiddlewareScope>(
  metadata: MiddlewareMetadata & { readonly scope: S },
): (target: abstract new (...args: never[]) => MiddlewareShapes[S]) => void {
  // Typed by scope: a class without a fitting `use` method is a compile error.
  const mark = MiddlewareMarker(metadata);
  return (target) => {
    mark(target);
  };
}
