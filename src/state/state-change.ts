import type { Patch } from 'immer';
import type { StateAction } from './action';
import type { StateDelta } from './delta';

/** Why the state changed. */
export type StateChangeKind = 'dispatch' | 'undo' | 'redo' | 'jump' | 'restore' | 'delta' | 'rollback' | 'remote';

/**
 * One change of a store's state, as subscribers see it: the immer patches that turn `previous`
 * into `state`, their inverse, and the delta other stores can apply.
 */
export interface StateChange<S, A extends StateAction = StateAction> {
  readonly kind: StateChangeKind;
  /** The store's version after the change. */
  readonly version: number;
  /** The version the patches apply to. */
  readonly baseVersion: number;
  /** The dispatched action, for `dispatch` changes. */
  readonly action: A | undefined;
  /** The history label: the action type unless `dispatch(action, { label })` gave one. */
  readonly label: string;
  readonly patches: readonly Patch[];
  readonly inversePatches: readonly Patch[];
  /** The id of the store (or remote instance) that made the change. */
  readonly origin: string;
  readonly previous: S;
  readonly state: S;
  /** The change as a delta for another store's `applyDelta`. */
  readonly delta: StateDelta;
}

/** Events a store emits (`store.on(...)`); none is named `error`, so none can crash the bot unheard. */
export interface StoreEvents<S, A extends StateAction> {
  /** Every change, local or remote (the same objects `subscribe` gets). */
  change: [change: StateChange<S, A>];
  /** A middleware refused an action. */
  vetoed: [event: { readonly action: A; readonly reason: string }];
  /** An optimistic action's confirmation resolved: it stays. */
  confirmed: [event: { readonly action: A; readonly version: number }];
  /**
   * An optimistic action's confirmation rejected: that action was taken out, the actions made
   * since were replayed on top (`dropped` lists those that no longer applied).
   */
  rollback: [
    event: {
      readonly action: A;
      readonly reason: unknown;
      readonly change: StateChange<S, A> | undefined;
      readonly dropped: readonly StateAction[];
    },
  ];
  /** A subscriber or event listener threw; the store carried on. */
  listenerError: [event: { readonly error: unknown; readonly event: string }];
}
