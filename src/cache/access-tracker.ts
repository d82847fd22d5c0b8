import { namespaceOf } from './cache-keys';

/**
 * Counts reads per key for predictive warming. Bounded: past `maxKeys` tracked keys every count is
 * halved (repeatedly, down to half the budget) and keys that fall to zero are dropped, which keeps
 * recent popularity and forgets keys read rarely (the decay also makes old bursts fade).
 */
export class AccessTracker {
  private readonly counts = new Map<string, number>();
  /** Reads since the last `drain()`, to add to a shared hot-key store. */
  private unsaved = new Map<string, number>();

  /** xorshift32 state: sampling by a counter would follow round-robin access patterns (with four
   * keys read in turn and `sampleEvery` 4, only one would ever be counted). */
  private random = 0x9e3779b9;
  private readonly threshold: number;

  /**
   * @param maxKeys - keys tracked at most
   * @param sampleEvery - counts one read in this many on average (pseudo-randomly); ranking needs
   *   proportions, not exact counts, and sampling keeps the bookkeeping off most memory hits
   * @param keepUnsaved - whether to gather counts for `drain()` (only when a hot-key store exists)
   */
  public constructor(
    private readonly maxKeys: number,
    private readonly sampleEvery = 1,
    private readonly keepUnsaved = true,
  ) {
    this.threshold = 2 ** 32 / sampleEvery;
  }

  public record(key: string): void {
    if (this.sampleEvery > 1) {
      let x = this.random;
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      this.random = x >>> 0;
      if (this.random >= this.threshold) return;
    }
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    if (this.keepUnsaved) this.unsaved.set(key, (this.unsaved.get(key) ?? 0) + 1);
    if (this.counts.size > this.maxKeys) this.decay();
  }

  /** The most read keys of a namespace, most read first. */
  public hottest(namespace: string, limit: number): string[] {
    const prefix = `${namespace}:`;
    return [...this.counts]
      .filter(([key]) => key.startsWith(prefix))
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([key]) => key);
  }

  /** Takes the counts gathered since the last call, grouped by namespace. */
  public drain(): Map<string, Map<string, number>> {
    const byNamespace = new Map<string, Map<string, number>>();
    for (const [key, count] of this.unsaved) {
      const namespace = namespaceOf(key);
      let counts = byNamespace.get(namespace);
      if (counts === undefined) {
        counts = new Map();
        byNamespace.set(namespace, counts);
      }
      counts.set(key, count);
    }
    this.unsaved = new Map();
    return byNamespace;
  }

  private decay(): void {
    // Halve until at most half the budget is used, so the next decay is maxKeys / 2 reads away and
    // the cost per read stays constant even when every key is read often.
    while (this.counts.size > this.maxKeys / 2) {
      for (const [key, count] of this.counts) {
        const halved = Math.floor(count / 2);
        if (halved === 0) this.counts.delete(key);
        else this.counts.set(key, halved);
      }
    }
    for (const key of this.unsaved.keys()) if (!this.counts.has(key)) this.unsaved.delete(key);
  }
}
