import { applyPatches, enableMapSet, enablePatches, produceWithPatches, type Draft, type Patch } from 'immer';

enablePatches();
enableMapSet();

// immer's overloads cannot see that a generic S is draftable; these are the signatures it has at run time.
export const produceState = produceWithPatches as unknown as <S>(base: S, recipe: (draft: Draft<S>) => void | S) => [S, Patch[], Patch[]];
export const patchValue = applyPatches as unknown as <T>(base: T, patches: readonly Patch[]) => T;

/** Patches applied to a state, with the normalised patches and their inverse. */
export interface PatchedState<S> {
  readonly state: S;
  readonly patches: Patch[];
  readonly inversePatches: Patch[];
}

/** Applies patches inside a draft so the result comes with its own forward and inverse patches. */
export function patchState<S>(state: S, patches: readonly Patch[]): PatchedState<S> {
  // A root `replace` (from a restore) makes applyPatches return a new value instead of editing the draft.
  const [next, forward, inverse] = produceState(state, (draft) => patchValue(draft, patches) as S);
  return { state: next, patches: forward, inversePatches: inverse };
}
