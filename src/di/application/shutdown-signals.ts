/** Signals `enableShutdownHooks()` listens to by default. */
export const DEFAULT_SHUTDOWN_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/**
 * Closes the application on the first of `signals`, then re-raises the signal so the process
 * ends the way it would have without us, unless someone else also listens for it (their call).
 * Returns a function that removes the listeners.
 */
export function listenForShutdownSignals(
  signals: readonly NodeJS.Signals[],
  close: (signal: NodeJS.Signals) => Promise<void>,
  onError: (error: unknown) => void,
): () => void {
  const handlers = new Map<NodeJS.Signals, () => void>();
  const remove = (): void => {
    for (const [signal, handler] of handlers) process.removeListener(signal, handler);
    handlers.clear();
  };
  for (const signal of signals) {
    const handler = (): void => {
      remove();
      close(signal).then(
        () => {
          if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
        },
        (error: unknown) => {
          onError(error);
          process.exitCode = 1;
        },
      );
    };
    handlers.set(signal, handler);
    process.on(signal, handler);
  }
  return remove;
}
