/** A listener of one event: the event's payload tuple as arguments. */
export type Listener<Args extends unknown[]> = (...args: Args) => void | Promise<void>;

/**
 * A minimal typed event emitter. A listener that throws or rejects does not stop the others or
 * the interaction; its error goes to `onListenerError`.
 *
 * @example
 * ```ts
 * const off = router.events.on('commandError', ({ route, error }) => logger.error(route?.label, error));
 * off(); // stop listening
 * ```
 */
export class TypedEvents<Events extends { [K in keyof Events]: unknown[] }> {
  private readonly listeners = new Map<keyof Events, Set<Listener<never[]>>>();

  public constructor(private readonly onListenerError: (error: unknown, event: keyof Events) => void) {}

  /** Adds a listener; returns a function that removes it. */
  public on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    let set = this.listeners.get(event);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as unknown as Listener<never[]>);
    return () => this.off(event, listener);
  }

  public off<K extends keyof Events>(event: K, listener: Listener<Events[K]>): void {
    this.listeners.get(event)?.delete(listener as unknown as Listener<never[]>);
  }

  /** Calls every listener and waits for async ones, so events are observed before the next step. */
  public async emit<K extends keyof Events>(event: K, ...args: Events[K]): Promise<void> {
    const set = this.listeners.get(event);
    if (set === undefined || set.size === 0) return;
    for (const listener of [...set]) {
      try {
        await (listener as unknown as Listener<Events[K]>)(...args);
      } catch (error) {
        this.onListenerError(error, event);
      }
    }
  }

  /**
   * Like `emit`, but waits at most `budgetMs`: past it, `onOverrun` is called and this resolves
   * while the remaining listeners go on in the background (their errors still reach
   * `onListenerError`). For events that come before an answer with a deadline.
   */
  public emitWithin<K extends keyof Events>(budgetMs: number, onOverrun: (event: K) => void, event: K, ...args: Events[K]): Promise<void> {
    const all = this.emit(event, ...args);
    // No listeners: emit resolved synchronously with nothing to bound, so no timer either.
    if (this.listenerCount(event) === 0) return all;
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        onOverrun(event);
        resolve();
      }, budgetMs);
      timer.unref();
      // emit never rejects: listener errors are caught and reported one by one.
      void all.then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  public listenerCount(event: keyof Events): number {
    return this.listeners.get(event)?.size ?? 0;
  }
}
