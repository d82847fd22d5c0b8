import { OvenError } from '../errors';

/**
 * A hook was used wrongly: an unknown hook point, a handler that is not a function, a bad priority,
 * or an async handler reached through `executeSync`. The message names the hook and the fix.
 */
export class HookError extends OvenError {}

/**
 * A hook handler threw (or rejected). Carries the hook point, the handler's label and its owner
 * (usually a plugin name) so a failing plugin can be found from the error alone.
 */
export class HookHandlerError extends OvenError {
  public constructor(
    public readonly hook: string,
    public readonly handler: string,
    public readonly owner: string | undefined,
    cause: unknown,
  ) {
    super(
      'OVEN_ERR_HOOK_HANDLER_FAILED',
      `Hook handler "${handler}"${owner === undefined ? '' : ` (owner: ${owner})`} failed on ` +
        `"${hook}": ${describe(cause)}. Fix the handler, or ` +
        'unregister it; the rest of the chain did not run.',
      { cause },
    );
  }
}

// Not `instanceof Error`: plugin code may throw errors from another realm (Node's module context
// under a test runner, a worker), whose Error class differs from ours.
function describe(cause: unknown): string {
  const text = (cause as { message?: unknown } | null)?.message;
  return typeof text === 'string' ? text : String(cause);
}
