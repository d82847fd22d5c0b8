import type { HookPointTable } from '../hook-point';

/** An entry about to be written to a cache store; set `skip` to keep it out. */
export interface CacheSetPayload {
  readonly store: string;
  readonly key: string;
  value: unknown;
  skip: boolean;
}

/** A cache read; handlers may replace the value returned to the caller. */
export interface CacheGetPayload {
  readonly store: string;
  readonly key: string;
  readonly hit: boolean;
  value: unknown;
}

/** Payload of `cacheMiss` and `beforeCacheDelete`. */
export interface CacheKeyPayload {
  readonly store: string;
  readonly key: string;
}

/** Why an entry left a cache. */
export type CacheEvictReason = 'lru' | 'ttl' | 'memory' | 'manual';

/** Payload of `cacheEvict`. */
export interface CacheEvictPayload {
  readonly store: string;
  readonly key: string;
  readonly reason: CacheEvictReason;
}

/** Payload of `cacheClear`. */
export interface CacheClearPayload {
  readonly store: string;
  /** Entries removed, when the store knows. */
  readonly size: number | undefined;
}

/** What a `beforeCacheDelete` handler returns to keep an entry. */
export interface CacheDeleteVeto {
  readonly reason: string;
}

/** Cache hook signatures. */
export interface CacheHookPoints {
  beforeCacheSet: { kind: 'waterfall'; payload: CacheSetPayload };
  afterCacheGet: { kind: 'waterfall'; payload: CacheGetPayload };
  cacheMiss: { kind: 'parallel'; payload: CacheKeyPayload };
  cacheEvict: { kind: 'parallel'; payload: CacheEvictPayload };
  cacheClear: { kind: 'parallel'; payload: CacheClearPayload };
  beforeCacheDelete: { kind: 'bail'; payload: CacheKeyPayload; result: CacheDeleteVeto };
}

export const CACHE_HOOK_POINTS: HookPointTable<CacheHookPoints> = {
  beforeCacheSet: {
    kind: 'waterfall',
    description: 'An entry is about to be cached; change the value or set skip to keep it out.',
    payloadType: 'CacheSetPayload',
    firesAt: 'Cache stores, before a write',
  },
  afterCacheGet: {
    kind: 'waterfall',
    description: 'A cache read returned; handlers may replace the value.',
    payloadType: 'CacheGetPayload',
    firesAt: 'Cache stores, after a read',
  },
  cacheMiss: {
    kind: 'parallel',
    description: 'A read found nothing.',
    payloadType: 'CacheKeyPayload',
    firesAt: 'Cache stores, on a miss',
  },
  cacheEvict: {
    kind: 'parallel',
    description: 'An entry left the cache (LRU, TTL, memory pressure or a manual delete).',
    payloadType: 'CacheEvictPayload',
    firesAt: 'Cache stores, on eviction',
  },
  cacheClear: {
    kind: 'parallel',
    description: 'A store was emptied.',
    payloadType: 'CacheClearPayload',
    firesAt: 'Cache stores, on clear()',
  },
  beforeCacheDelete: {
    kind: 'bail',
    description: 'An entry is about to be deleted; return a CacheDeleteVeto to keep it.',
    payloadType: 'CacheKeyPayload',
    resultType: 'CacheDeleteVeto',
    firesAt: 'Cache stores, before a delete',
  },
};
