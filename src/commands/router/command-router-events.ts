import type { HandlerRoute } from '../catalog/command-catalog';
import type { InteractionContext } from '../context/interaction-context';
import type { InputFailure } from '../validation/input-failure';

/**
 * What the router reports. The hooks capability bridges these into its hook points; bots can
 * listen directly with `router.events.on(...)`.
 */
export interface CommandRouterEvents {
  /** A handler is about to run (guards and validation passed). */
  beforeCommand: [event: { ctx: InteractionContext; route: HandlerRoute }];
  /** A handler returned. `result` is what it returned. */
  afterCommand: [event: { ctx: InteractionContext; route: HandlerRoute; result: unknown }];
  /**
   * A handler, guard or middleware threw; the user got the generic error message. With no
   * listener, the router prints the error with `console.error` instead.
   */
  commandError: [event: { ctx: InteractionContext; route: HandlerRoute | undefined; error: unknown }];
  /** Options or modal fields were invalid; the handler did not run. */
  validationFailed: [event: { ctx: InteractionContext; route: HandlerRoute; failures: readonly InputFailure[] }];
  /** A guard refused; `reason` is the message shown, or undefined for a plain `false`. */
  guardRejected: [event: { ctx: InteractionContext; route: HandlerRoute; reason: string | undefined }];
  /** No handler matched: an unregistered command or a component from an old message. */
  unhandled: [event: { ctx: InteractionContext; kind: 'command' | 'component' | 'modal' | 'autocomplete'; key: string }];
  /**
   * The listeners of an event that comes before an answer (`beforeCommand`, `unhandled`,
   * `validationFailed`, `guardRejected`, `commandError`) took longer than `listenerBudgetMs`;
   * the router went on without them. Not bounded itself, and not awaited.
   */
  listenersSlow: [event: { ctx: InteractionContext; event: Exclude<keyof CommandRouterEvents, 'listenersSlow'>; budgetMs: number }];
}
