import type { HookHandlerError } from './hook.error';

/**
 * Where failures nobody awaits go (parallel handlers, chains past their budget): the
 * `onHandlerError` listeners, or a process warning when there is none, so they are never silent.
 */
export class HandlerErrorListeners {
  private readonly listeners = new Set<(error: HookHandlerError) => void>();

  public add(listener: (error: HookHandlerError) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  public report(error: HookHandlerError): void {
    if (this.listeners.size === 0) {
      process.emitWarning(error);
      return;
    }
    for (const listener of this.listeners) listener(error);
  }
}
