import { CacheSerializationError } from '../../src/cache/cache-errors';
import { JsonSerializer } from '../../src/cache/json-serializer';

const json = new JsonSerializer();
const roundTrip = (value: unknown): unknown => json.deserialize(json.serialize(value));

describe('JsonSerializer', () => {
  it('round-trips the values bots cache, including bigint, Date, Map, Set and Buffer', () => {
    const value = {
      id: 175928847299117063n,
      name: 'général ✓',
      joinedAt: new Date('2024-01-02T03:04:05.678Z'),
      roles: new Set(['1', '2']),
      perms: new Map<string, bigint>([['1', 8n]]),
      avatar: Buffer.from([0, 1, 255]),
      odd: [Number.NaN, Number.POSITIVE_INFINITY, -0, undefined, null, 1.5],
      nested: { deep: [{ ok: true }] },
      $oven: 'a user key that looks like our marker',
    };
    const back = roundTrip(value) as typeof value;
    expect(back).toEqual(value);
    expect(back.id).toBe(175928847299117063n);
    expect(back.joinedAt).toBeInstanceOf(Date);
    expect(back.roles).toBeInstanceOf(Set);
    expect(back.perms.get('1')).toBe(8n);
    expect(Buffer.isBuffer(back.avatar)).toBe(true);
    expect(Object.is(back.odd[2], -0)).toBe(true);
    expect(back.odd).toHaveLength(6);
    expect(back.$oven).toBe(value.$oven);
  });

  it('drops object properties that are undefined, as JSON does', () => {
    expect(roundTrip({ a: 1, b: undefined })).toEqual({ a: 1 });
    expect(Object.keys(roundTrip({ a: 1, b: undefined }) as object)).toEqual(['a']);
  });

  it('accepts null-prototype objects and shared (non-cyclic) references', () => {
    const shared = { x: 1 };
    const bare = Object.assign(Object.create(null) as object, { y: 2 });
    expect(roundTrip({ a: shared, b: shared, bare })).toEqual({ a: { x: 1 }, b: { x: 1 }, bare: { y: 2 } });
  });

  it.each([
    ['a function', { handler: () => 1 }, '$.handler', 'function'],
    ['a symbol', { s: Symbol('x') }, '$.s', 'symbol'],
    ['a class instance', { when: new (class Guild { id = '1'; })() }, '$.when', 'Guild'],
    ['an invalid Date', [new Date(Number.NaN)], '$[0]', 'invalid Date'],
    ['a typed array other than bytes', { f: new Float64Array(2) }, '$.f', 'Float64Array'],
    ['top-level undefined', undefined, '$', 'cache null instead'],
  ])('rejects %s with the path in the message', (_what, value, path, hint) => {
    let caught: unknown;
    try {
      json.serialize(value);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CacheSerializationError);
    const error = caught as CacheSerializationError;
    expect(error.code).toBe('OVEN_ERR_CACHE_UNSERIALIZABLE');
    expect(error.path).toBe(path);
    expect(error.message).toContain(hint);
  });

  it('rejects cycles instead of overflowing the stack', () => {
    const a: { self?: unknown } = {};
    a.self = { back: a };
    expect(() => json.serialize(a)).toThrow(/cycle/);
  });

  it('fails loudly on bytes it did not write', () => {
    expect(() => json.deserialize(Buffer.from('{"$oven":"martian","v":1}'))).toThrow(/martian/);
    expect(() => json.deserialize(Buffer.from('not json'))).toThrow(SyntaxError);
  });
});
