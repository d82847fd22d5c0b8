import type { Patch } from 'immer';
import type { StateChange } from './state-change';
import { StateHistoryRangeError } from './state-errors';

/** One undoable step. */
export interface HistoryEntry {
  /** Its position: `jumpTo(index)` goes to the state right after this step. */
  readonly index: number;
  readonly label: string;
  /** The store version the step produced. */
  readonly version: number;
}

interface Step {
  readonly label: string;
  readonly version: number;
  readonly patches: readonly Patch[];
  readonly inversePatches: readonly Patch[];
}

/** How history applies a step to its store (kept apart so history needs no store internals). */
export type HistoryApply = (patches: readonly Patch[], kind: 'undo' | 'redo' | 'jump', label: string) => void;

/**
 * A store's bounded undo/redo stack, kept as immer patches (not copies of the state). Position 0
 * is the oldest state still reachable; each later position is the state after one step.
 * Undo, redo and jumps are changes themselves (new versions, sent as deltas), but are not steps.
 *
 * @example
 * ```ts
 * store.dispatch({ type: 'guild/setPrefix', guildId, prefix: '?' }, { label: 'prefix ?' });
 * store.history.undo();
 * store.history.jumpTo('prefix ?');
 * ```
 */
export class StateHistory {
  private steps: Step[] = [];
  private cursor = 0;

  public constructor(
    private readonly store: string,
    /** How many steps are kept; older ones fall off. 0 turns history off. */
    public readonly limit: number,
    private readonly apply: HistoryApply,
  ) {}

  /** The current position (0 to `entries.length`). */
  public get position(): number {
    return this.cursor;
  }

  public get canUndo(): boolean {
    return this.cursor > 0;
  }

  public get canRedo(): boolean {
    return this.cursor < this.steps.length;
  }

  /** The steps held, oldest first (positions 1 to n). */
  public get entries(): readonly HistoryEntry[] {
    return this.steps.map((step, offset) => ({ index: offset + 1, label: step.label, version: step.version }));
  }

  /** Steps back one; returns false when there is nothing to undo. */
  public undo(): boolean {
    const step = this.steps[this.cursor - 1];
    if (step === undefined) return false;
    this.move(this.cursor - 1, () => this.apply(step.inversePatches, 'undo', step.label));
    return true;
  }

  /** Steps forward one; returns false when there is nothing to redo. */
  public redo(): boolean {
    const step = this.steps[this.cursor];
    if (step === undefined) return false;
    this.move(this.cursor + 1, () => this.apply(step.patches, 'redo', step.label));
    return true;
  }

  /**
   * Travels to a position (0 = oldest reachable state) or to the latest step with a label, as one
   * change. Throws `StateHistoryRangeError` for a position or label the history does not hold.
   */
  public jumpTo(target: number | string): void {
    const index = typeof target === 'string' ? this.lastIndexOf(target) : target;
    if (!Number.isInteger(index) || index < 0 || index > this.steps.length) {
      throw new StateHistoryRangeError(this.store, target, this.steps.length);
    }
    if (index === this.cursor) return;
    const patches: Patch[] = [];
    if (index < this.cursor) {
      for (let i = this.cursor - 1; i >= index; i -= 1) patches.push(...(this.steps[i]?.inversePatches ?? []));
    } else {
      for (let i = this.cursor; i < index; i += 1) patches.push(...(this.steps[i]?.patches ?? []));
    }
    const label = index === 0 ? 'start' : (this.steps[index - 1]?.label ?? 'start');
    this.move(index, () => this.apply(patches, 'jump', label));
  }

  /** Forgets every step (the current state stays). */
  public clear(): void {
    this.steps = [];
    this.cursor = 0;
  }

  /** Adds a step after the current position, dropping the redo branch and the oldest step past `limit`. */
  public record(change: StateChange<unknown>): void {
    if (this.limit === 0) return;
    this.steps.length = this.cursor;
    this.steps.push({ label: change.label, version: change.version, patches: change.patches, inversePatches: change.inversePatches });
    if (this.steps.length > this.limit) this.steps.splice(0, this.steps.length - this.limit);
    this.cursor = this.steps.length;
  }

  /** Moves the cursor first (listeners of the change see the new position), back if applying failed. */
  private move(to: number, apply: () => void): void {
    const from = this.cursor;
    this.cursor = to;
    try {
      apply();
    } catch (error) {
      this.cursor = from;
      throw error;
    }
  }

  private lastIndexOf(label: string): number {
    for (let i = this.steps.length - 1; i >= 0; i -= 1) if (this.steps[i]?.label === label) return i + 1;
    return -1;
  }
}
