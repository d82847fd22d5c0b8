// Snowflakes arrive as decimal strings of up to 64 bits. The compact tables keep them as two
// unsigned 32-bit halves: 8 bytes instead of a ~40-byte heap string, and parsed with plain number
// arithmetic so the hot path allocates no BigInt.

const TWO_32 = 4_294_967_296;

/** The halves of the last id `parseSnowflakeKey` accepted (one shared scratch, read right after). */
export const parsedKey = { hi: 0, lo: 0 };

/**
 * Reads a decimal id into `parsedKey`. Only the canonical spelling of an unsigned 64-bit integer is
 * accepted (digits, no sign, no leading zero, at most 2^64 - 1), so `snowflakeKeyString` gives
 * back the exact string. Anything else returns false: Discord never sends such ids, and the
 * tables leave them out rather than store an id they could not spell back.
 */
export function parseSnowflakeKey(id: string): boolean {
  const length = id.length;
  if (length === 0 || length > 20 || (length > 1 && id.charCodeAt(0) === 48)) return false;
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < length; i++) {
    const digit = id.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return false;
    // lo < 2^32 so lo * 10 + 9 < 2^36: exact in a double.
    lo = lo * 10 + digit;
    const carry = Math.floor(lo / TWO_32);
    lo -= carry * TWO_32;
    hi = hi * 10 + carry;
    if (hi >= TWO_32) return false;
  }
  parsedKey.hi = hi;
  parsedKey.lo = lo;
  return true;
}

/** The decimal string of the id whose halves are `hi` and `lo`. */
export function snowflakeKeyString(hi: number, lo: number): string {
  // Below 2^53 a double holds the id exactly and prints it without a BigInt.
  if (hi < 0x20_0000) return String(hi * TWO_32 + lo);
  return ((BigInt(hi) << 32n) | BigInt(lo)).toString();
}

/** A well-mixed 32-bit hash of an id (snowflakes share their high bits and often their low ones). */
export function hashSnowflakeKey(hi: number, lo: number): number {
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e37_79b1), 0x85eb_ca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2_ae35);
  return h ^ (h >>> 16);
}
