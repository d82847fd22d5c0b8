import { DiError, formatChain } from './di-error';

/**
 * A `useFactory` threw or its promise rejected. The original error is `cause`.
 * Code `OVEN_ERR_DI_FACTORY_FAILED`.
 */
export class FactoryFailedError extends DiError {
  public constructor(moduleChain: readonly string[], token: string, cause: unknown) {
    const moduleName = moduleChain[moduleChain.length - 1] ?? '?';
    super(
      'OVEN_ERR_DI_FACTORY_FAILED',
      `The factory for ${token} in ${moduleName} (${formatChain(moduleChain)}) failed: ${describeCause(cause)}.\n` +
        `Fix: the factory itself threw or rejected; see error.cause for its stack. Start-up stopped and what was already built was torn down.`,
      { moduleChain, token },
      { cause },
    );
  }
}

export function describeCause(cause: unknown): string {
  const text = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  // Callers end the sentence themselves; OvenErrors already end theirs ("..." would read as a cut).
  return text.replace(/\.$/, '');
}
