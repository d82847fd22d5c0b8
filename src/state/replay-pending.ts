import type { Patch } from 'immer';
import type { StateAction } from './action';
import { patchState } from './patch-state';
import type { Store } from './store';

/** A local change sync has not seen accepted by the transport yet. */
export interface PendingChange<A extends StateAction> {
  /** Unique per change: how sync recognises it in the shared log. */
  readonly id: string;
  /** Replayed through its reducer on a new base; changes without one replay their patches. */
  readonly action: A | undefined;
  readonly patches: readonly Patch[];
  readonly inversePatches: readonly Patch[];
}

/** Local changes recomputed on top of a newer shared state. */
export interface ReplayedChanges<S, A extends StateAction> {
  /** The new base with every kept change applied. */
  readonly state: S;
  /** The changes that still apply, with their patches recomputed on the new base. */
  readonly kept: PendingChange<A>[];
  /** Actions whose reducer now throws or whose result `validate` refuses. */
  readonly dropped: StateAction[];
}

/**
 * Replays pending local changes on `base` (another instance's newer state), in order: actions
 * through their reducers, so an increment stays an increment. Changes in `skip` (the log already
 * holds them) and changes that now do nothing are left out.
 */
export function replayPending<S, A extends StateAction>(
  store: Store<S, A>,
  base: S,
  pending: readonly PendingChange<A>[],
  skip: ReadonlySet<string>,
): ReplayedChanges<S, A> {
  let state = base;
  const kept: PendingChange<A>[] = [];
  const dropped: StateAction[] = [];
  for (const change of pending) {
    if (skip.has(change.id)) continue;
    try {
      const next = change.action !== undefined ? store.reduce(state, change.action) : patchState(state, change.patches);
      if (next.patches.length === 0) continue;
      state = next.state;
      kept.push({ ...change, patches: next.patches, inversePatches: next.inversePatches });
    } catch {
      if (change.action !== undefined) dropped.push(change.action);
    }
  }
  return { state, kept, dropped };
}
