import { namespaceOf } from './cache-keys';

/**
 * Counts reads per key for predictive warming. Bounded: past `maxKeys` tracked keys every count is
 * halved and keys that fall to zero are dropped, which keeps recent popularity and forgets keys read
 * once long ago (the decay also makes old bursts fade).
 */
export class AccessTracker {
  private readonly counts = new Map<string, number>();
  /** Reads since the last `drain()`, per namespace, to add to a shared hot-key store. */
  private readonly unsaved = new Map<string, Map<string, number>>();

  public constructor(private readonly maxKeys: number) {}

  public record(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    const namespace = namespaceOf(key);
    let delta = this.unsaved.get(namespace);
    if (delta === undefined) {
      delta = new Map();
      this.unsaved.set(namespace, delta);
    }
    delta.set(key, (delta.get(key) ?? 0) + 1);
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

  /** Takes the counts gathered since the last call. */
  public drain(): Map<string, Map<string, number>> {
    const taken = new Map(this.unsaved);
    this.unsaved.clear();
    return taken;
  }

  private decay(): void {
    for (const [key, count] of this.counts) {
      const halved = Math.floor(count / 2);
      if (halved === 0) this.counts.delete(key);
      else this.counts.set(key, halved);
    }
    for (const delta of this.unsaved.values()) {
      for (const key of delta.keys()) if (!this.counts.has(key)) delta.delete(key);
    }
  }
}
