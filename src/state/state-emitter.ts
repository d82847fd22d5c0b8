/** A map from event name to its listener's arguments. */
export type EventMap<E> = { [K in keyof E]: unknown[] };

/**
 * A small typed emitter. Unlike Node's, a listener that throws does not stop the others or the
 * store's work: the error goes to `onListenerError`, because a broken logger must not leave a
 * store half-notified.
 */
export class StateEmitter<E extends EventMap<E>> {
  private readonly listeners = new Map<keyof E, Set<(...args: never[]) => void>>();

  public constructor(private readonly onListenerError: (error: unknown, event: keyof E) => void) {}

  public on<K extends keyof E>(event: K, listener: (...args: E[K]) => void): () => void {
    let set = this.listeners.get(event);
    if (set === undefined) this.listeners.set(event, (set = new Set()));
    set.add(listener as unknown as (...args: never[]) => void);
    return () => this.off(event, listener);
  }

  public off<K extends keyof E>(event: K, listener: (...args: E[K]) => void): void {
    this.listeners.get(event)?.delete(listener as unknown as (...args: never[]) => void);
  }

  public has(event: keyof E): boolean {
    return (this.listeners.get(event)?.size ?? 0) > 0;
  }

  public emit<K extends keyof E>(event: K, ...args: E[K]): void {
    const set = this.listeners.get(event);
    if (set === undefined) return;
    for (const listener of [...set]) {
      try {
        (listener as unknown as (...args: E[K]) => void)(...args);
      } catch (error) {
        this.onListenerError(error, event);
      }
    }
  }
}
