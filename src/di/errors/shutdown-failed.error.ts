import { OvenError } from '../../errors';

/**
 * One or more shutdown hooks threw during `close()`. Every other hook still ran; each failure is
 * in `errors` (a `LifecycleHookFailedError`-like record naming module, provider and hook).
 * Code `OVEN_ERR_DI_SHUTDOWN_FAILED`.
 *
 * @example
 * ```ts
 * await app.close().catch((error: unknown) => {
 *   if (error instanceof ShutdownFailedError) for (const failure of error.errors) console.error(failure);
 * });
 * ```
 */
export class ShutdownFailedError extends OvenError {
  public constructor(public readonly errors: readonly Error[]) {
    super(
      'OVEN_ERR_DI_SHUTDOWN_FAILED',
      `${errors.length} shutdown hook(s) failed; every other hook still ran:\n` +
        errors.map((error) => `  - ${error.message.split('\n')[0] ?? ''}`).join('\n') +
        `\nFix: a shutdown hook should release its resource and not throw; see error.errors for each stack.`,
    );
  }
}
