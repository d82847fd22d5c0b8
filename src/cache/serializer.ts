/**
 * Turns values into bytes for the Redis and PostgreSQL tiers and back. The Cache serialises once
 * per write, before touching any tier, so a value that cannot be stored fails the call and leaves
 * every tier as it was.
 *
 * Throw `CacheSerializationError` (with the path inside the value) for values the format cannot
 * carry faithfully; the Cache adds the key to the message.
 *
 * @example
 * ```ts
 * const msgpack: CacheSerializer = {
 *   name: 'msgpack',
 *   serialize: (value) => Buffer.from(encode(value)),
 *   deserialize: (bytes) => decode(bytes),
 * };
 * new Cache({ tiers: [memory, redis], serializer: msgpack });
 * ```
 */
export interface CacheSerializer {
  /** Shown in errors; two processes sharing a tier must use serializers with the same format. */
  readonly name: string;
  serialize(value: unknown): Buffer;
  deserialize(bytes: Buffer): unknown;
}
