// Snowflakes arrive as decimal strings of up to 64 bits. The compact tables keep them as two
// unsigned 32-bit halves: 8 bytes instead of a ~40-byte heap string, and parsed with plain number
// arithmetic so the hot path allocates no BigInt.

const TWO_32 = 4_294_967_296;

/** The halves of the last id `parseSnowflakeKey` accepted (one shared scratch, read right after). */
export const parsedKey = { hi: 0, lo: 0 };

// The last two ids parsed: a MESSAGE_CREATE reads its author's id (member, user, message author)
// and its own id in turn, so with one entry the author's was parsed again for every message.
let lastId = '';
let lastHi = 0;
let lastLo = 0;
let previousId = '';
let previousHi = 0;
let previousLo = 0;

/**
 * Reads a decimal id into `parsedKey`. Only the canonical spelling of an unsigned 64-bit integer is
 * accepted (digits, no sign, no leading zero, at most 2^64 - 1), so `snowflakeKeyString` gives
 * back the exact string. Anything else returns false: Discord never sends such ids, and the
 * tables leave them out rather than store an id they could not spell back.
 */
export function parseSnowflakeKey(id: string): boolean {
  // One dispatch reads the same id string several times (a message author as user, then as member).
  // Plain JS callers can hand in anything; only strings are ids.
  if (typeof id !== 'string') return false;
  if (id === lastId) {
    parsedKey.hi = lastHi;
    parsedKey.lo = lastLo;
    return true;
  }
  if (id === previousId) {
    parsedKey.hi = previousHi;
    parsedKey.lo = previousLo;
    return true;
  }
  if (!readDigits(id)) return false;
  previousId = lastId;
  previousHi = lastHi;
  previousLo = lastLo;
  lastId = id;
  lastHi = parsedKey.hi;
  lastLo = parsedKey.lo;
  return true;
}

/**
 * `parseSnowflakeKey` for an id met for the first time (a new message's): no comparison with the
 * remembered ids, which it cannot match, and none of them pushed out. The 19-digit ids Discord
 * sends are read without a loop.
 */
export function parseNewSnowflakeKey(id: string): boolean {
  if (typeof id !== 'string') return false;
  if (id.length !== 19) return readDigits(id);
  const d0 = id.charCodeAt(0) - 48;
  const d1 = id.charCodeAt(1) - 48;
  const d2 = id.charCodeAt(2) - 48;
  const d3 = id.charCodeAt(3) - 48;
  const d4 = id.charCodeAt(4) - 48;
  const d5 = id.charCodeAt(5) - 48;
  const d6 = id.charCodeAt(6) - 48;
  const d7 = id.charCodeAt(7) - 48;
  const d8 = id.charCodeAt(8) - 48;
  const d9 = id.charCodeAt(9) - 48;
  const e0 = id.charCodeAt(10) - 48;
  const e1 = id.charCodeAt(11) - 48;
  const e2 = id.charCodeAt(12) - 48;
  const e3 = id.charCodeAt(13) - 48;
  const e4 = id.charCodeAt(14) - 48;
  const e5 = id.charCodeAt(15) - 48;
  const e6 = id.charCodeAt(16) - 48;
  const e7 = id.charCodeAt(17) - 48;
  const e8 = id.charCodeAt(18) - 48;
  // A digit d is in 0-9 exactly when neither d nor 9 - d is negative; the first is not 0.
  const signs =
    (d0 - 1) | (9 - d0) | d1 | (9 - d1) | d2 | (9 - d2) | d3 | (9 - d3) | d4 | (9 - d4) | d5 | (9 - d5) | d6 | (9 - d6) | d7 | (9 - d7) | d8 | (9 - d8) | d9 | (9 - d9) |
    e0 | (9 - e0) | e1 | (9 - e1) | e2 | (9 - e2) | e3 | (9 - e3) | e4 | (9 - e4) | e5 | (9 - e5) | e6 | (9 - e6) | e7 | (9 - e7) | e8 | (9 - e8);
  if (signs < 0) return false;
  const high = ((((d0 * 10 + d1) * 10 + d2) * 10 + d3) * 10 + d4) * 100_000 + ((((d5 * 10 + d6) * 10 + d7) * 10 + d8) * 10 + d9);
  const low = (((((((e0 * 10 + e1) * 10 + e2) * 10 + e3) * 10 + e4) * 10 + e5) * 10 + e6) * 10 + e7) * 10 + e8;
  return combine(high, low);
}

