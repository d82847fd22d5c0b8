import { OvenError } from '../../errors';
import type { RestContext } from '../rest-request';
import type { Middleware } from './middleware';

/**
 * Checks one response body; returns the problems found (empty or undefined when it is valid).
 * Plug in any validator: ajv compiled from Discord's OpenAPI description, zod, hand-written checks.
 */
export type ResponseValidator = (data: unknown, ctx: RestContext) => readonly string[] | undefined;

/** Options of {@link schemaValidationMiddleware}. */
export interface SchemaValidationOptions {
  /**
   * Validators by `METHOD pattern`, where the pattern uses `:name` for one path segment:
   * `'GET /users/@me'`, `'POST /channels/:id/messages'`.
   */
  validators: Readonly<Record<string, ResponseValidator>>;
  /** `throw` raises ResponseSchemaError; a function receives the problems instead. @defaultValue 'throw' */
  onInvalid?: 'throw' | ((problems: readonly string[], ctx: RestContext) => void);
}

/**
 * The response of a request did not match its schema: Discord changed a payload, or a proxy or a
 * fake answered with something Discord would not send.
 *
 * @example
 * ```ts
 * catch (error) { if (error instanceof ResponseSchemaError) console.log(error.problems); }
 * ```
 */
export class ResponseSchemaError extends OvenError {
  public readonly problems: readonly string[];

  public constructor(method: string, route: string, problems: readonly string[]) {
    super(
      'OVEN_ERR_REST_RESPONSE_SCHEMA',
      `The response to ${method} ${route} does not match its schema:\n${problems.map((line) => `  ${line}`).join('\n')}\n` +
        'Update the schema if Discord changed the payload, or check what answered the request.',
    );
    this.problems = problems;
  }
}

/**
 * Development aid: validates successful JSON responses against schemas you supply, so payload drift
 * shows up as a named error at the call instead of an undefined field three layers later. Leave it
 * out of production pipelines: it costs a validation per response.
 *
 * @example
 * ```ts
 * const ajv = new Ajv();
 * const validateUser = ajv.compile(userSchema);
 * rest.pipeline.use(schemaValidationMiddleware({
 *   validators: { 'GET /users/@me': (data) => (validateUser(data) ? [] : ajv.errorsText(validateUser.errors).split(', ')) },
 * }));
 * ```
 */
export function schemaValidationMiddleware(options: SchemaValidationOptions): Middleware {
  const compiled = Object.entries(options.validators).map(([key, validate]) => {
    const space = key.indexOf(' ');
    if (space <= 0) {
      throw new OvenError(
        'OVEN_ERR_REST_BAD_OPTION',
        `Schema validator key "${key}" must be "METHOD /route", e.g. "GET /users/@me" or "POST /channels/:id/messages".`,
      );
    }
    const method = key.slice(0, space).toUpperCase();
    const pattern = new RegExp(
      `^${key
        .slice(space + 1)
        .split('/')
        .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('/')}$`,
    );
    return { method, pattern, validate };
  });
  const onInvalid = options.onInvalid ?? 'throw';
  return async function schemaValidation(ctx, next) {
    await next();
    const response = ctx.response;
    if (response === undefined || response.status >= 300 || response.data === undefined) return;
    for (const entry of compiled) {
      if (entry.method !== ctx.request.method || !entry.pattern.test(ctx.request.route)) continue;
      const problems = entry.validate(response.data, ctx) ?? [];
      if (problems.length === 0) continue;
      if (onInvalid === 'throw') throw new ResponseSchemaError(ctx.request.method, ctx.request.route, problems);
      onInvalid(problems, ctx);
    }
  };
}
