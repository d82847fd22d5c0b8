import type { ByteCacheTier, HotKeyStore, TierEntry } from '../../src/cache/tier';

/**
 * A byte tier over a Map, standing in for a remote tier in unit tests of the Cache's own logic.
 * `down = true` makes every call fail the way a lost connection does.
 */
export class MapByteTier implements ByteCacheTier, HotKeyStore {
  public readonly encoding = 'bytes';
  public readonly shared = true;
  public down = false;
  public readonly entries: Map<string, TierEntry<Buffer>>;
  public readonly hits = new Map<string, number>();
  public calls = 0;

  public constructor(
    public readonly name = 'remote',
    entries?: Map<string, TierEntry<Buffer>>,
  ) {
    this.entries = entries ?? new Map();
  }

  public async get(key: string): Promise<TierEntry<Buffer> | undefined> {
    this.check();
    return this.entries.get(key);
  }

  public async set(key: string, entry: TierEntry<Buffer>): Promise<void> {
    this.check();
    this.entries.set(key, entry);
  }

  public async delete(keys: readonly string[]): Promise<void> {
    this.check();
    for (const key of keys) this.entries.delete(key);
  }

  public async keysWithTag(tags: readonly string[]): Promise<string[]> {
    this.check();
    return [...this.entries].filter(([, entry]) => entry.tags.some((tag) => tags.includes(tag))).map(([key]) => key);
  }

  public async dependentsOf(keys: readonly string[]): Promise<string[]> {
    this.check();
    return [...this.entries].filter(([, entry]) => entry.dependsOn.some((key) => keys.includes(key))).map(([key]) => key);
  }

  public async clear(prefix: string): Promise<void> {
    this.check();
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  public async recordAccess(namespace: string, counts: ReadonlyMap<string, number>): Promise<void> {
    this.check();
    for (const [key, count] of counts) this.hits.set(key, (this.hits.get(key) ?? 0) + count);
  }

  public async hottestKeys(namespace: string, limit: number): Promise<string[]> {
    this.check();
    return [...this.hits]
      .filter(([key]) => key.startsWith(`${namespace}:`))
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([key]) => key);
  }

  public async close(): Promise<void> {}

  public value(key: string): unknown {
    const entry = this.entries.get(key);
    return entry === undefined ? undefined : JSON.parse(entry.value.toString('utf8'));
  }

  private check(): void {
    this.calls += 1;
    if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:1');
  }
}
