/**
 * Counts calls that are using the tiers, so that `close()` can wait for them to finish before it
 * closes the tiers under them (a write half done, a read about to fill memory).
 */
export class InFlight {
  private count = 0;
  private waiters: Array<() => void> = [];
  private readonly done = (): void => {
    this.count -= 1;
    if (this.count === 0) for (const wake of this.waiters.splice(0)) wake();
  };

  /** Tracks the work until it settles; returns it unchanged (its rejection stays the caller's). */
  public add<T>(work: Promise<T>): Promise<T> {
    this.count += 1;
    work.then(this.done, this.done);
    return work;
  }

  /** Resolves once nothing tracked is running. */
  public drain(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
