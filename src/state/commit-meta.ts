import type { StateAction } from './action';
import type { StateChange, StateChangeKind } from './state-change';

/** What a store commit records besides the states and patches: why, by whom, at which version. */
export interface CommitMeta<A extends StateAction> {
  readonly kind: StateChangeKind;
  readonly action?: A;
  readonly label: string;
  /** Another store or instance that made the change; the committing store's id otherwise. */
  readonly origin?: string;
  /** The version to take (a restore, a delta); the next one otherwise. */
  readonly version?: number;
  /** An optimistic change waiting for its confirmation. */
  readonly pending?: boolean;
}

// Undo, redo and jumps move along the history; deltas and remote changes are not this store's steps.
const STEPS: ReadonlySet<StateChangeKind> = new Set(['dispatch', 'restore', 'rollback']);

/** Whether a change of this kind becomes a step of the store's undo history. */
export function isHistoryStep(kind: StateChangeKind): boolean {
  return STEPS.has(kind);
}

/** The change subscribers see, with the delta other stores can apply. */
export function changeOf<S, A extends StateAction>(
  meta: CommitMeta<A>,
  at: Pick<StateChange<S, A>, 'previous' | 'state' | 'patches' | 'inversePatches' | 'baseVersion' | 'version' | 'origin'>,
): StateChange<S, A> {
  const { previous, state, patches, inversePatches, baseVersion, version, origin } = at;
  return {
    kind: meta.kind,
    version,
    baseVersion,
    action: meta.action,
    label: meta.label,
    patches,
    inversePatches,
    origin,
    previous,
    state,
    delta: { version, baseVersion, patches, origin },
  };
}
