import { OvenError, type OvenErrorCode } from '../errors';

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
    /** For subclasses: their own code and message instead of the handler-failed ones. */
    own?: { readonly code: OvenErrorCode; readonly message: string },
  ) {
    super(
      own?.code ?? 'OVEN_ERR_HOOK_HANDLER_FAILED',
      own?.message ??
        `Hook handler "${handler}"${owner === undefined ? '' : ` (owner: ${owner})`} failed on ` +
          `"${hook}": ${describe(cause)}. Fix the handler, or ` +
          'unregister it; the rest of the chain did not run.',
      { cause },
    );
  }
}

/**
 * A hook point with a time budget (`beforeInteraction`, `beforeCommandRun`, ... whose caller has
 * a deadline, such as Discord's 3-second window for an interaction's first answer) was still
 * running when the budget ran out. The caller went on without waiting: a `bail` point counts as
 * "no veto", a `waterfall` point gives the payload as the finished handlers left it, and the
 * handlers after the slow one do not run. Reported through `onHandlerError`, never thrown.
 * `handler` names the handler(s) that had not finished.
 */
export class HookBudgetError extends HookHandlerError {
  public constructor(
    hook: string,
    handler: string,
    owner: string | undefined,
    public readonly budgetMs: number,
  ) {
    super(hook, handler, owner, undefined, {
      code: 'OVEN_ERR_HOOK_BUDGET_EXCEEDED',
      message:
        `Hook "${hook}" went past its ${budgetMs} ms budget: handler ${handler}${owner === undefined ? '' : ` (owner: ${owner})`} ` +
        'had not finished, so the caller went on without it and the handlers after it did not run. Make the handler ' +
        `faster (answer from a cache, defer slow work), or raise the budget: HooksModule.forRoot({ budgets: { ${hook}: ${budgetMs * 2} } }) ` +
        `or hooks.setBudget('${hook}', false) to wait however long it takes.`,
    });
  }
}

// Not `instanceof Error`: plugin code may throw errors from another realm (Node's module context
// under a test runner, a worker), whose Error class differs from ours.
function describe(cause: unknown): string {
  const text = (cause as { message?: unknown } | null)?.message;
  return typeof text === 'string' ? text : String(cause);
}
