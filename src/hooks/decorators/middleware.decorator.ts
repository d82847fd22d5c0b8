import { createClassDecorator } from '../../di';

/** Which pipeline a `@Middleware` class joins. */
export type MiddlewareScope = 'rest' | 'interaction';

/** What `@Middleware(...)` records on a class. */
export interface MiddlewareMetadata {
  readonly scope: MiddlewareScope;
  /** Higher runs earlier (further out). @defaultValue 0 */
  readonly priority?: number;
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
export function Middleware(metadata: MiddlewareMetadata): ClassDecorator {
  return MiddlewareMarker(metadata);
}
