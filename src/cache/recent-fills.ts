/** How long a copy into a shared tier is remembered: well past any publish-to-delivery delay. */
const WINDOW_MS = 10_000;
/** At most this many remembered; the oldest go first (a burst of fills must not grow memory). */
const MAX_KEYS = 10_000;

/**
 * Keys this process recently copied from a lower tier into a shared tier (Redis). If another
 * process invalidates such a key, its message can arrive after the copy was made from a value read
 * before the invalidation: the copy must then be removed from the shared tier too, not only from
 * this process's memory.
 */
export class RecentFills {
  private readonly filled = new Map<string, number>();

  public constructor(private readonly now: () => number) {}

  public record(key: string): void {
    this.filled.delete(key);
    this.filled.set(key, this.now());
    if (this.filled.size > MAX_KEYS) {
      const oldest = this.filled.keys().next().value as string;
      this.filled.delete(oldest);
    }
  }

  /** The keys among `keys` copied within the window; they are forgotten. */
  public take(keys: Iterable<string>): string[] {
    const since = this.now() - WINDOW_MS;
    const found: string[] = [];
    for (const key of keys) {
      const at = this.filled.get(key);
      if (at === undefined) continue;
      this.filled.delete(key);
      if (at >= since) found.push(key);
    }
    return found;
  }

  /** Like `take`, for every remembered key under the prefix (a namespace another process cleared). */
  public takePrefix(prefix: string): string[] {
    return this.take([...this.filled.keys()].filter((key) => key.startsWith(prefix)));
  }
}
