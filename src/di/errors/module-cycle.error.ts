import { DiError, formatChain } from './di-error';

/**
 * Modules import each other in a cycle that no `forwardRef` marks as intended.
 * Code `OVEN_ERR_DI_MODULE_CYCLE`.
 */
export class ModuleCycleError extends DiError {
  /** The modules of the cycle, the first repeated at the end: `['A', 'B', 'A']`. */
  public readonly cycle: readonly string[];

  public constructor(moduleChain: readonly string[], cycle: readonly string[]) {
    const first = cycle[0] ?? '?';
    const last = cycle[cycle.length - 2] ?? '?';
    super(
      'OVEN_ERR_DI_MODULE_CYCLE',
      `Module import cycle: ${cycle.join(' -> ')} (reached through ${formatChain(moduleChain)}).\n` +
        `Fix: if the cycle is intended, write forwardRef(() => ${first}) in ${last}'s imports; ` +
        `otherwise move what both modules need into a third module that both import.`,
      { moduleChain },
    );
    this.cycle = cycle;
  }
}
