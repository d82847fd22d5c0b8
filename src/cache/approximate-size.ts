/**
 * Estimates how many bytes of heap a value holds, for the memory tier's `maxBytes` bound.
 * It is an estimate (V8 does not expose object sizes): strings count two bytes a character and
 * every object or slot counts a pointer-sized header, which tracks real heap use within a small
 * factor for the JSON-like payloads bots cache. Shared sub-objects and cycles are counted once.
 *
 * @example
 * ```ts
 * approximateSize({ id: '123', name: 'general' }); // about 80
 * ```
 */
export function approximateSize(value: unknown): number {
  return sizeOf(value, new Set());
}

const POINTER = 8;
const OBJECT_HEADER = 16;

function sizeOf(value: unknown, seen: Set<object>): number {
  switch (typeof value) {
    case 'string':
      return OBJECT_HEADER + value.length * 2;
    case 'number':
      return 8;
    case 'boolean':
      return 4;
    case 'bigint':
      return OBJECT_HEADER + Math.ceil(value.toString(16).length / 2);
    case 'undefined':
      return 0;
    case 'symbol':
    case 'function':
      return POINTER;
    case 'object':
      break;
  }
  if (value === null) return 0;
  const object = value as object;
  if (seen.has(object)) return POINTER;
  seen.add(object);
  if (ArrayBuffer.isView(object)) return OBJECT_HEADER + object.byteLength;
  if (object instanceof Date) return OBJECT_HEADER + 8;
  let total = OBJECT_HEADER;
  if (Array.isArray(object)) {
    for (const item of object) total += POINTER + sizeOf(item, seen);
    return total;
  }
  if (object instanceof Map) {
    for (const [key, item] of object) total += 2 * POINTER + sizeOf(key, seen) + sizeOf(item, seen);
    return total;
  }
  if (object instanceof Set) {
    for (const item of object) total += POINTER + sizeOf(item, seen);
    return total;
  }
  for (const key of Object.keys(object)) {
    // Property names are interned and shared between objects of one shape: count the slot only.
    total += POINTER + sizeOf((object as Record<string, unknown>)[key], seen);
  }
  return total;
}
