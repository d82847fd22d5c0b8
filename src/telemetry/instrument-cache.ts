import type { Cache, CacheEvents, CacheStatsSnapshot } from '../cache';
import { counter } from './signals';
import { checkTarget, checkTelemetryOptions, type TelemetryOptions } from './telemetry-options';
import { TelemetryOptionError } from './telemetry-error';

/** Names of the metrics `instrumentCache` records. */
export const CACHE_METRICS = {
  hits: 'ovenjs.cache.hits',
  misses: 'ovenjs.cache.misses',
  evictions: 'ovenjs.cache.evictions',
  tierDown: 'ovenjs.cache.tier_down',
} as const;

/** Options of {@link instrumentCache}. */
export interface CacheTelemetryOptions extends TelemetryOptions {
  /** How often hit and miss counts are read from `cache.stats()`. @defaultValue 10000 */
  readonly intervalMs?: number;
}

type Counts = Map<string, { hits: number; misses: number }>;

function countsOf(stats: CacheStatsSnapshot): Counts {
  const counts: Counts = new Map();
  for (const [namespace, entry] of Object.entries(stats.namespaces)) {
    for (const [tier, tierCounts] of Object.entries(entry.tiers)) {
      counts.set(JSON.stringify([namespace, tier]), { hits: tierCounts.hits, misses: tierCounts.misses });
    }
  }
  return counts;
}

/**
 * Measures a `Cache`: hits and misses by tier and namespace (`cache.tier`, `cache.namespace`),
 * evictions by reason, and tier outages. The cache reports reads only as running totals
 * (`cache.stats()`), not as events, so hits and misses are read every `intervalMs` (an
 * `unref()`ed timer) and added as the difference since the last read; detaching reads once more,
 * so nothing counted before it is lost. Evictions and outages come from the cache's events as
 * they happen. Metrics only: a cache read is too small for a span of its own.
 *
 * @example
 * ```ts
 * const detach = instrumentCache(cache, { meter: metrics.getMeter('my-bot'), intervalMs: 5_000 });
 * ```
 */
export function instrumentCache(cache: Cache, options: CacheTelemetryOptions): () => void {
  const where = 'instrumentCache';
  checkTarget(cache, where, 'a Cache', ['stats', 'on', 'off']);
  const { meter } = checkTelemetryOptions(options, where);
  const intervalMs = options.intervalMs ?? 10_000;
  if (typeof intervalMs !== 'number' || !Number.isFinite(intervalMs) || intervalMs <= 0) {
    throw new TelemetryOptionError(
      'OVEN_ERR_TELEMETRY_INVALID_OPTIONS',
      `${where}: intervalMs must be a positive number of milliseconds, got ${String(intervalMs)}.`,
    );
  }
  const hits = counter(meter, CACHE_METRICS.hits, 'Cache reads answered, by tier and namespace');
  const misses = counter(meter, CACHE_METRICS.misses, 'Cache reads that found nothing, by tier and namespace');
  const evictions = counter(meter, CACHE_METRICS.evictions, 'Entries a tier dropped on its own, by tier, namespace and reason');
  const tierDown = counter(meter, CACHE_METRICS.tierDown, 'Times a tier failed and was skipped, by tier and operation');

  let last: Counts = countsOf(cache.stats());
  const collect = (): void => {
    const now = countsOf(cache.stats());
    for (const [key, current] of now) {
      const before = last.get(key) ?? { hits: 0, misses: 0 };
      const [namespace, tier] = JSON.parse(key) as [string, string];
      const attributes = { 'cache.namespace': namespace, 'cache.tier': tier };
      // A reset of the stats shows as a smaller total: count from zero again.
      const newHits = current.hits >= before.hits ? current.hits - before.hits : current.hits;
      const newMisses = current.misses >= before.misses ? current.misses - before.misses : current.misses;
      if (newHits > 0) hits.add(newHits, attributes);
      if (newMisses > 0) misses.add(newMisses, attributes);
    }
    last = now;
  };
  const timer = setInterval(collect, intervalMs);
  timer.unref();

  const onEvicted = ({ tier, namespace, reason }: CacheEvents['evicted'][0]): void =>
    evictions.add(1, { 'cache.tier': tier, 'cache.namespace': namespace, 'cache.eviction.reason': reason });
  const onTierDown = ({ tier, operation }: CacheEvents['tierDown'][0]): void => tierDown.add(1, { 'cache.tier': tier, 'cache.operation': operation });
  cache.on('evicted', onEvicted);
  cache.on('tierDown', onTierDown);
  return () => {
    clearInterval(timer);
    collect();
    cache.off('evicted', onEvicted);
    cache.off('tierDown', onTierDown);
  };
}
