import { RestUsageError } from '../errors/rest-usage-error';
import type { RestContext } from '../rest-request';
import { compose, type ComposedPipeline } from './compose';
import type { Middleware, MiddlewareCondition } from './middleware';

/**
 * The ordered middleware of a RestClient. Order: the first added runs first on the way in and last
 * on the way out (an onion), and the client's core (rate limits, retries, HTTP) sits in the middle,
 * so a middleware sees one call per `rest.get(...)`, not one per retry. The chain is composed once
 * per change, not per request.
 *
 * @example
 * ```ts
 * rest.pipeline
 *   .use(loggingMiddleware())
 *   .useIf({ method: 'POST', route: '/channels/:id/messages' }, async (ctx, next) => {
 *     ctx.request.body = { ...(ctx.request.body as object), allowed_mentions: { parse: [] } };
 *     await next();
 *   });
 * ```
 */
export class MiddlewarePipeline {
  private readonly middleware: Middleware[] = [];
  private readonly names: string[] = [];
  private composed: ComposedPipeline | undefined;

  /**
   * Adds `middleware` after the ones already added; `name` appears in pipeline errors.
   *
   * @example
   * ```ts
   * rest.pipeline.use(async (ctx, next) => { ctx.request.headers['x-trace-id'] = traceId(); await next(); }, 'trace');
   * ```
   */
  public use(middleware: Middleware, name?: string): this {
    if (typeof middleware !== 'function') {
      throw new RestUsageError(
        'OVEN_ERR_REST_MIDDLEWARE',
        `pipeline.use() expects a function (ctx, next) => Promise<void>, got ${typeof middleware}.`,
      );
    }
    this.middleware.push(middleware);
    this.names.push(name ?? (middleware.name || `#${this.middleware.length - 1}`));
    this.composed = undefined;
    return this;
  }

  /**
   * Adds `middleware` for the requests `condition` matches; the others skip straight to `next()`.
   *
   * @example
   * ```ts
   * rest.pipeline.useIf({ method: ['POST', 'PATCH'], route: '/channels/:id/*' }, auditMiddleware);
   * rest.pipeline.useIf((ctx) => ctx.request.reason !== undefined, reasonLogger);
   * ```
   */
  public useIf(condition: MiddlewareCondition, middleware: Middleware, name?: string): this {
    const matches = compileCondition(condition);
    const conditional: Middleware = (ctx, next) => (matches(ctx) ? middleware(ctx, next) : next());
    return this.use(conditional, name ?? (middleware.name || undefined));
  }

  public get size(): number {
    return this.middleware.length;
  }

  /** Runs the chain around `core`. */
  public run(ctx: RestContext, core: (ctx: RestContext) => Promise<void>): Promise<void> {
    if (this.middleware.length === 0) return core(ctx);
    this.composed ??= compose(this.middleware, this.names);
    return this.composed(ctx, core);
  }
}

function compileCondition(condition: MiddlewareCondition): (ctx: RestContext) => boolean {
  if (typeof condition === 'function') return condition;
  if (condition === null || typeof condition !== 'object') {
    throw new RestUsageError(
      'OVEN_ERR_REST_MIDDLEWARE',
      'useIf() expects { method?, route? } or a predicate (ctx) => boolean as its condition.',
    );
  }
  const methods =
    condition.method === undefined
      ? undefined
      : new Set<string>(typeof condition.method === 'string' ? [condition.method] : condition.method);
  const route = condition.route === undefined ? undefined : routePattern(condition.route);
  return (ctx) =>
    (methods === undefined || methods.has(ctx.request.method)) && (route === undefined || route.test(ctx.request.route));
}

function routePattern(route: string | RegExp): RegExp {
  if (route instanceof RegExp) return route;
  const body = route
    .split('/')
    .map((segment) => {
      if (segment === '*') return '.*';
      if (segment.startsWith(':')) return '[^/]+';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${body}$`);
}
