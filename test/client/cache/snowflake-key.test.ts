import { hashSnowflakeKey, idStringHash, parsedKey, parseNewSnowflakeKey, parseSnowflakeKey, SnowflakeKeyCache, snowflakeKeyString } from '../../../src/client/cache/snowflake-key';

const roundTrip = (id: string): string | undefined => (parseSnowflakeKey(id) ? snowflakeKeyString(parsedKey.hi, parsedKey.lo) : undefined);

describe('snowflake keys', () => {
  it.each(['0', '1', '9007199254740991', '9007199254740992', '1300000000000000000', '18446744073709551615', '4294967295', '4294967296'])(
    'round-trips %s exactly',
    (id) => {
      expect(roundTrip(id)).toBe(id);
      expect(BigInt(parsedKey.hi) * 2n ** 32n + BigInt(parsedKey.lo)).toBe(BigInt(id));
    },
  );

  it.each(['', '01', '-1', '1.5', ' 1', '1a', '18446744073709551616', '99999999999999999999', '123456789012345678901', '..'])('refuses %j', (id) => {
    expect(parseSnowflakeKey(id)).toBe(false);
  });

  it('agrees with BigInt on 5,000 seeded random ids of every length', () => {
    let state = 12345;
    const next = () => (state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0);
    for (let i = 0; i < 5_000; i++) {
      const value = ((BigInt(next()) << 32n) | BigInt(next())) >> BigInt(next() % 64);
      const id = value.toString();
      expect(parseSnowflakeKey(id)).toBe(true);
      expect((BigInt(parsedKey.hi) << 32n) | BigInt(parsedKey.lo)).toBe(value);
      expect(snowflakeKeyString(parsedKey.hi, parsedKey.lo)).toBe(id);
    }
  });

  it('remembered ids give their own halves whatever the order they come back in (author, message, author, ...)', () => {
    const ids = ['1300000000000000333', '1320000000000000001', '9007199254740993', '1300000000000000334'];
    let state = 7;
    for (let i = 0; i < 2_000; i++) {
      state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
      // Fresh strings, as JSON.parse makes them: equal content, not the same object.
      const id = `${ids[(state >>> 16) % ids.length]!}`.split('').join('');
      expect(parseSnowflakeKey(id)).toBe(true);
      expect(((BigInt(parsedKey.hi) << 32n) | BigInt(parsedKey.lo)).toString()).toBe(id);
    }
  });

  it('a key cache gives each id its own halves, with more ids than slots (colliding slots) coming back in a seeded order', () => {
    const cache = new SnowflakeKeyCache();
    const ids = Array.from({ length: 3_000 }, (_, i) => String(1_300_000_000_000_000_000n + BigInt(i) * 4_194_304n + BigInt(i % 7)));
    let state = 99;
    for (let i = 0; i < 20_000; i++) {
      state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
      // Fresh strings, as JSON.parse makes them.
      const id = `${ids[(state >>> 8) % ids.length]!}`.split('').join('');
      expect(cache.parse(id)).toBe(true);
      expect(((BigInt(parsedKey.hi) << 32n) | BigInt(parsedKey.lo)).toString()).toBe(id);
    }
  });

  it('a key cache refuses what parseSnowflakeKey refuses, again and again', () => {
    const cache = new SnowflakeKeyCache();
    for (let round = 0; round < 2; round++) {
      for (const id of ['', '01', '-1', '1a', '18446744073709551616']) expect(cache.parse(id)).toBe(false);
      for (const value of [123, undefined, null]) expect(cache.parse(value as unknown as string)).toBe(false);
    }
  });

  it('idStringHash spreads consecutive snowflakes over 1,024 slots', () => {
    const slots = new Set<number>();
    for (let i = 0; i < 1_024; i++) slots.add(idStringHash(String(1_300_000_000_000_000_000n + BigInt(i) * 4_194_304n)) & 1_023);
    expect(slots.size).toBeGreaterThan(512);
  });

  it('parseNewSnowflakeKey agrees with BigInt on seeded random 19-digit ids and on ids of every other length', () => {
    let state = 4242;
    const next = () => (state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0);
    for (let i = 0; i < 5_000; i++) {
      const value = i % 2 === 0 ? 1_000_000_000_000_000_000n + ((BigInt(next()) << 32n) | BigInt(next())) % 9_000_000_000_000_000_000n : ((BigInt(next()) << 32n) | BigInt(next())) >> BigInt(next() % 64);
      const id = value.toString();
      expect(parseNewSnowflakeKey(id)).toBe(true);
      expect([id, ((BigInt(parsedKey.hi) << 32n) | BigInt(parsedKey.lo)).toString()]).toEqual([id, id]);
    }
  });

  it('parseNewSnowflakeKey refuses a 19-character id with a stray character anywhere, or a leading zero', () => {
    const id = '1310000000000000001';
    for (let at = 0; at < id.length; at++) {
      for (const stray of ['/', ':', 'a', ' ', '-', '\u0660']) expect([at, stray, parseNewSnowflakeKey(id.slice(0, at) + stray + id.slice(at + 1))]).toEqual([at, stray, false]);
    }
    expect(parseNewSnowflakeKey('0310000000000000001')).toBe(false);
    for (const id of ['', '01', '18446744073709551616']) expect(parseNewSnowflakeKey(id)).toBe(false);
    expect(parseNewSnowflakeKey(123 as unknown as string)).toBe(false);
  });

  it('refuses what is not a string (untyped callers)', () => {
    for (const value of [123, undefined, null, 0n, {}]) expect(parseSnowflakeKey(value as unknown as string)).toBe(false);
  });

  it('spreads ids that differ only in high or only in low bits over the slots', () => {
    const slots = new Set<number>();
    for (let i = 0; i < 256; i++) slots.add(hashSnowflakeKey(i, 0) & 255);
    expect(slots.size).toBeGreaterThan(128);
    slots.clear();
    for (let i = 0; i < 256; i++) slots.add(hashSnowflakeKey(0x1234_5678, i << 22) & 255);
    expect(slots.size).toBeGreaterThan(128);
  });
});
