import { CacheSerializationError } from './cache-errors';
import type { CacheSerializer } from './serializer';

/**
 * Marks a JSON object that stands for a value plain JSON cannot carry. An object of the user's that
 * happens to own this key is wrapped (`{ "$oven": "object", "v": ... }`) so it is never mistaken
 * for a marker.
 */
const TAG = '$oven';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * The default serializer: JSON, extended so that every value bots usually cache comes back equal.
 * `bigint` (Discord IDs as numbers), `Date`, `Map`, `Set`, `Buffer`, `NaN`, `Infinity`, `-0` and
 * `undefined` array items round-trip; object properties set to `undefined` are dropped, as in JSON.
 * Functions, symbols, cycles, invalid dates and class instances (whose prototype would be lost)
 * throw `CacheSerializationError` naming where in the value they are.
 *
 * @example
 * ```ts
 * const json = new JsonSerializer();
 * json.deserialize(json.serialize({ id: 123n, at: new Date(0) })); // { id: 123n, at: Date(0) }
 * ```
 */
export class JsonSerializer implements CacheSerializer {
  public readonly name = 'json';

  public serialize(value: unknown): Buffer {
    if (value === undefined) {
      throw new CacheSerializationError(undefined, '$', 'undefined cannot be cached because it means "not found"; cache null instead');
    }
    return Buffer.from(JSON.stringify(encode(value, '$', new Set())), 'utf8');
  }

  public deserialize(bytes: Buffer): unknown {
    return decode(JSON.parse(bytes.toString('utf8')) as Json);
  }
}

function encode(value: unknown, path: string, ancestors: Set<object>): Json {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (Number.isFinite(value) && !Object.is(value, -0)) return value;
      return { [TAG]: 'number', v: Object.is(value, -0) ? '-0' : String(value) };
    case 'bigint':
      return { [TAG]: 'bigint', v: value.toString() };
    case 'undefined':
      return { [TAG]: 'undefined' };
    case 'function':
      throw new CacheSerializationError(undefined, path, 'a function cannot be serialised');
    case 'symbol':
      throw new CacheSerializationError(undefined, path, 'a symbol cannot be serialised');
    case 'object':
      break;
  }
  if (value === null) return null;
  const object = value as object;
  if (ancestors.has(object)) {
    throw new CacheSerializationError(undefined, path, 'the value contains a cycle (it refers to one of its own parents)');
  }
  ancestors.add(object);
  try {
    return encodeObject(object, path, ancestors);
  } finally {
    ancestors.delete(object);
  }
}

function encodeObject(object: object, path: string, ancestors: Set<object>): Json {
  if (Array.isArray(object)) return object.map((item, index) => encode(item, `${path}[${index}]`, ancestors));
  if (object instanceof Date) {
    if (Number.isNaN(object.getTime())) throw new CacheSerializationError(undefined, path, 'an invalid Date cannot be serialised');
    return { [TAG]: 'date', v: object.toISOString() };
  }
  if (object instanceof Map) {
    return {
      [TAG]: 'map',
      v: [...object].map(([key, item], index) => [
        encode(key, `${path}.<map key ${index}>`, ancestors),
        encode(item, `${path}.get(${describeKey(key)})`, ancestors),
      ]),
    };
  }
  if (object instanceof Set) {
    return { [TAG]: 'set', v: [...object].map((item, index) => encode(item, `${path}.<set item ${index}>`, ancestors)) };
  }
  if (object instanceof Uint8Array && (object.constructor === Uint8Array || Buffer.isBuffer(object))) {
    return { [TAG]: 'bytes', v: Buffer.from(object.buffer, object.byteOffset, object.byteLength).toString('base64') };
  }
  const prototype: unknown = Object.getPrototypeOf(object);
  if (prototype !== Object.prototype && prototype !== null) {
    const name = (object.constructor as { name?: unknown } | undefined)?.name;
    throw new CacheSerializationError(
      undefined,
      path,
      `an instance of ${typeof name === 'string' && name !== '' ? name : 'a class'} would come back as a plain object without its methods`,
    );
  }
  if (Object.getOwnPropertySymbols(object).length > 0) {
    throw new CacheSerializationError(undefined, path, 'symbol-keyed properties cannot be serialised');
  }
  const out: { [key: string]: Json } = {};
  for (const [key, item] of Object.entries(object)) {
    if (item === undefined) continue;
    out[key] = encode(item, `${path}.${key}`, ancestors);
  }
  return Object.prototype.hasOwnProperty.call(out, TAG) ? { [TAG]: 'object', v: out } : out;
}

function decode(node: Json): unknown {
  if (node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map(decode);
  const tag = node[TAG];
  if (typeof tag !== 'string') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(node)) out[key] = decode(item);
    return out;
  }
  const v = node['v'];
  switch (tag) {
    case 'number':
      return v === '-0' ? -0 : Number(v);
    case 'bigint':
      return BigInt(v as string);
    case 'undefined':
      return undefined;
    case 'date':
      return new Date(v as string);
    case 'map':
      return new Map((v as Json[][]).map(([key, item]) => [decode(key ?? null), decode(item ?? null)]));
    case 'set':
      return new Set((v as Json[]).map(decode));
    case 'bytes':
      return Buffer.from(v as string, 'base64');
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(v as { [key: string]: Json })) out[key] = decode(item);
      return out;
    }
    default:
      throw new SyntaxError(`Unknown ${TAG} marker "${tag}"`);
  }
}

function describeKey(key: unknown): string {
  return typeof key === 'string' ? JSON.stringify(key) : typeof key === 'object' ? typeof key : String(key);
}
