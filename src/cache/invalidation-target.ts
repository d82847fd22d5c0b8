import { CacheInvalidOptionError } from './cache-errors';
import type { CacheInvalidation } from './cache-events';
import { resolveRef, type CacheKeyRef } from './cache-keys';

/** Stored keys and tags named by an invalidation made from `namespace`; validates both. */
export function resolveInvalidation(namespace: string, what: CacheInvalidation): { keys: string[]; tags: string[] } {
  if (typeof what === 'string' || isRef(what)) return { keys: [resolveRef(namespace, what)], tags: [] };
  if (isRefList(what)) return { keys: what.map((ref) => resolveRef(namespace, ref)), tags: [] };
  assertList('tags', what.tags);
  assertList('keys', what.keys);
  const tags = [...(what.tags ?? [])];
  assertTags(tags);
  return { keys: (what.keys ?? []).map((ref) => resolveRef(namespace, ref)), tags };
}

/** Throws unless the option is absent or an array (a lone string would be spread into letters). */
export function assertList(option: string, value: unknown): void {
  if (value !== undefined && !Array.isArray(value)) throw new CacheInvalidOptionError(option, value, 'an array');
}

/** Throws unless every tag is a non-empty string. */
export function assertTags(tags: readonly unknown[]): asserts tags is readonly string[] {
  for (const tag of tags) {
    if (typeof tag !== 'string' || tag.length === 0) throw new CacheInvalidOptionError('tags', tag, 'non-empty strings');
  }
}

function isRef(what: CacheInvalidation): what is { readonly namespace: string; readonly key: string } {
  return typeof what === 'object' && !Array.isArray(what) && 'namespace' in what && 'key' in what;
}

function isRefList(what: CacheInvalidation): what is readonly CacheKeyRef[] {
  return Array.isArray(what);
}
