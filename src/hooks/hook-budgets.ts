import type { HookChain } from './hook-chain';
import { HookError, HookHandlerError } from './hook.error';
import type { HookPointInfo } from './hook-point';

/**
 * Time budgets of hook points: the built-in ones (`budgetMs` on the point) unless replaced, and
 * the timer that lets `execute` resolve without a chain that outran its budget.
 */
export class HookBudgets {
  private readonly budgets = new Map<string, number | false>();

  /** Replaces a point's budget; the point name must already be known. */
  public set(name: string, budget: number | false): void {
    if (budget !== false && !(typeof budget === 'number' && Number.isFinite(budget) && budget >= 0)) {
      throw new HookError(
        'OVEN_ERR_HOOK_INVALID_BUDGET',
        `The budget given for hook "${name}" is ${typeof budget === 'string' ? JSON.stringify(budget) : String(budget)}; use a number of milliseconds >= 0, or false for no limit.`,
      );
    }
    this.budgets.set(name, budget);
  }

  /** The budget in milliseconds, or `undefined` for none. */
  public of(point: HookPointInfo): number | undefined {
    const set = this.budgets.get(point.name);
    return set === false ? undefined : (set ?? point.budgetMs);
  }
}

/**
 * Resolves like `out`, unless `budgetMs` passes first: then with the chain's fallback, and the
 * `HookBudgetError` (and any late failure of the abandoned chain) goes to `report`.
 */
export function withinBudget(
  name: string,
  chain: HookChain,
  out: PromiseLike<unknown>,
  budgetMs: number,
  report: (error: HookHandlerError) => void,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let overrun = false;
    const timer = setTimeout(() => {
      overrun = true;
      const { error, fallback } = chain.abandon(budgetMs);
      report(error);
      resolve(fallback);
    }, budgetMs);
    timer.unref();
    out.then(
      (value) => {
        clearTimeout(timer);
        if (!overrun) resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (!overrun) reject(error);
        // Nobody awaits an abandoned chain any more: report its late failure, never drop it.
        else report(error instanceof HookHandlerError ? error : new HookHandlerError(name, '(unknown)', undefined, error));
      },
    );
  });
}
