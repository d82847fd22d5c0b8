import type { Patch } from 'immer';
import type { ReducersFor, StateAction } from './action';
import type { StateMiddleware } from './middleware';
import type { StateChange } from './state-change';

/** Options of {@link Store} (and {@link createStore}). */
export interface StoreOptions<S, A extends StateAction> {
  /** The first state. It is frozen in place (deeply): keep no mutable reference to it. */
  readonly initial: S;
  readonly reducers: ReducersFor<S, A>;
  /** Names the store in errors, logs and snapshots. @defaultValue 'store' */
  readonly name?: string;
  /** How many undo steps to keep; 0 turns history off. @defaultValue 100 */
  readonly historyLimit?: number;
  /** Stages around every dispatch, first to last (validation, logging). */
  readonly middleware?: readonly StateMiddleware<S, A>[];
  /**
   * An invariant checked after every reducer and restore: return a description of what is wrong
   * to refuse the change (`StateInvalidStateError`), or `undefined`.
   */
  readonly validate?: (state: S) => string | undefined;
  /** This store's id as the `origin` of its changes. @defaultValue a random UUID */
  readonly id?: string;
}

/** What `dispatch` accepts besides the action. */
export interface DispatchOptions {
  /** The history label of this change. @defaultValue the action type */
  readonly label?: string;
}

/** The result of running a reducer without committing it (see {@link Store.reduce}). */
export interface Reduction<S> {
  readonly state: S;
  readonly patches: Patch[];
  readonly inversePatches: Patch[];
}

/** What {@link Store.optimistic} returns. */
export interface OptimisticUpdate<S, A extends StateAction> {
  /** The change applied at once (`undefined` if the action changed nothing). */
  readonly change: StateChange<S, A> | undefined;
  /** Resolves `'confirmed'` or `'rolledBack'` once the confirmation settles; never rejects. */
  readonly settled: Promise<'confirmed' | 'rolledBack'>;
}
