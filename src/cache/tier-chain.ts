import { CacheCorruptEntryError, CacheSerializationError } from './cache-errors';
import type { CacheStats } from './cache-stats';
import { dependencyClosure } from './dependency-closure';
import type { InFlight } from './in-flight';
import type { ReadGuard } from './read-guard';
import type { ReadReporter } from './read-reporter';
import { RecentFills } from './recent-fills';
import type { CacheSerializer } from './serializer';
import type { TierEntry } from './tier';
import type { TierSlot } from './tier-slot';

/** Which tiers an operation touches: all of them, or only this process's own (for sync messages). */
export type TierScope = 'all' | 'local';

/**
 * The ordered tiers of one Cache and the data operations across them: read-through with fill,
 * write to every tier, removal, tag and dependency lookups. The Cache adds the API, loads, sync
 * and events on top.
 */
export class TierChain {
  private readonly local: readonly TierSlot[];
  private readonly shared: readonly TierSlot[];
  private readonly storesBytes: boolean;
  private readonly recentFills: RecentFills;

  public constructor(
    public readonly slots: readonly TierSlot[],
    private readonly serializer: CacheSerializer,
    private readonly statistics: CacheStats,
    private readonly reporter: ReadReporter,
    private readonly reads: ReadGuard,
    private readonly inFlight: InFlight,
    private readonly now: () => number,
    private readonly onCorrupt: (error: CacheCorruptEntryError) => void,
  ) {
    this.local = slots.filter((slot) => !slot.tier.shared);
    this.shared = slots.filter((slot) => slot.tier.shared);
    this.recentFills = new RecentFills(now);
    this.storesBytes = slots.some((slot) => slot.tier.encoding === 'bytes');
  }

  /**
   * The value from the first tier (at or after `from`) holding a live entry, copied into the tiers
   * above it. Only reads from the top (`from` 0) count in the namespace's hits and misses.
   */
  public read(namespace: string, stored: string, from: number): Promise<unknown> {
    const top = from === 0 ? this.readTop(namespace, stored) : from;
    // Memory hits skip the tier loop and its awaits (and the async function's own promise): they
    // are most reads.
    if (typeof top !== 'number') return Promise.resolve(top.value);
    return this.readBelow(namespace, stored, from, top);
  }

  /**
   * A read's first step, without awaiting: the live entry when the top tier has it synchronously
   * (counted as the namespace's hit), else the index of the tier to continue from with
   * {@link readBelow} (0 when the top tier cannot be read synchronously, 1 after its miss).
   */
  public readTop(namespace: string, stored: string): TierEntry<unknown> | number {
    const top = this.slots[0] as TierSlot;
    const quick = top.readSync(stored);
    if (quick === undefined) return 0;
    if (quick.status === 'hit' && this.live(quick.entry)) {
      this.reporter.hit(namespace, top.tier.name, stored, quick.entry);
      this.statistics.read(namespace, true);
      return quick.entry;
    }
    this.reporter.miss(namespace, top.tier.name, stored);
    return 1;
  }

  /** The rest of a read, from tier `start` down. Only reads from the top (`from` 0) count in the namespace's hits and misses. */
  public readBelow(namespace: string, stored: string, from: number, start: number): Promise<unknown> {
    // Unlike memory hits, this may use a tier that close() would shut under it.
    return this.inFlight.add(this.readFrom(namespace, stored, from, start, true));
  }

  /**
   * A read of the cache's own (warming): from tier `from` down and copied up like any read, but
   * counted nowhere, neither in the stats nor as `hit`/`miss` events, which are about the bot's reads.
   */
  public readUncounted(namespace: string, stored: string, from: number): Promise<unknown> {
    return this.inFlight.add(this.readFrom(namespace, stored, from, from, false));
  }

  private async readFrom(namespace: string, stored: string, from: number, start: number, counted: boolean): Promise<unknown> {
    const ticket = this.reads.begin(stored);
    try {
      for (let index = start; index < this.slots.length; index += 1) {
        const slot = this.slots[index] as TierSlot;
        const result = await slot.read(stored);
        if (result.status === 'skipped') continue;
        const decoded = result.status === 'hit' && this.live(result.entry) ? await this.decode(slot, stored, result.entry) : undefined;
        if (decoded === undefined || result.status !== 'hit') {
          if (counted) this.reporter.miss(namespace, slot.tier.name, stored);
          continue;
        }
        if (counted) this.reporter.hit(namespace, slot.tier.name, stored, result.entry);
        if (counted && from === 0) this.statistics.read(namespace, true);
        // Written or invalidated during this read: the value found may be the old one, do not spread it.
        if (index > 0 && this.reads.isFresh(ticket)) {
          await this.fill(index, stored, result.entry, decoded.value);
          // Changed while the copies were being written: they may have landed after the change.
          if (!this.reads.isFresh(ticket)) await Promise.all(this.slots.slice(0, index).map((upper) => upper.remove([stored])));
        }
        return decoded.value;
      }
      if (counted && from === 0) this.statistics.read(namespace, false);
      return undefined;
    } finally {
      this.reads.end(ticket);
    }
  }

  /**
   * The bytes byte tiers will store, computed once per write and before any tier is touched, so a
   * value that cannot be stored leaves every tier as it was.
   */
  public encode(stored: string, value: unknown): Buffer | undefined {
    if (!this.storesBytes) return undefined;
    let bytes: unknown;
    try {
      bytes = this.serializer.serialize(value);
    } catch (error) {
      if (error instanceof CacheSerializationError) throw new CacheSerializationError(stored, error.path, error.reason, { cause: error });
      throw new CacheSerializationError(stored, '$', `serializer "${this.serializer.name}" failed (${String(error)})`, { cause: error });
    }
    return this.asBuffer(bytes, stored);
  }

