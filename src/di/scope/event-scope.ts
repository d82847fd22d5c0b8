import { AsyncLocalStorage } from 'node:async_hooks';

/** One event's scope: the context given to `run` and the per-event instances built in it. */
export interface EventScopeState<C = unknown> {
  readonly context: C;
  /** Keyed by provider record id, so several applications can share one scope. */
  readonly instances: Map<number, unknown>;
}

/**
 * The state behind a scope. Most gateway events are handled by singletons and never build a
 * per-event instance, so the Map is made on first use: an empty Map per event cost about 20 ns and
 * was the largest allocation of the per-event scope.
 */
class ScopeState<C> implements EventScopeState<C> {
  private map: Map<number, unknown> | undefined;

  public constructor(public readonly context: C) {}

  public get instances(): Map<number, unknown> {
    return (this.map ??= new Map());
  }
}

const storage = new AsyncLocalStorage<EventScopeState>();

/**
 * The per-event scope: one per gateway event or interaction. Providers with scope `'event'` get
 * one instance per scope, and `EVENT_CONTEXT` injects the `context` passed to `run`. It follows
 * `await`s through `AsyncLocalStorage`, so no container is created per event.
 *
 * @example
 * ```ts
 * await EventScope.run(interaction, async () => {
 *   const handler = app.get(PingCommand); // an event-scoped provider: fresh for this interaction
 *   await handler.execute();
 * });
 * ```
 */
export class EventScope {
  /** Runs `fn` in a fresh scope whose context is `context`; returns what `fn` returns. */
  public static run<C, R>(context: C, fn: () => R): R {
    return storage.run(new ScopeState(context), fn);
  }

  /** The scope `fn` runs in, or `undefined` outside `run`. */
  public static current(): EventScopeState | undefined {
    return storage.getStore();
  }

  /** The context of the current scope, or `undefined` outside `run`. */
  public static context<C = unknown>(): C | undefined {
    return storage.getStore()?.context as C | undefined;
  }
}
