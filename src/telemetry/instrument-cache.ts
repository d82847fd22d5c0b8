import type { Cache, CacheEvents } from '../cache';
import { counter } from './signals';
import { checkTarget, checkTelemetryOptions, type TelemetryOptions } from './telemetry-options';

/** Names of the metrics `instrumentCache` records. */
export const CACHE_METRICS = {
  hits: 'ovenjs.cache.hits',
  misses: 'ovenjs.cache.misses',
  evictions: 'ovenjs.cache.evictions',
  tierDown: 'ovenjs.cache.tier_down',
} as const;

/** Options of {@link instrumentCache}. */
export interface CacheTelemetryOptions extends TelemetryOptions {
  /**
   * @deprecated Hits and misses are now counted from the cache's `hit` and `miss` events as they
   * happen, so there is nothing to poll; the value is ignored.
   */
  readonly intervalMs?: number;
}

type ReadAttributes = { readonly 'cache.namespace': string; readonly 'cache.tier': string };

/**
 * Measures a `Cache`: hits and misses by tier and namespace (`cache.tier`, `cache.namespace`),
 * evictions by reason, and tier outages, all counted from the cache's events (`hit`, `miss`,
 * `evicted`, `tierDown`) as they happen. The cache builds hit and miss events only while someone
 * listens, so an uninstrumented cache pays nothing and detaching stops the cost again. Metrics
 * only: a cache read is too small for a span of its own.
 *
 * @example
 * ```ts
 * const detach = instrumentCache(cache, { meter: metrics.getMeter('my-bot') });
 * ```
 */
export function instrumentCache(cache: Cache, options: CacheTelemetryOptions): () => void {
  const where = 'instrumentCache';
  checkTarget(cache, where, 'a Cache', ['on', 'off']);
  const { meter } = checkTelemetryOptions(options, where);
  const hits = counter(meter, CACHE_METRICS.hits, 'Cache reads answered, by tier and namespace');
  const misses = counter(meter, CACHE_METRICS.misses, 'Cache reads that found nothing, by tier and namespace');
  const evictions = counter(meter, CACHE_METRICS.evictions, 'Entries a tier dropped on its own, by tier, namespace and reason');
  const tierDown = counter(meter, CACHE_METRICS.tierDown, 'Times a tier failed and was skipped, by tier and operation');

  // Reads are the cache's hot path: one attributes object per namespace and tier, not per read.
  const attributes = new Map<string, ReadAttributes>();
  const attributesOf = (namespace: string, tier: string): ReadAttributes => {
    const id = `${tier}\u0000${namespace}`;
    let found = attributes.get(id);
    if (found === undefined) {
      found = { 'cache.namespace': namespace, 'cache.tier': tier };
      attributes.set(id, found);
    }
    return found;
  };
  const onHit = ({ tier, namespace }: CacheEvents['hit'][0]): void => hits.add(1, attributesOf(namespace, tier));
  const onMiss = ({ tier, namespace }: CacheEvents['miss'][0]): void => misses.add(1, attributesOf(namespace, tier));
  const onEvicted = ({ tier, namespace, reason }: CacheEvents['evicted'][0]): void =>
    evictions.add(1, { 'cache.tier': tier, 'cache.namespace': namespace, 'cache.eviction.reason': reason });
  const onTierDown = ({ tier, operation }: CacheEvents['tierDown'][0]): void => tierDown.add(1, { 'cache.tier': tier, 'cache.operation': operation });
  cache.on('hit', onHit);
  cache.on('miss', onMiss);
  cache.on('evicted', onEvicted);
  cache.on('tierDown', onTierDown);
  return () => {
    cache.off('hit', onHit);
    cache.off('miss', onMiss);
    cache.off('evicted', onEvicted);
    cache.off('tierDown', onTierDown);
  };
}
