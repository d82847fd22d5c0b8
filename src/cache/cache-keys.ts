import { CacheInvalidOptionError } from './cache-errors';

/** The namespace of `cache.get(key)` and of plain-string keys given to the Cache itself. */
export const DEFAULT_NAMESPACE = 'default';

/**
 * Names a key: a plain string is a key of the namespace it is used from; the object form reaches
 * another namespace (`{ namespace: 'guilds', key: '123' }`).
 */
export type CacheKeyRef = string | { readonly namespace: string; readonly key: string };

const NAMESPACE = /^[A-Za-z0-9_.-]{1,64}$/;

/** Throws unless the name is 1 to 64 letters, digits, `_`, `.` or `-`. */
export function assertNamespace(name: unknown): asserts name is string {
  // A `:` would make `a:b` + `c` and `a` + `b:c` the same stored key.
  if (typeof name !== 'string' || !NAMESPACE.test(name)) {
    throw new CacheInvalidOptionError('namespace', name, '1 to 64 letters, digits, "_", "." or "-" (no ":")');
  }
}

/** Throws unless the key is a non-empty string. */
export function assertKey(key: unknown): asserts key is string {
  if (typeof key !== 'string' || key.length === 0) {
    throw new CacheInvalidOptionError('key', key, 'a non-empty string');
  }
}

/** The key as tiers store it: `namespace:key`. */
export function fullKey(namespace: string, key: string): string {
  return `${namespace}:${key}`;
}

/** The namespace part of a stored key. */
export function namespaceOf(stored: string): string {
  const colon = stored.indexOf(':');
  return colon === -1 ? DEFAULT_NAMESPACE : stored.slice(0, colon);
}

/** Resolves a reference used from `namespace` into a stored key, validating both parts. */
export function resolveRef(namespace: string, ref: CacheKeyRef): string {
  if (typeof ref === 'string') {
    assertKey(ref);
    return fullKey(namespace, ref);
  }
  assertNamespace(ref.namespace);
  assertKey(ref.key);
  return fullKey(ref.namespace, ref.key);
}
