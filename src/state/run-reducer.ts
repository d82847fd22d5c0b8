import type { Draft } from 'immer';
import type { ReducersFor, StateAction } from './action';
import { closestAction } from './closest-action';
import { produceState } from './patch-state';
import { StateReducerError, StateUnknownActionError } from './state-errors';
import type { Reduction } from './store-options';

/**
 * Runs the reducer for `action` on a draft of `state` and returns the next state with its
 * patches. Throws `StateUnknownActionError` (with a "did you mean") for a type no reducer
 * handles, and `StateReducerError` when the reducer throws or returns a Promise.
 */
export function runReducer<S, A extends StateAction>(store: string, reducers: ReducersFor<S, A>, state: S, action: A): Reduction<S> {
  const type = (action as { type?: unknown } | null)?.type;
  const reducer =
    typeof type === 'string' && Object.hasOwn(reducers, type) ? (reducers[type as A['type']] as (draft: Draft<S>, action: A) => void | S) : undefined;
  if (reducer === undefined) {
    const known = Object.keys(reducers);
    throw new StateUnknownActionError(store, type, known, typeof type === 'string' ? closestAction(type, known) : undefined);
  }
  try {
    const [next, patches, inversePatches] = produceState(state, (draft) => {
      const returned = reducer(draft, action);
      if (returned instanceof Promise) throw new StateReducerError(store, action.type, 'it returned a Promise');
      return returned;
    });
    return { state: next, patches, inversePatches };
  } catch (error) {
    if (error instanceof StateReducerError) throw error;
    throw new StateReducerError(store, action.type, error instanceof Error ? error.message : String(error), { cause: error });
  }
}
