import type { Patch } from 'immer';
import type { StateAction } from './action';

/** A change kept while an optimistic change before (or at) it may still be rolled back. */
export interface JournalEntry<A extends StateAction> {
  /** The store version the change produced (unique per store). */
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
