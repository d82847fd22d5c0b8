import { DiError } from './di-error';

/**
 * Providers depend on each other in a cycle, so none of them can be built first.
 * Code `OVEN_ERR_DI_PROVIDER_CYCLE`.
 */
export class ProviderCycleError extends DiError {
  /** `Provider (Module)` entries, the first repeated at the end. */
  public readonly cycle: readonly string[];

  public constructor(moduleChain: readonly string[], token: string, cycle: readonly string[]) {
    super(
      'OVEN_ERR_DI_PROVIDER_CYCLE',
      `Provider dependency cycle: ${cycle.join(' -> ')}.\n` +
        `Fix: break the cycle: move the shared logic into a new provider both depend on, or have one side ` +
        `look the other up lazily (inject ModuleRef and call get() when needed) instead of in its constructor.`,
      { moduleChain, token },
    );
    this.cycle = cycle;
  }
}
