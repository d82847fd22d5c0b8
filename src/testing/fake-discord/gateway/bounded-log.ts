/**
 * The newest `limit` entries of an append-only log. Trimming happens once the log doubles, so a
 * push stays amortised O(1) while a long-running fake (the CLI) keeps bounded memory.
 */
export class BoundedLog<T> {
  private items: T[] = [];

  public constructor(private readonly limit: number) {}

  public push(item: T): void {
    this.items.push(item);
    if (this.items.length >= this.limit * 2) this.items = this.items.slice(-this.limit);
  }

  /** The kept entries, oldest first. */
  public toArray(): T[] {
    return this.items.length > this.limit ? this.items.slice(-this.limit) : [...this.items];
  }
}
