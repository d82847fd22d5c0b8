import { TextPool } from '../../../src/client/cache/text-pool';

/** A pool owning a list of segments, as a table would. */
function poolWith(initialBytes = 16, keepSpare = false): { pool: TextPool; segments: Array<{ start: number; length: number }> } {
  const segments: Array<{ start: number; length: number }> = [];
  const pool = new TextPool({ forEachSegment: (move) => segments.forEach((s) => (s.start = move(s.start, s.length))) }, initialBytes, 1.5, keepSpare);
  return { pool, segments };
}

describe('TextPool', () => {
  it.each([
    ['plain ASCII', 'hello world'],
    ['empty', ''],
    ['multi-byte after ASCII', 'bread 🍞 and crème'],
    ['multi-byte first', 'ünïcode'],
    ['a lone surrogate (written as U+FFFD, as Buffer does)', 'a\ud800b'],
  ])('reads back %s as Buffer.from would', (_, text) => {
    const { pool, segments } = poolWith();
    const start = pool.write(text);
    segments.push({ start, length: pool.written });
    expect(pool.written).toBe(Buffer.byteLength(text));
    expect(pool.read(start, pool.written)).toBe(Buffer.from(text).toString());
  });

  it('cuts at maxBytes on a character boundary, for ASCII and multi-byte text alike', () => {
    const { pool } = poolWith();
    let start = pool.write('abcdefgh', 5);
    expect(pool.read(start, pool.written)).toBe('abcde');
    start = pool.write('ab🍞cd', 5);
    expect(pool.read(start, pool.written)).toBe('ab');
    start = pool.write('ab🍞cd', 6);
    expect(pool.read(start, pool.written)).toBe('ab🍞');
  });

  it.each([
    ['a new buffer per squeeze', false],
    ['the spare buffer of the last squeeze', true],
  ])('keeps live text through squeezes and growth, dropping what was freed (squeezing into %s)', (_, keepSpare) => {
    const { pool, segments } = poolWith(8, keepSpare);
    const texts: string[] = [];
    // About 250 KB written in all: several times the 64 KiB a squeezed pool starts with.
    for (let i = 0; i < 20_000; i++) {
      const text = i % 3 === 0 ? `é${i}🍞` : `message ${i}`;
      const start = pool.write(text);
      segments.push({ start, length: pool.written });
      texts.push(text);
      // Keep the last 10: the older ones are freed, as an evicted row's text is.
      if (segments.length > 10) {
        pool.free(segments.shift()!.length);
        texts.shift();
      }
    }
    expect(segments.map((s) => pool.read(s.start, s.length))).toEqual(texts);
    // Squeezed, not grown without bound: ten short texts need little room.
    expect(pool.used).toBeLessThan(64 * 1024);
  });

  it('keeps live text when its owner lists the segments in any order (a squeeze into the other half copies between halves, never within one)', () => {
    const kept: Array<{ start: number; length: number }> = [];
    const recent: Array<{ start: number; length: number }> = [];
    // Newest first, the long-lived last: a copy within the region being squeezed would overwrite
    // the long-lived text (low in the region) before copying it.
    const pool = new TextPool({ forEachSegment: (move) => [...kept, ...recent].reverse().forEach((s) => (s.start = move(s.start, s.length))) }, 8, 2, true);
    const keptTexts: string[] = [];
    const recentTexts: string[] = [];
    for (let i = 0; i < 30_000; i++) {
      const text = `message ${i} ${'x'.repeat(i % 50)}`;
      const start = pool.write(text);
      // The first 200 stay for good (a quiet channel's); of the rest, the last 300.
      if (i < 200) {
        kept.push({ start, length: pool.written });
        keptTexts.push(text);
        continue;
      }
      recent.push({ start, length: pool.written });
      recentTexts.push(text);
      if (recent.length > 300) {
        pool.free(recent.shift()!.length);
        recentTexts.shift();
      }
    }
    expect(kept.map((s) => pool.read(s.start, s.length))).toEqual(keptTexts);
    expect(recent.map((s) => pool.read(s.start, s.length))).toEqual(recentTexts);
  });

  it('equals compares without decoding ASCII and decodes otherwise', () => {
    const { pool } = poolWith();
    const start = pool.write('bakercrème');
    expect(pool.equals(start, 5, 'baker')).toBe(true);
    expect(pool.equals(start, 5, 'bakes')).toBe(false);
    expect(pool.equals(start + 5, 6, 'crème')).toBe(true);
    expect(pool.equals(start + 5, 6, 'creme')).toBe(false);
  });

  it('writePair stores two texts as one segment, each cut on its own', () => {
    const { pool } = poolWith();
    const start = pool.writePair('ann', 'Ann 🍞', 5);
    expect([pool.written, pool.writtenSecond]).toEqual([3, 4]);
    expect(pool.read(start, 3)).toBe('ann');
    expect(pool.read(start + 3, 4)).toBe('Ann ');
  });
});
