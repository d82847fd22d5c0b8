import { EventEmitter } from 'node:events';

/** An event map: event name to the tuple of arguments its listeners receive. */
export type EventMap<E> = { [K in keyof E]: unknown[] };

/**
 * A small, fully typed event emitter. It wraps Node's `EventEmitter` instead of extending it so
 * that listeners cannot be registered for event names the map does not declare. An `error` event
 * with no listener throws, as in Node.
 *
 * @example
 * ```ts
 * interface Events { ready: [shardId: number] }
 * const emitter = new TypedEmitter<Events>();
 * emitter.on('ready', (shardId) => console.log(shardId));
 * ```
 */
export class TypedEmitter<E extends EventMap<E>> {
  private readonly emitter = new EventEmitter();

  public constructor() {
    // Large bots attach one listener per shard; Node's leak warning at 10 would be noise.
    this.emitter.setMaxListeners(0);
  }

  /** Adds a listener. */
  public on<K extends keyof E & string>(event: K, listener: (...args: E[K]) => void): this {
    this.emitter.on(event, listener as (...args: unknown[]) => void);
    return this;
  }

  /** Adds a listener removed after its first call. */
  public once<K extends keyof E & string>(event: K, listener: (...args: E[K]) => void): this {
    this.emitter.once(event, listener as (...args: unknown[]) => void);
    return this;
  }

  /** Removes a listener added with `on` or `once`. */
  public off<K extends keyof E & string>(event: K, listener: (...args: E[K]) => void): this {
    this.emitter.off(event, listener as (...args: unknown[]) => void);
    return this;
  }

  /** Calls every listener of `event` synchronously; returns whether there was one. */
  public emit<K extends keyof E & string>(event: K, ...args: E[K]): boolean {
    return this.emitter.emit(event, ...args);
  }

  /** Number of listeners for `event`. */
  public listenerCount<K extends keyof E & string>(event: K): number {
    return this.emitter.listenerCount(event);
  }

  /** Removes every listener, or every listener of one event. */
  public removeAllListeners<K extends keyof E & string>(event?: K): this {
    if (event === undefined) this.emitter.removeAllListeners();
    else this.emitter.removeAllListeners(event);
    return this;
  }
}
