import type { CacheKeyRef } from './cache-keys';
import type { EvictionReason } from './lru';

/** Events a {@link Cache} emits; none is named `error`, so an unhandled one never crashes the bot. */
export interface CacheEvents {
  /**
   * A tier answered a read with a live entry. One event per tier asked, like the per-tier counts of
   * `stats()`: a Redis hit after a memory miss is a `miss` from `memory`, then a `hit` from `redis`.
   * Carries where the key lives (full key, namespace, the entry's tags), never the value. Built
   * only while a listener is attached, so an unobserved cache pays nothing for it.
   */
  hit: [event: CacheReadEvent & { readonly tags: readonly string[] }];
  /** A tier was asked for a key and had no live entry (absent, expired or undecodable). Tiers that are down are skipped, not missed. */
  miss: [event: CacheReadEvent];
  /** A tier failed and is skipped until it answers again; reads are served by the other tiers. */
  tierDown: [event: { readonly tier: string; readonly operation: string; readonly error: unknown }];
  /** A tier that was down answers again, after replaying the invalidations it missed. */
  tierUp: [event: { readonly tier: string }];
  /** A tier dropped an entry on its own (capacity, bytes, expiry). */
  evicted: [event: { readonly tier: string; readonly key: string; readonly namespace: string; readonly reason: EvictionReason }];
  /** Keys were invalidated here (`remote: false`) or by another instance through sync (`remote: true`). */
  invalidated: [event: { readonly keys: readonly string[]; readonly tags: readonly string[]; readonly remote: boolean }];
  /**
   * The sync channel delivers again after messages may have been lost (Redis restarted, or was down
   * at start), so these process-local tiers were cleared: they could hold values another process
   * changed meanwhile. Expect a burst of reads from the lower tiers.
   */
  resynced: [event: { readonly tiers: readonly string[] }];
  /** Work nobody awaits failed: a write-behind flush, a sync message, an event invalidation, warming. */
  backgroundError: [event: { readonly source: 'write-behind' | 'sync' | 'event' | 'warming' | 'decode'; readonly error: unknown }];
}

/** Where a read went: the tier that answered, the key's namespace and the full key (`namespace:key`). */
export interface CacheReadEvent {
  readonly tier: string;
  readonly namespace: string;
  readonly key: string;
}

/**
 * What to invalidate: one key, several keys, or keys and tags. Plain-string keys belong to the
 * namespace the call is made from.
 */
export type CacheInvalidation =
  | CacheKeyRef
  | readonly CacheKeyRef[]
  | { readonly keys?: readonly CacheKeyRef[]; readonly tags?: readonly string[] };

/**
 * Anything with `on`/`off`, like a Node `EventEmitter` or the OvenJS Client, so the cache can
 * invalidate on gateway events without importing the gateway.
 */
export interface CacheEventSource<E extends string | symbol, Args extends unknown[]> {
  on(event: E, listener: (...args: Args) => void): unknown;
  off(event: E, listener: (...args: Args) => void): unknown;
}

/** The event map of a typed Node `EventEmitter<Events>`: each event name to its argument list. */
export type TypedEventMap<M> = { [K in keyof M]: unknown[] };

/** Options of `set` and `getOrSet`. */
export interface CacheSetOptions {
  /** Milliseconds to live; defaults to the namespace's, then the Cache's, then no expiry. */
  readonly ttl?: number;
  /** Labels to invalidate the entry by (`invalidateTag('guild:123')`); they span namespaces. */
  readonly tags?: readonly string[];
  /** Keys whose invalidation (or overwrite) must invalidate this entry too. */
  readonly dependsOn?: readonly CacheKeyRef[];
}
