/** An event map: event name to the tuple of arguments its listeners receive. */
export type EventMap<E> = { [K in keyof E]: unknown[] };

type Listener = (...args: never[]) => unknown;

/** A `once` registration: `off` finds it by the listener it wraps. */
interface OnceWrapper {
  (...args: unknown[]): void;
  readonly listener: Listener;
}

/**
 * A small, fully typed event emitter: listeners cannot be registered for event names the map does
 * not declare. An `error` event with no listener throws, as in Node. Listener lists are replaced,
 * never mutated, so a listener added or removed during an emit takes effect from the next one
 * (Node's rule).
 *
 * Not a Node `EventEmitter`: gateway dispatches go through two emits each, and Node's emit (patched
 * once anything loads `node:domain`, as ts-node does) cost more per call than this whole class.
 *
 * @example
 * ```ts
 * interface Events { ready: [shardId: number] }
 * const emitter = new TypedEmitter<Events>();
 * emitter.on('ready', (shardId) => console.log(shardId));
 * ```
 */
export class TypedEmitter<E extends EventMap<E>> {
  private readonly listeners = new Map<string, readonly Listener[]>();

  /** Adds a listener. */
  public on<K extends keyof E & string>(event: K, listener: (...args: E[K]) => void): this {
    const list = this.listeners.get(event);
    this.listeners.set(event, list === undefined ? [listener] : [...list, listener]);
    return this;
  }

  /** Adds a listener removed after its first call. */
  public once<K extends keyof E & string>(event: K, listener: (...args: E[K]) => void): this {
    let fired = false;
    const wrapper = ((...args: E[K]) => {
      if (fired) return;
      fired = true;
      this.off(event, wrapper as unknown as (...args: E[K]) => void);
      listener(...args);
    }) as unknown as OnceWrapper;
    Object.defineProperty(wrapper, 'listener', { value: listener });
    return this.on(event, wrapper as unknown as (...args: E[K]) => void);
  }

  /** Removes a listener added with `on` or `once` (the most recently added, if it was added twice). */
  public off<K extends keyof E & string>(event: K, listener: (...args: E[K]) => void): this {
    const list = this.listeners.get(event);
    if (list === undefined) return this;
    for (let i = list.length - 1; i >= 0; i--) {
      const entry = list[i] as Listener;
      if (entry === listener || (entry as Partial<OnceWrapper>).listener === listener) {
        if (list.length === 1) this.listeners.delete(event);
        else this.listeners.set(event, [...list.slice(0, i), ...list.slice(i + 1)]);
        break;
      }
    }
    return this;
  }

  /** Calls every listener of `event` synchronously; returns whether there was one. */
  public emit<K extends keyof E & string>(event: K, ...args: E[K]): boolean {
    const list = this.listeners.get(event);
    if (list === undefined) {
      if (event === 'error') throw TypedEmitter.unhandled(args[0]);
      return false;
    }
    const call = args as unknown as never[];
    if (list.length === 1) {
      (list[0] as Listener)(...call);
      return true;
    }
    for (const listener of list) listener(...call);
    return true;
  }

  /** Number of listeners for `event`. */
  public listenerCount<K extends keyof E & string>(event: K): number {
    return this.listeners.get(event)?.length ?? 0;
  }

  /** Removes every listener, or every listener of one event. */
  public removeAllListeners<K extends keyof E & string>(event?: K): this {
    if (event === undefined) this.listeners.clear();
    else this.listeners.delete(event);
    return this;
  }

  private static unhandled(value: unknown): Error {
    if (value instanceof Error) return value;
    return new Error(`Unhandled error event: ${String(value)}`);
  }
}
