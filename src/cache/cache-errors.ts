import { OvenError } from '../errors';

/**
 * A cache option or argument was invalid (an empty key, a negative TTL, a namespace with a `:`).
 * Thrown synchronously at the call that passed it, before anything is written.
 *
 * @example
 * ```ts
 * await cache.set('k', 'v', { ttl: -1 }); // rejects: Cache option "ttl" must be a number greater than 0, got number -1.
 * ```
 */
export class CacheInvalidOptionError extends OvenError {
  public constructor(
    public readonly option: string,
    public readonly value: unknown,
    expected: string,
  ) {
    super(
      'OVEN_ERR_CACHE_INVALID_OPTION',
      `Cache option "${option}" must be ${expected}, got ${describeValue(value)}.`,
    );
  }
}

/**
 * A value could not be turned into bytes for a Redis or PostgreSQL tier without changing on the way
 * back (a function, a class instance, a cycle, an invalid Date). Thrown before any tier is written,
 * so the previous value stays in place.
 *
 * @example
 * ```ts
 * // With a Redis or PostgreSQL tier:
 * await cache.set('k', { run() {} }).catch((error: unknown) => {
 *   if (error instanceof CacheSerializationError) console.error(error.path, error.reason);
 * });
 * ```
 */
export class CacheSerializationError extends OvenError {
  public constructor(
    public readonly key: string | undefined,
    public readonly path: string,
    public readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      'OVEN_ERR_CACHE_UNSERIALIZABLE',
      `Cannot cache ${key === undefined ? 'a value' : `"${key}"`}: ${reason} at ${path}. ` +
        'Store plain data (objects, arrays, strings, numbers, booleans, null, bigint, Date, Map, ' +
        'Set, Buffer), or pass a custom `serializer` to the Cache that knows this type.',
      options,
    );
  }
}

/**
 * Bytes read back from a tier could not be decoded by the configured serializer.
 *
 * @example
 * ```ts
 * cache.on('backgroundError', ({ source, error }) => {
 *   if (error instanceof CacheCorruptEntryError) console.warn(source, error.key, error.tier); // dropped, read as a miss
 * });
 * ```
 */
export class CacheCorruptEntryError extends OvenError {
  public constructor(
    public readonly key: string,
    public readonly tier: string,
    options?: { cause?: unknown },
  ) {
    super(
      'OVEN_ERR_CACHE_CORRUPT_ENTRY',
      `The entry "${key}" in tier "${tier}" could not be decoded. It was written by another ` +
        'serializer or another OvenJS version; it has been dropped from that tier. If every read ' +
        'fails this way, give every instance the same `serializer`.',
      options,
    );
  }
}

/**
 * A Redis or PostgreSQL tier could not be reached. The Cache catches this, reports it through the
 * `tierDown` event and keeps serving from the remaining tiers; you see it thrown only from a tier's
 * own `connect()`.
 *
 * @example
 * ```ts
 * await redisTier.connect().catch((error: unknown) => {
 *   if (error instanceof CacheTierUnavailableError) console.error(error.message); // names the target and the fix
 * });
 * ```
 */
export class CacheTierUnavailableError extends OvenError {
  public constructor(
    public readonly tier: string,
    public readonly target: string,
    fix: string,
    options?: { cause?: unknown },
  ) {
    super(
      'OVEN_ERR_CACHE_TIER_UNAVAILABLE',
      `Cache tier "${tier}" cannot reach ${target}: ${causeMessage(options?.cause)}. ${fix}`,
      options,
    );
  }
}

/**
 * A method was called on a Cache or tier after `close()`.
 *
 * @example
 * ```ts
 * await cache.close();
 * await cache.get('k'); // rejects with CacheClosedError (code OVEN_ERR_CACHE_CLOSED)
 * ```
 */
export class CacheClosedError extends OvenError {
  public constructor(what: string) {
    super(
      'OVEN_ERR_CACHE_CLOSED',
      `${what} was used after close(). Create a new one, or close it only when the bot shuts down.`,
    );
  }
}

/**
 * Write-behind entries could not be flushed to their tier before `close()` gave up. The keys are
 * listed so that nothing is lost silently; the values are still in the tiers above.
 *
 * @example
 * ```ts
 * await cache.close().catch((error: unknown) => {
 *   if (error instanceof CacheWriteBehindError) console.error(`unsaved in ${error.tier}:`, error.keys);
 * });
 * ```
 */
export class CacheWriteBehindError extends OvenError {
  public constructor(
    public readonly tier: string,
    public readonly keys: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(
      'OVEN_ERR_CACHE_WRITE_BEHIND_UNFLUSHED',
      `${keys.length} write-behind change(s) never reached tier "${tier}" (${keys
        .slice(0, 5)
        .map((key) => `"${key}"`)
        .join(', ')}${keys.length > 5 ? ', ...' : ''}): ${causeMessage(options?.cause)}. ` +
        'Bring the tier back before shutting down, or use write-through for data you cannot lose.',
      options,
    );
  }
}

function causeMessage(cause: unknown): string {
  if (cause instanceof Error) return cause.message || cause.name;
  return cause === undefined ? 'unknown failure' : String(cause);
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
    return `${typeof value} ${String(value)}`;
  }
  return value === null ? 'null' : typeof value;
}
