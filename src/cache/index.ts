export { Cache } from './cache';
export type { CacheOptions, CacheTierConfig } from './cache-options';
export { CacheNamespace } from './cache-namespace';
export type { CacheEvents, CacheEventSource, CacheReadEvent, CacheInvalidation, CacheSetOptions, TypedEventMap } from './cache-events';
export { DEFAULT_NAMESPACE } from './cache-keys';
export type { CacheKeyRef } from './cache-keys';
export {
  CacheClosedError,
  CacheCorruptEntryError,
  CacheInvalidOptionError,
  CacheSerializationError,
  CacheTierUnavailableError,
  CacheWriteBehindError,
} from './cache-errors';
export type { CacheStatsSnapshot, HitCounts, LoadStats, NamespaceStats, TierStats } from './cache-stats';
export type { CacheSync, InvalidationMessage } from './cache-sync';
export { LruCache } from './lru';
export type { EvictionReason, LruEviction, LruOptions, LruSetOptions } from './lru';
export { approximateSize } from './approximate-size';
export { MemoryTier } from './memory-tier';
export type { MemoryTierOptions } from './memory-tier';
export { RedisTier } from './redis-tier';
export type { RedisTierOptions } from './redis-tier';
export type { RedisConnectionOptions } from './redis-connection';
export { RedisSync } from './redis-sync';
export type { RedisSyncOptions } from './redis-sync';
export { PostgresTier } from './postgres-tier';
export type { PostgresTierOptions } from './postgres-tier';
export { JsonSerializer } from './json-serializer';
export type { CacheSerializer } from './serializer';
export type { ByteCacheTier, CacheTier, CacheTierBase, HotKeyStore, TierEntry, ValueCacheTier } from './tier';
export type { WriteMode } from './tier-slot';
export { CacheModule } from './cache.module';
export { CACHE_OPTIONS } from './cache-options.token';
export type { CacheModuleOptions } from './cache-options.token';
