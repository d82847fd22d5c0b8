import { DiError } from './di-error';

/**
 * `init()` or `listen()` was called on an application that was already closed.
 * Code `OVEN_ERR_DI_APPLICATION_CLOSED`.
 *
 * @example
 * ```ts
 * await app.close();
 * await app.listen(); // rejects with ApplicationClosedError: create a new application instead
 * ```
 */
export class ApplicationClosedError extends DiError {
  public constructor(rootModule: string, method: 'init' | 'listen') {
    super(
      'OVEN_ERR_DI_APPLICATION_CLOSED',
      `${method}() was called on the application of ${rootModule} after close(); a closed application cannot start again.\n` +
        `Fix: create a new application with OvenFactory.create(${rootModule}).`,
      { moduleChain: [rootModule] },
    );
  }
}
