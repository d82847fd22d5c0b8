import { parseIsoTime } from '../../../src/client/cache/iso-time';
import { seededRandom } from '../../support/seeded-random';

describe('parseIsoTime', () => {
  it('gives exactly what Date.parse gives, on the fast path and on every fallback', () => {
    const samples = [
      '2026-11-25T03:00:00.000000+00:00',
      '2026-11-25T03:00:00.999999+00:00',
      '2024-02-28T23:59:59.123456+00:00',
      '2000-03-01T00:00:00.5+00:00',
      '1999-12-31T12:34:56.78Z',
      '2015-01-01T00:00:00+00:00',
      '2015-01-01T00:00:00Z',
      '1970-01-01T00:00:00.000Z',
      '1969-07-20T20:17:40.000Z',
      '2026-11-25T03:00:00.1234567890Z',
      // Discord's exact 32-character shape with a stray character in each field (read without a loop).
      '2026-11-25T03:00:00.00000x+00:00',
      '2026-1a-25T03:00:00.000000+00:00',
      '2026-11-25T0b:00:00.000000+00:00',
      '20 6-11-25T03:00:00.000000+00:00',
      '2026-11-25T03:00:00.000000-00:00',
      '2026-11-25T03:00:00,000000+00:00',
      // Fallbacks: day >= 29, roll-overs Date.parse accepts, leap second, short year, other zones, junk.
      '2024-02-29T10:00:00.000000+00:00',
      '2021-02-30T00:00:00.000000+00:00',
      '2026-11-25T24:00:00.000000+00:00',
      '2026-11-25T03:00:60.000000+00:00',
      '0050-01-01T00:00:00.000000+00:00',
      '2026-11-25T03:00:00.000000+01:00',
      '2026-11-25T03:00:00.000000-05:30',
      '2026-11-25T03:00:00.+00:00',
      '2026-13-25T03:00:00Z',
      '2026-11-25 03:00:00Z',
      '2026-11-25',
      '',
      'not a date',
    ];
    for (const sample of samples) expect([sample, parseIsoTime(sample)]).toEqual([sample, Date.parse(sample)]);
  });

  it('gives what Date.parse gives with any one character of the 32-character shape replaced (each separator and digit is checked)', () => {
    const base = '2026-11-25T03:00:00.123456+00:00';
    for (let at = 0; at < base.length; at++) {
      for (const stray of ['0', '5', '9', '+', '-', ':', '.', 'T', 'Z', 'x', ' ', '/']) {
        const iso = base.slice(0, at) + stray + base.slice(at + 1);
        expect([iso, parseIsoTime(iso)]).toEqual([iso, Date.parse(iso)]);
      }
    }
  });

  it('agrees with Date.parse on every day of a leap and a common year, across the epoch', () => {
    for (const year of [1969, 2000, 2023, 2024, 2100]) {
      for (let day = 0; day < 366; day++) {
        const iso = new Date(Date.UTC(year, 0, 1 + day, day % 24, day % 60, (day * 7) % 60, day % 1000)).toISOString().replace('Z', '000+00:00');
        expect([iso, parseIsoTime(iso)]).toEqual([iso, Date.parse(iso)]);
      }
    }
  });

  it('a date read before is reused only for that date: same-day runs, day changes, and a bad time on a cached date', () => {
    const next = seededRandom(11);
    const days = ['2026-11-25', '2026-11-26', '2024-02-28', '2026-11-30'];
    for (let i = 0; i < 2000; i++) {
      const day = days[Math.floor(next() * (next() < 0.8 ? 1 : days.length))]!;
      const hour = String(Math.floor(next() * 26)).padStart(2, '0');
      const minute = String(Math.floor(next() * 61)).padStart(2, '0');
      const iso = `${day}T${hour}:${minute}:07.${String(Math.floor(next() * 1e6)).padStart(6, '0')}+00:00`;
      expect([iso, parseIsoTime(iso)]).toEqual([iso, Date.parse(iso)]);
    }
  });
});
