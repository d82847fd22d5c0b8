import type { StateAction } from './action';
import type { StateChange } from './state-change';
import { StateActionVetoedError, StateMiddlewareError } from './state-errors';

/** What a middleware sees of the action being dispatched. */
export interface StateMiddlewareContext<S, A extends StateAction> {
  /** The store's name. */
  readonly store: string;
  readonly action: A;
  /** The state before the action. */
  getState(): S;
  /** Refuses the action: `dispatch` throws `StateActionVetoedError` with this reason and nothing changes. */
  veto(reason: string): never;
}

/**
 * A stage around every `dispatch`: call `next(action)` to go on (possibly with another action of
 * the store), or `context.veto(reason)` to refuse. Returns what `next` returned.
 *
 * @example
 * ```ts
 * const audit: StateMiddleware<Settings, SettingsAction> = (context, next) => {
 *   const change = next(context.action);
 *   if (change !== undefined) console.log(context.action.type, change.patches);
 *   return change;
 * };
 * ```
 */
export type StateMiddleware<S, A extends StateAction> = (
  context: StateMiddlewareContext<S, A>,
  next: (action: A) => StateChange<S, A> | undefined,
) => StateChange<S, A> | undefined;

/** Builds the dispatch chain once, so a dispatch costs no allocation per middleware beyond its context. */
export function composeMiddleware<S, A extends StateAction>(
  store: string,
  middleware: readonly StateMiddleware<S, A>[],
  getState: () => S,
  onVeto: (action: A, reason: string) => void,
  last: (action: A) => StateChange<S, A> | undefined,
): (action: A) => StateChange<S, A> | undefined {
  if (middleware.length === 0) return last;
  return (initial: A) => {
    const step = (index: number, action: A): StateChange<S, A> | undefined => {
      const current = middleware[index];
      if (current === undefined) return last(action);
      let called = false;
      const context: StateMiddlewareContext<S, A> = {
        store,
        action,
        getState,
        veto: (reason: string): never => {
          onVeto(action, reason);
          throw new StateActionVetoedError(store, action.type, reason);
        },
      };
      return current(context, (next) => {
        if (called) throw new StateMiddlewareError(store, index);
        called = true;
        return step(index + 1, next);
      });
    };
    return step(0, initial);
  };
}

/**
 * A middleware that refuses actions a rule rejects: the rule returns a reason to refuse, or
 * `undefined` to allow.
 *
 * @example
 * ```ts
 * stateValidationMiddleware<Settings, SettingsAction>((action) =>
 *   action.type === 'guild/setPrefix' && action.prefix.length > 5 ? 'a prefix is at most 5 characters' : undefined);
 * ```
 */
export function stateValidationMiddleware<S, A extends StateAction>(
  rule: (action: A, state: S) => string | undefined,
): StateMiddleware<S, A> {
  return (context, next) => {
    const reason = rule(context.action, context.getState());
    if (reason !== undefined) context.veto(reason);
    return next(context.action);
  };
}

/**
 * A middleware that logs each action and how many paths it changed (or that it changed nothing).
 *
 * @example
 * ```ts
 * createStore({ initial, reducers, middleware: [stateLoggingMiddleware((line) => logger.debug(line))] });
 * ```
 */
export function stateLoggingMiddleware<S, A extends StateAction>(log: (line: string) => void): StateMiddleware<S, A> {
  return (context, next) => {
    const change = next(context.action);
    log(
      change === undefined
        ? `[${context.store}] ${context.action.type}: no change`
        : `[${context.store}] ${context.action.type}: v${change.baseVersion} -> v${change.version}, ` +
            `${change.patches.length} patch(es) at ${change.patches.map((patch) => `/${patch.path.join('/')}`).join(', ')}`,
    );
    return change;
  };
}
