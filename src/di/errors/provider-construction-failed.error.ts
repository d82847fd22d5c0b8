import { DiError, formatChain } from './di-error';
import { describeCause } from './factory-failed.error';

/**
 * A provider's constructor threw. The original error is `cause`.
 * Code `OVEN_ERR_DI_PROVIDER_CONSTRUCTION_FAILED`.
 */
export class ProviderConstructionFailedError extends DiError {
  public constructor(moduleChain: readonly string[], token: string, className: string, cause: unknown) {
    const moduleName = moduleChain[moduleChain.length - 1] ?? '?';
    super(
      'OVEN_ERR_DI_PROVIDER_CONSTRUCTION_FAILED',
      `The constructor of ${className}${token === className ? '' : ` (provided as ${token})`} in ${moduleName} (${formatChain(moduleChain)}) threw: ${describeCause(cause)}.\n` +
        `Fix: constructors should only store their dependencies; move work that can fail into onModuleInit(), where the failure is reported with the hook's name.`,
      { moduleChain, token },
      { cause },
    );
  }
}
