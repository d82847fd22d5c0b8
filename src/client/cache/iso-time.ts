// Discord writes every timestamp as `YYYY-MM-DDTHH:MM:SS[.ffffff]+00:00`. Date.parse handles any
// ISO string but costs about as much as the rest of caching a message; the common shape is read
// here with integer arithmetic. Anything outside the plainly valid range (day 29 and up, leap seconds, other
// offsets, short years, stray characters) goes to Date.parse, so the result is always Date.parse's.

const ZERO = 48;

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

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil), for year >= 1000. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
