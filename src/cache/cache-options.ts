import { CacheInvalidOptionError } from './cache-errors';
import type { CacheSync } from './cache-sync';
import { requirePositive } from './require-positive';
import type { CacheSerializer } from './serializer';
import type { CacheTier } from './tier';
import { TierSlot, type SlotReport, type WriteMode } from './tier-slot';

/** A tier with its write mode; a bare tier is write-through. */
export interface CacheTierConfig {
  readonly tier: CacheTier;
  /** @defaultValue 'through' */
  readonly write?: WriteMode;
}

/** Options of a {@link Cache}. */
export interface CacheOptions {
  /** Fastest first: `[memory, redis, postgres]`. The Cache owns them and closes them on `close()`. */
  readonly tiers: ReadonlyArray<CacheTier | CacheTierConfig>;
  /** Encodes values for byte tiers (Redis, PostgreSQL). @defaultValue new JsonSerializer() */
  readonly serializer?: CacheSerializer;
  /** Milliseconds to live of entries set without a `ttl` in a namespace without one. @defaultValue no expiry */
  readonly ttl?: number;
  /** Tells other processes which keys changed, so their memory tiers drop them (see `RedisSync`). */
  readonly sync?: CacheSync;
  /** How long a failed tier is skipped before it is tried again. @defaultValue 5000 */
  readonly tierRetryDelay?: number;
  /** Write-behind batching. @defaultValue flush every 100 ms or at 1000 pending keys */
  readonly writeBehind?: { readonly flushInterval?: number; readonly maxPending?: number };
  /** Invalidations remembered for a down tier before recovery clears it instead. @defaultValue 10_000 */
  readonly maxPendingInvalidations?: number;
  /**
   * Access counting for warming: keys tracked, one read counted in `sampleEvery`, and how often
   * counts are saved to tiers that remember them (`RedisTier`).
   * @defaultValue 10_000 tracked keys, every 4th read counted, saved every 30 s
   */
  readonly warming?: { readonly maxTrackedKeys?: number; readonly sampleEvery?: number; readonly persistInterval?: number };
  /** Clock in epoch milliseconds. @defaultValue Date.now */
  readonly now?: () => number;
}

/** One slot per configured tier, in order; throws on an empty list or two tiers of one name. */
export function createSlots(options: CacheOptions, now: () => number, report: (report: SlotReport) => void): TierSlot[] {
  if (!Array.isArray(options.tiers) || options.tiers.length === 0) {
    throw new CacheInvalidOptionError('tiers', options.tiers, 'a non-empty array of tiers, fastest first');
  }
  const names = new Set<string>();
  return options.tiers.map((item) => {
    const config: CacheTierConfig = 'tier' in item ? item : { tier: item };
    if (names.has(config.tier.name)) {
      throw new CacheInvalidOptionError('tiers', config.tier.name, 'tiers with distinct names (pass `name` to one of them)');
    }
    names.add(config.tier.name);
    return new TierSlot(config.tier, {
      mode: config.write ?? 'through',
      retryDelay: requirePositive('tierRetryDelay', options.tierRetryDelay ?? 5_000),
      flushInterval: requirePositive('writeBehind.flushInterval', options.writeBehind?.flushInterval ?? 100),
      maxWriteBehind: requirePositive('writeBehind.maxPending', options.writeBehind?.maxPending ?? 1_000),
      maxPendingInvalidations: requirePositive('maxPendingInvalidations', options.maxPendingInvalidations ?? 10_000),
      now,
      report,
    });
  });
}
