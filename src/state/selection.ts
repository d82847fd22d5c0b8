/** How two selected values are compared; `Object.is` unless given. */
export type Equality<T> = (a: T, b: T) => boolean;

/**
 * A memoised view of part of a store's state. `get()` recomputes only when the state object
 * changed; listeners are called only when the selected value changed (by `equals`), so a
 * component watching one guild's settings is not woken by another guild's change.
 *
 * @example
 * ```ts
 * const prefix = store.select((state) => state.guilds['1']?.prefix ?? '!');
 * const stop = prefix.subscribe((next, previous) => console.log(`prefix ${previous} -> ${next}`));
 * ```
 */
export class Selection<S, T> {
  private lastState: S;
  private lastValue: T;
  private readonly listeners = new Set<(value: T, previous: T) => void>();
  private detach: (() => void) | undefined;

  public constructor(
    private readonly getState: () => S,
    private readonly selector: (state: S) => T,
    private readonly equals: Equality<T>,
    private readonly watch: (onChange: () => void) => () => void,
  ) {
    this.lastState = getState();
    this.lastValue = selector(this.lastState);
  }

  /** The selected value for the current state. */
  public get(): T {
    const state = this.getState();
    if (state !== this.lastState) {
      this.lastState = state;
      const value = this.selector(state);
      // Keep the old reference when equal, so consumers comparing by identity see no change.
      if (!this.equals(this.lastValue, value)) this.lastValue = value;
    }
    return this.lastValue;
  }

  /** Calls `listener(value, previous)` whenever the selected value changes; returns an unsubscribe function. */
  public subscribe(listener: (value: T, previous: T) => void): () => void {
    this.listeners.add(listener);
    if (this.detach === undefined) {
      this.get();
      this.detach = this.watch(() => this.check());
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.detach?.();
        this.detach = undefined;
      }
    };
  }

  private check(): void {
    const previous = this.lastValue;
    const value = this.get();
    if (value === previous) return;
    for (const listener of [...this.listeners]) listener(value, previous);
  }
}
