import { DiError, formatChain } from './di-error';

/**
 * An event-scoped provider (or `EVENT_CONTEXT`) was asked for outside `EventScope.run(...)`.
 * Code `OVEN_ERR_DI_NO_EVENT_SCOPE`.
 *
 * @example
 * ```ts
 * app.get(PerInteractionState); // throws NoEventScopeError
 * await app.resolve(PerInteractionState, { context: interaction }); // opens a scope: fine
 * ```
 */
export class NoEventScopeError extends DiError {
  public constructor(moduleChain: readonly string[], token: string) {
    super(
      'OVEN_ERR_DI_NO_EVENT_SCOPE',
      `${token} has scope 'event' (it or one of its dependencies is per event) and was resolved outside an event scope, in ${formatChain(moduleChain)}.\n` +
        `Fix: resolve it inside EventScope.run(context, () => ...) (the gateway and command router do this for each event), ` +
        `or call app.resolve(${token}), which opens a scope for you.`,
      { moduleChain, token },
    );
  }
}
