/**
 * Counts calls in a sliding one-minute window. A sliding window (not a fixed minute) so a plugin
 * cannot spend two budgets back to back across a minute boundary.
 */
export class ApiBudget {
  private readonly calls: number[] = [];

  public constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Spends one call if the window has room; false when the budget is exhausted. */
  public take(): boolean {
    const time = this.now();
    while (this.calls.length > 0 && (this.calls[0] as number) <= time - 60_000) this.calls.shift();
    if (this.calls.length >= this.perMinute) return false;
    this.calls.push(time);
    return true;
  }
}