  /**
   * Byte tiers take Buffers. Many encoders return a plain Uint8Array, which is wrapped (no copy);
   * anything else is the serializer's bug, and must fail the write rather than reach a tier, which
   * would reject it and be taken for a tier outage.
   */
  private asBuffer(bytes: unknown, stored: string): Buffer {
    if (Buffer.isBuffer(bytes)) return bytes;
    if (bytes instanceof Uint8Array) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const got = bytes === null ? 'null' : Array.isArray(bytes) ? 'an array' : `a ${typeof bytes === 'object' ? (bytes.constructor?.name ?? 'object') : typeof bytes}`;
    throw new CacheSerializationError(stored, '$', `serializer "${this.serializer.name}" returned ${got} instead of a Buffer or Uint8Array`);
  }

  /** Writes to every tier: the live value to value tiers, `bytes` to byte tiers. */
  public async write(stored: string, entry: Omit<TierEntry<unknown>, 'value'>, value: unknown, bytes: Buffer | undefined): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.write(stored, { ...entry, value: slot.tier.encoding === 'bytes' ? bytes : value })));
  }

  public async remove(keys: Iterable<string>, scope: TierScope = 'all'): Promise<void> {
    const list = [...keys];
    if (list.length === 0) return;
    await Promise.all(this.scoped(scope).map((slot) => slot.remove(list)));
  }

  public async clear(prefix: string, scope: TierScope = 'all'): Promise<void> {
    await Promise.all(this.scoped(scope).map((slot) => slot.clear(prefix)));
  }

  /** Keys carrying any of the tags in any tier of the scope. */
  public async keysWithTag(tags: readonly string[], scope: TierScope = 'all'): Promise<Set<string>> {
    const keys = new Set<string>();
    if (tags.length === 0) return keys;
    for (const found of await Promise.all(this.scoped(scope).map((slot) => slot.keysWithTag(tags)))) {
      for (const key of found) keys.add(key);
    }
    return keys;
  }

  /** The roots and every key depending on them, transitively, as known to any tier of the scope. */
  public closure(roots: Iterable<string>, scope: TierScope = 'all'): Promise<Set<string>> {
    const slots = this.scoped(scope);
    return dependencyClosure(roots, async (keys) => {
      const found = new Set<string>();
      for (const list of await Promise.all(slots.map((slot) => slot.dependentsOf(keys)))) {
        for (const key of list) found.add(key);
      }
      return found;
    });
  }

  /** Names of the tiers private to this process (the ones sync messages reach). */
  public localTierNames(): string[] {
    return this.local.map((slot) => slot.tier.name);
  }

  public isDown(tier: string): boolean {
    return this.slots.find((slot) => slot.tier.name === tier)?.isDown ?? false;
  }

  /** Closes every tier (flushing write-behind first); returns the failures instead of stopping at one. */
  public async close(): Promise<unknown[]> {
    const failures: unknown[] = [];
    for (const slot of this.slots) {
      try {
        await slot.close();
      } catch (error) {
        failures.push(error);
      }
    }
    return failures;
  }

  private scoped(scope: TierScope): readonly TierSlot[] {
    return scope === 'all' ? this.slots : this.local;
  }

  private live(entry: TierEntry<unknown>): boolean {
    return entry.expiresAt === undefined || entry.expiresAt > this.now();
  }

  private async decode(slot: TierSlot, key: string, entry: TierEntry<unknown>): Promise<{ value: unknown } | undefined> {
    if (slot.tier.encoding === 'value') return { value: entry.value };
    try {
      return { value: this.serializer.deserialize(entry.value as Buffer) };
    } catch (cause) {
      this.onCorrupt(new CacheCorruptEntryError(key, slot.tier.name, { cause }));
      await slot.remove([key]);
      return undefined;
    }
  }

  private async fill(until: number, key: string, found: TierEntry<unknown>, value: unknown): Promise<void> {
    let bytes = Buffer.isBuffer(found.value) ? found.value : undefined;
    const writes: Array<Promise<void>> = [];
    for (const slot of this.slots.slice(0, until)) {
      if (slot.tier.encoding === 'value') {
        writes.push(slot.fill(key, { ...found, value }));
        continue;
      }
      try {
        bytes ??= this.asBuffer(this.serializer.serialize(value), key);
      } catch {
        // Only possible with a byte tier above a value tier that another writer filled: the value
        // is served, just not copied up.
        continue;
      }
      writes.push(slot.fill(key, { ...found, value: bytes }));
    }
    await Promise.all(writes);
    if (this.slots.slice(0, until).some((slot) => slot.tier.shared)) this.recentFills.record(key);
  }

  /**
   * Removes from the shared tiers the keys among `keys` (or under `prefixes`) that this process
   * copied into them lately.
   * Called for another process's invalidation: the copy may have been made from a value read before
   * it, and landed after its deletes.
   */
  public async removeRecentCopies(keys: Iterable<string>, prefixes: readonly string[] = []): Promise<void> {
    const copied = [...this.recentFills.take(keys), ...prefixes.flatMap((prefix) => this.recentFills.takePrefix(prefix))];
    if (copied.length === 0) return;
    await Promise.all(this.shared.map((slot) => slot.remove(copied)));
  }
}
