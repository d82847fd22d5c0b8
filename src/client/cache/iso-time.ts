// Discord writes every timestamp as `YYYY-MM-DDTHH:MM:SS[.ffffff]+00:00`. Date.parse handles any
// ISO string but costs about as much as the rest of caching a message; the common shape is read
// here with integer arithmetic. Anything outside the plainly valid range (day 29 and up, leap seconds, other
// offsets, short years, stray characters) goes to Date.parse, so the result is always Date.parse's.

const ZERO = 48;
/** The last date `discordShape` read (year * 10,000 + month * 100 + day) and its day number. */
let lastDate = -1;
let lastDays = 0;

/** The number in `text[start, start + length)` if it is all ASCII digits, else -1. */
function digits(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Epoch ms of an ISO 8601 timestamp, exactly as `Date.parse` returns it, faster for the UTC shape
 * Discord sends.
 *
 * @example
 * ```ts
 * parseIsoTime('2026-11-25T03:00:00.000000+00:00'); // === Date.parse('2026-11-25T03:00:00.000000+00:00')
 * ```
 */
export function parseIsoTime(iso: string): number {
  const length = iso.length;
  if (length === 32) {
    const exact = discordShape(iso);
    if (exact >= 0) return exact;
  }
  if (length < 20 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45 || iso.charCodeAt(10) !== 84 || iso.charCodeAt(13) !== 58 || iso.charCodeAt(16) !== 58) {
    return Date.parse(iso);
  }
  // The zone: `+00:00` or `Z`.
  let end: number;
  if (iso.charCodeAt(length - 1) === 90) end = length - 1;
  else if (length >= 25 && iso.endsWith('+00:00')) end = length - 6;
  else return Date.parse(iso);
  let ms = 0;
  if (end > 19) {
    // A fraction of 1 to 9 digits; Date.parse keeps its first three (truncated, not rounded).
    const fraction = end - 20;
    if (iso.charCodeAt(19) !== 46 || fraction < 1 || fraction > 9 || digits(iso, 20, fraction) < 0) return Date.parse(iso);
    ms = digits(iso, 20, Math.min(3, fraction));
    if (fraction === 1) ms *= 100;
    else if (fraction === 2) ms *= 10;
  } else if (end !== 19) {
    return Date.parse(iso);
  }
  const year = digits(iso, 0, 4);
  const month = digits(iso, 5, 2);
  const day = digits(iso, 8, 2);
  const hour = digits(iso, 11, 2);
  const minute = digits(iso, 14, 2);
  const second = digits(iso, 17, 2);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > 28 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return Date.parse(iso);
  }
  return daysFromCivil(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
}

/**
 * The exact shape of Discord's message timestamps, `YYYY-MM-DDTHH:MM:SS.ffffff+00:00`, read digit
 * by digit without a loop (a message's timestamp is read on every MESSAGE_CREATE); -1 for anything
 * else, including dates the general path hands to Date.parse.
 */
function discordShape(iso: string): number {
  if (iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45 || iso.charCodeAt(10) !== 84 || iso.charCodeAt(13) !== 58 || iso.charCodeAt(16) !== 58 || iso.charCodeAt(19) !== 46) return -1;
  // `+00:00`, read as characters: String#endsWith costs about as much as reading ten of them.
  if (iso.charCodeAt(26) !== 43 || iso.charCodeAt(27) !== 48 || iso.charCodeAt(28) !== 48 || iso.charCodeAt(29) !== 58 || iso.charCodeAt(30) !== 48 || iso.charCodeAt(31) !== 48) return -1;
  const y0 = iso.charCodeAt(0) - ZERO;
  const y1 = iso.charCodeAt(1) - ZERO;
  const y2 = iso.charCodeAt(2) - ZERO;
  const y3 = iso.charCodeAt(3) - ZERO;
  const mo0 = iso.charCodeAt(5) - ZERO;
  const mo1 = iso.charCodeAt(6) - ZERO;
  const d0 = iso.charCodeAt(8) - ZERO;
  const d1 = iso.charCodeAt(9) - ZERO;
  const h0 = iso.charCodeAt(11) - ZERO;
  const h1 = iso.charCodeAt(12) - ZERO;
  const mi0 = iso.charCodeAt(14) - ZERO;
  const mi1 = iso.charCodeAt(15) - ZERO;
  const s0 = iso.charCodeAt(17) - ZERO;
  const s1 = iso.charCodeAt(18) - ZERO;
  const f0 = iso.charCodeAt(20) - ZERO;
  const f1 = iso.charCodeAt(21) - ZERO;
  const f2 = iso.charCodeAt(22) - ZERO;
  const f3 = iso.charCodeAt(23) - ZERO;
  const f4 = iso.charCodeAt(24) - ZERO;
  const f5 = iso.charCodeAt(25) - ZERO;
  // Each digit is 0-9 exactly when, as an unsigned number, it is below 10.
  if ((y0 >>> 0) > 9 || (y1 >>> 0) > 9 || (y2 >>> 0) > 9 || (y3 >>> 0) > 9 || (mo0 >>> 0) > 9 || (mo1 >>> 0) > 9 || (d0 >>> 0) > 9 || (d1 >>> 0) > 9) return -1;
  if ((h0 >>> 0) > 9 || (h1 >>> 0) > 9 || (mi0 >>> 0) > 9 || (mi1 >>> 0) > 9 || (s0 >>> 0) > 9 || (s1 >>> 0) > 9) return -1;
  if ((f0 >>> 0) > 9 || (f1 >>> 0) > 9 || (f2 >>> 0) > 9 || (f3 >>> 0) > 9 || (f4 >>> 0) > 9 || (f5 >>> 0) > 9) return -1;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = mo0 * 10 + mo1;
  const day = d0 * 10 + d1;
  const hour = h0 * 10 + h1;
  const minute = mi0 * 10 + mi1;
  const second = s0 * 10 + s1;
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > 28 || hour > 23 || minute > 59 || second > 59) return -1;
  // Messages of one day share their date: its day number is worked out once.
  const date = year * 10_000 + month * 100 + day;
  if (date !== lastDate) {
    lastDate = date;
    lastDays = daysFromCivil(year, month, day);
  }
  return lastDays * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + f0 * 100 + f1 * 10 + f2;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil), for year >= 1000. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
