import type { Patch } from 'immer';
import type { StateAction } from './action';
import { patchValue, type PatchedState } from './patch-state';

/** A change kept while an optimistic change before (or at) it may still be rolled back. */
export interface JournalEntry<A extends StateAction> {
  /** Unique per store and never reused (unlike versions, which a restore can move back). */
  readonly id: number;
  /** Replayed through its reducer on rollback; changes without one replay their patches. */
  readonly action: A | undefined;
  readonly patches: readonly Patch[];
  readonly inversePatches: readonly Patch[];
  /** An optimistic change still waiting for its confirmation. */
  readonly pending: boolean;
}

/**
 * The changes since the oldest unconfirmed optimistic change. Rolling one back needs every later
 * change too: they are undone, the failed one is left out, and they are replayed on top (actions
 * through their reducers, so `count += 1` stays an increment rather than a stale absolute value).
 * With nothing pending the journal is empty and costs nothing.
 */
export class OptimisticJournal<A extends StateAction> {
  private entries: JournalEntry<A>[] = [];

  public get size(): number {
    return this.entries.length;
  }

  /** Records a change if it is optimistic or an optimistic change is pending before it. */
  public observe(entry: JournalEntry<A>): void {
    if (entry.pending || this.entries.length > 0) this.entries.push(entry);
  }

  /** Marks a change confirmed and forgets the confirmed prefix. */
  public confirm(id: number): void {
    this.entries = this.entries.map((entry) => (entry.id === id ? { ...entry, pending: false } : entry));
    this.trim();
  }

  /** The entries from the given change on (the change first), or `undefined` if it is not held. */
  public from(id: number): readonly JournalEntry<A>[] | undefined {
    const index = this.entries.findIndex((entry) => entry.id === id);
    return index < 0 ? undefined : this.entries.slice(index);
  }

  /** Replaces the entries from `id` on with `replayed` (the rolled-back change gone). */
  public replaceFrom(id: number, replayed: readonly JournalEntry<A>[]): void {
    const index = this.entries.findIndex((entry) => entry.id === id);
    if (index < 0) return;
    this.entries.splice(index, this.entries.length - index, ...replayed);
    this.trim();
  }

  /** After a restore the old changes no longer describe the state: nothing can be replayed. */
  public clear(): void {
    this.entries = [];
  }

  private trim(): void {
    let start = 0;
    while (start < this.entries.length && this.entries[start]?.pending === false) start += 1;
    if (start > 0) this.entries.splice(0, start);
  }
}

/** The outcome of taking the first of a run of journal entries out. */
export interface Unwound<S, A extends StateAction> extends PatchedState<S> {
  /** The later entries, recomputed on the new base. */
  readonly replayed: readonly JournalEntry<A>[];
  /** Actions of later entries that no longer applied. */
  readonly dropped: readonly StateAction[];
}

/**
 * Takes `held[0]` out of `state`: undoes every held entry (newest first), then replays the later
 * ones with `replay`. The patches are that whole walk, so one change takes a replica along too.
 */
export function withoutFirst<S, A extends StateAction>(
  state: S,
  held: readonly JournalEntry<A>[],
  replay: (base: S, entry: JournalEntry<A>) => PatchedState<S>,
): Unwound<S, A> {
  const undo: Patch[] = [];
  let current = state;
  for (let i = held.length - 1; i >= 0; i -= 1) {
    const entry = held[i] as JournalEntry<A>;
    undo.push(...entry.inversePatches);
    current = patchValue(current, entry.inversePatches);
  }
  const replayed: JournalEntry<A>[] = [];
  const dropped: StateAction[] = [];
  const redo: Patch[] = [];
  for (const entry of held.slice(1)) {
    try {
      const next = replay(current, entry);
      current = next.state;
      redo.push(...next.patches);
      replayed.push({ ...entry, patches: next.patches, inversePatches: next.inversePatches });
    } catch {
      // A later change that only made sense with the removed one (or no longer passes validation) goes too.
      if (entry.action !== undefined) dropped.push(entry.action);
    }
  }
  const inversePatches = [...[...replayed].reverse().flatMap((entry) => entry.inversePatches), ...held.flatMap((entry) => entry.patches)];
  return { state: current, patches: [...undo, ...redo], inversePatches, replayed, dropped };
}
