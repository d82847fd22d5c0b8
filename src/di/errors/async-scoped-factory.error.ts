import { DiError, formatChain } from './di-error';

/**
 * A factory with scope `'transient'` or `'event'` returned a promise: it would be injected
 * unresolved, because only singletons are awaited at start-up.
 * Code `OVEN_ERR_DI_ASYNC_SCOPED_FACTORY`.
 */
export class AsyncScopedFactoryError extends DiError {
  public constructor(moduleChain: readonly string[], token: string, scope: string) {
    super(
      'OVEN_ERR_DI_ASYNC_SCOPED_FACTORY',
      `The factory for ${token} in ${formatChain(moduleChain)} has scope '${scope}' and returned a promise, which would be injected unresolved.\n` +
        `Fix: make the factory synchronous, or make it a singleton (async singletons are awaited at start-up).`,
      { moduleChain, token },
    );
  }
}
