import type { HookName } from './hook-points';

/** Options of the {@link HookManager} constructor. */
export interface HookManagerOptions {
  /**
   * Record a trace of each execute (handlers, their time and what they changed): `true` for every
   * hook point, or the names of the points to trace (tracing snapshots payloads, so narrowing it
   * keeps a busy bot fast while one hook is debugged).
   */
  readonly trace?: boolean | readonly string[];
  /** How many traces to keep. Default 200. */
  readonly traceLimit?: number;
  /**
   * Time budgets by hook point, in milliseconds, replacing the built-in ones (the command points
   * an interaction's answer waits on have 500 ms): past it, `execute` stops waiting, the caller
   * goes on, and a `HookBudgetError` (OVEN_ERR_HOOK_BUDGET_EXCEEDED) naming the hook and the
   * slow handler goes to `onHandlerError`. `false` removes a point's budget.
   */
  readonly budgets?: { readonly [K in HookName]?: number | false };
}
