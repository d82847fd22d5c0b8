export { EntityStore } from './cache/entity-store';
export type { EntityStoreStats } from './cache/entity-store';
export { BoundedMap } from './cache/bounded-map';
export { CacheOptionError, resolveCacheLimits } from './cache/cache-options';
export type { CacheOptions, EntityLimit, ResolvedCacheLimits } from './cache/cache-options';
export type { CachedChannel, CachedGuild, CachedMember, CachedMessage, CachedRole, CachedUser } from './cache/cached-entities';