/** Reads a canonical decimal id into `parsedKey`, without the remembered ids. */
function readDigits(id: string): boolean {
  const length = id.length;
  if (length === 0 || length > 20 || (length > 1 && id.charCodeAt(0) === 48)) return false;
  // id = high * 1e9 + low, with low the last nine digits: both exact in doubles, no per-digit division.
  const split = length > 9 ? length - 9 : 0;
  let high = 0;
  for (let i = 0; i < split; i++) {
    const digit = id.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return false;
    high = high * 10 + digit;
  }
  let low = 0;
  for (let i = split; i < length; i++) {
    const digit = id.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return false;
    low = low * 10 + digit;
  }
  return combine(high, low);
}

/** Puts `high * 1e9 + low` (high below 1e11, low below 1e9) into `parsedKey` as halves; false past 2^64 - 1. */
function combine(high: number, low: number): boolean {
  // high < 1e11 < 2^37. high * 1e9 = (highTop * 2^17 + highBottom) * 1e9; highTop * 1e9 < 2^50
  // and highBottom * 1e9 < 2^47 stay exact, and the 2^17 shift splits into the two halves.
  const highTop = Math.floor(high / 131_072);
  const highBottom = high - highTop * 131_072;
  const top = highTop * 1e9;
  const topHigh = Math.floor(top / 32_768);
  const sum = (top - topHigh * 32_768) * 131_072 + highBottom * 1e9 + low;
  const carry = Math.floor(sum / TWO_32);
  const lo = sum - carry * TWO_32;
  const hi = topHigh + carry;
  if (hi >= TWO_32) return false;
  parsedKey.hi = hi;
  parsedKey.lo = lo;
  return true;
}

/**
 * A cheap hash of an id string for caches keyed by the string itself: its length and last six
 * characters (a snowflake's low decimal digits are the ones that vary), so a cache hit costs six
 * character reads and one string comparison instead of reading every digit or hashing the whole
 * string for a Map.
 */
export function idStringHash(id: string): number {
  const length = id.length;
  let h = length;
  for (let i = length > 6 ? length - 6 : 0; i < length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x9e37_79b1);
  return h ^ (h >>> 16);
}

const KEY_CACHE_SLOTS = 1024;

/**
 * Ids met again and again (message authors) with their halves, direct-mapped by `idStringHash`:
 * a hit gives the halves without reading the whole id. Holds at most 1,024 id strings.
 *
 * @example
 * ```ts
 * const authors = new SnowflakeKeyCache();
 * if (authors.parse(message.author.id)) users.rowOfKey(parsedKey.hi, parsedKey.lo);
 * ```
 */
export class SnowflakeKeyCache {
  private readonly ids: (string | undefined)[] = new Array<string | undefined>(KEY_CACHE_SLOTS).fill(undefined);
  private readonly halves = new Uint32Array(KEY_CACHE_SLOTS * 2);

  /** `parseSnowflakeKey`, answering from the cache when it can: the halves go to `parsedKey`. */
  public parse(id: string): boolean {
    if (typeof id !== 'string') return false;
    const slot = idStringHash(id) & (KEY_CACHE_SLOTS - 1);
    if (this.ids[slot] === id) {
      parsedKey.hi = this.halves[slot * 2]!;
      parsedKey.lo = this.halves[slot * 2 + 1]!;
      return true;
    }
    if (!parseNewSnowflakeKey(id)) return false;
    this.ids[slot] = id;
    this.halves[slot * 2] = parsedKey.hi;
    this.halves[slot * 2 + 1] = parsedKey.lo;
    return true;
  }
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
