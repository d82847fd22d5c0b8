import { DiError, formatChain } from './di-error';
import { describeCause } from './factory-failed.error';

/**
 * A lifecycle hook threw during start-up. What had already been initialised was torn down
 * before this error was thrown; teardown failures, if any, are in `teardownErrors`.
 * Code `OVEN_ERR_DI_LIFECYCLE_HOOK_FAILED`.
 *
 * @example
 * ```ts
 * await app.listen().catch((error: unknown) => {
 *   if (error instanceof LifecycleHookFailedError) console.error(`${error.provider}.${error.hook}() failed`, error.cause);
 *   process.exitCode = 1;
 * });
 * ```
 */
export class LifecycleHookFailedError extends DiError {
  public readonly hook: string;
  public readonly provider: string;
  public readonly teardownErrors: readonly Error[];

  public constructor(details: {
    moduleChain: readonly string[];
    provider: string;
    hook: string;
    cause: unknown;
    teardownErrors: readonly Error[];
  }) {
    const moduleName = details.moduleChain[details.moduleChain.length - 1] ?? '?';
    super(
      'OVEN_ERR_DI_LIFECYCLE_HOOK_FAILED',
      `${details.provider}.${details.hook}() in ${moduleName} (${formatChain(details.moduleChain)}) failed: ${describeCause(details.cause)}.\n` +
        `Start-up stopped; providers already initialised were shut down` +
        (details.teardownErrors.length === 0 ? '.' : ` (${details.teardownErrors.length} shutdown hook(s) failed too: see error.teardownErrors).`) +
        `\nFix: see error.cause for the stack of the failing hook.`,
      { moduleChain: details.moduleChain, token: details.provider },
      { cause: details.cause },
    );
    this.hook = details.hook;
    this.provider = details.provider;
    this.teardownErrors = details.teardownErrors;
  }
}
