import type { EvictionReason } from './lru';

/**
 * One cached value as a tier stores it: the value (a live object in the memory tier, serialised
 * bytes in Redis and PostgreSQL), when it expires, its tags and the keys it depends on.
 */
export interface TierEntry<V> {
  readonly value: V;
  /** Epoch milliseconds; absent means the entry never expires. */
  readonly expiresAt?: number;
  readonly tags: readonly string[];
  /** Full keys (`namespace:key`) whose invalidation must also invalidate this entry. */
  readonly dependsOn: readonly string[];
}

/** What every tier does; keys are full keys (`namespace:key`). */
export interface CacheTierBase<V> {
  /** Shown in stats, events and errors; unique inside one Cache. */
  readonly name: string;
  /**
   * `false` for a tier private to this process (the memory tier): cross-instance sync
   * invalidates such tiers when another process changes a key.
   */
  readonly shared: boolean;
  get(key: string): Promise<TierEntry<V> | undefined>;
  set(key: string, entry: TierEntry<V>): Promise<void>;
  /**
   * Optional, for shared tiers: writes the entry only if the key holds no live entry. A value read
   * from a lower tier is copied up with this, so it never overwrites a newer value another process
   * wrote meanwhile; without it the copy is a plain `set`.
   */
  setIfAbsent?(key: string, entry: TierEntry<V>): Promise<void>;
  /** Optional: writes many entries in one round trip (used by write-behind flushes). */
  setMany?(entries: ReadonlyArray<readonly [string, TierEntry<V>]>): Promise<void>;
  /** Deletes the keys; keys that are absent are ignored. */
  delete(keys: readonly string[]): Promise<void>;
  /** Keys currently carrying any of the tags. */
  keysWithTag(tags: readonly string[]): Promise<string[]>;
  /** Keys whose `dependsOn` names any of the keys. */
  dependentsOf(keys: readonly string[]): Promise<string[]>;
  /** Deletes every key starting with the prefix (a namespace is `name:`). */
  clear(prefix: string): Promise<void>;
  /** Releases connections and timers; the tier is unusable afterwards. */
  close(): Promise<void>;
  /** Optional: lets the Cache count and report entries the tier dropped on its own. */
  onEviction?(listener: (key: string, reason: EvictionReason) => void): void;
}

/** A tier holding live values (no serialisation), like {@link MemoryTier}. */
export interface ValueCacheTier extends CacheTierBase<unknown> {
  readonly encoding: 'value';
  /** Optional synchronous read, which spares a memory hit the cost of awaiting a promise. */
  getSync?(key: string): TierEntry<unknown> | undefined;
}

/** A tier holding bytes from the Cache's serializer, like `RedisTier` and `PostgresTier`. */
export interface ByteCacheTier extends CacheTierBase<Buffer> {
  readonly encoding: 'bytes';
}

/**
 * A storage layer of a {@link Cache}. Implement `ValueCacheTier` or `ByteCacheTier` to plug in
 * another store; the Cache handles serialisation, read-through, tags and cascades around it.
 */
export type CacheTier = ValueCacheTier | ByteCacheTier;

/** Optional: tiers that can remember access counts across restarts, for predictive warming. */
export interface HotKeyStore {
  recordAccess(namespace: string, counts: ReadonlyMap<string, number>): Promise<void>;
  hottestKeys(namespace: string, limit: number): Promise<string[]>;
}

export function isHotKeyStore(tier: CacheTier): tier is CacheTier & HotKeyStore {
  const candidate = tier as Partial<HotKeyStore>;
  return typeof candidate.recordAccess === 'function' && typeof candidate.hottestKeys === 'function';
}

/** Writes an entry whose value the caller already encoded for this tier's `encoding`. */
export function writeToTier(tier: CacheTier, key: string, entry: TierEntry<unknown>): Promise<void> {
  if (tier.encoding === 'value') return tier.set(key, entry);
  const value = entry.value;
  if (!Buffer.isBuffer(value)) {
    return Promise.reject(new TypeError(`Tier "${tier.name}" stores bytes but was given an unserialised value for "${key}"`));
  }
  return tier.set(key, { ...entry, value });
}

/**
 * Copies an entry read from a lower tier into this one: for a shared tier with `setIfAbsent`, only
 * where it holds nothing (another process may have written a newer value since the read).
 */
export function fillTier(tier: CacheTier, key: string, entry: TierEntry<unknown>): Promise<void> {
  if (!tier.shared || tier.setIfAbsent === undefined) return writeToTier(tier, key, entry);
  if (tier.encoding === 'value') return tier.setIfAbsent(key, entry);
  const value = entry.value;
  if (!Buffer.isBuffer(value)) {
    return Promise.reject(new TypeError(`Tier "${tier.name}" stores bytes but was given an unserialised value for "${key}"`));
  }
  return tier.setIfAbsent(key, { ...entry, value });
}

/**
 * Writes entries encoded for this tier, in one `setMany` call when the tier has it, else one `set`
 * per entry in parallel.
 */
export async function writeManyToTier(tier: CacheTier, entries: ReadonlyArray<readonly [string, TierEntry<unknown>]>): Promise<void> {
  if (tier.encoding === 'value') {
    if (tier.setMany !== undefined) await tier.setMany(entries);
    else await Promise.all(entries.map(([key, entry]) => tier.set(key, entry)));
    return;
  }
  const encoded = entries.map(([key, entry]): [string, TierEntry<Buffer>] => {
    const value = entry.value;
    if (!Buffer.isBuffer(value)) throw new TypeError(`Tier "${tier.name}" stores bytes but was given an unserialised value for "${key}"`);
    return [key, { ...entry, value }];
  });
  if (tier.setMany !== undefined) await tier.setMany(encoded);
  else await Promise.all(encoded.map(([key, entry]) => tier.set(key, entry)));
}
