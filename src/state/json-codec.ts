/*
 * JSON loses Maps, Sets, Dates, bigints and non-finite numbers, which immer states (with
 * enableMapSet) and their patches carry; this codec tags them so snapshots and deltas survive a
 * trip through Redis.
 */

const TAG = '$oven';

type Tagged =
  | { readonly [TAG]: 'map'; readonly entries: unknown[] }
  | { readonly [TAG]: 'set'; readonly values: unknown[] }
  | { readonly [TAG]: 'date'; readonly iso: string }
  | { readonly [TAG]: 'bigint'; readonly digits: string }
  | { readonly [TAG]: 'undefined' }
  | { readonly [TAG]: 'number'; readonly value: 'Infinity' | '-Infinity' | 'NaN' | '-0' }
  | { readonly [TAG]: 'object'; readonly entries: [string, unknown][] };

/**
 * `JSON.stringify` that keeps `Map`, `Set`, `Date`, `bigint`, `Infinity`, `NaN`, `-0` and
 * `undefined` (in arrays and patch values) for {@link decodeStateJson}.
 *
 * @example
 * ```ts
 * const text = encodeStateJson({ roles: new Set(['1']) });
 * decodeStateJson(text); // { roles: Set { '1' } }
 * ```
 */
export function encodeStateJson(value: unknown): string {
  return JSON.stringify(encode(value));
}

/** Parses what {@link encodeStateJson} wrote; throws `SyntaxError` on text that is not JSON. */
export function decodeStateJson(text: string): unknown {
  return decode(JSON.parse(text) as unknown);
}

function encode(value: unknown): unknown {
  if (value === undefined) return { [TAG]: 'undefined' } satisfies Tagged;
  if (typeof value === 'bigint') return { [TAG]: 'bigint', digits: value.toString() } satisfies Tagged;
  // JSON writes these as null (or 0): a snapshot would not restore what the store held.
  if (typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0))) {
    return { [TAG]: 'number', value: Object.is(value, -0) ? '-0' : (String(value) as 'Infinity' | '-Infinity' | 'NaN') } satisfies Tagged;
  }
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Map) return { [TAG]: 'map', entries: [...value].map(([k, v]) => [encode(k), encode(v)]) } satisfies Tagged;
  if (value instanceof Set) return { [TAG]: 'set', values: [...value].map(encode) } satisfies Tagged;
  if (value instanceof Date) return { [TAG]: 'date', iso: value.toISOString() } satisfies Tagged;
  if (Array.isArray(value)) return value.map(encode);
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  // An object of the state that has the tag key itself must not be read back as a tagged value.
  if (Object.hasOwn(value, TAG)) return { [TAG]: 'object', entries: entries.map(([key, item]): [string, unknown] => [key, encode(item)]) } satisfies Tagged;
  const out: Record<string, unknown> = {};
  for (const [key, item] of entries) out[key] = encode(item);
  return out;
}

function decode(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(decode);
  const record = value as Record<string, unknown>;
  switch (record[TAG]) {
    case 'undefined':
      return undefined;
    case 'bigint':
      return BigInt(String(record['digits']));
    case 'number':
      return record['value'] === '-0' ? -0 : Number(record['value']);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const entry of asArray(record['entries'])) {
        const [key, item] = asArray(entry);
        setOwn(out, String(key), decode(item));
      }
      return out;
    }
    case 'date':
      return new Date(String(record['iso']));
    case 'map':
      return new Map((asArray(record['entries']) as unknown[]).map((entry) => {
        const [key, item] = asArray(entry);
        return [decode(key), decode(item)];
      }));
    case 'set':
      return new Set(asArray(record['values']).map(decode));
    default: {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(record)) setOwn(out, key, decode(item));
      return out;
    }
  }
}

// `out.__proto__ = x` would set the prototype (what a crafted sync message could aim at): define it.
function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

function asArray(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new SyntaxError('a tagged Map or Set holds no array');
  return value;
}
