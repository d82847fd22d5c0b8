import { approximateSize } from '../../src/cache/approximate-size';

describe('approximateSize', () => {
  it('grows with string length and with the number of items', () => {
    expect(approximateSize('x'.repeat(1000))).toBeGreaterThan(approximateSize('x'.repeat(10)) + 1900);
    expect(approximateSize(Array(100).fill(1))).toBeGreaterThan(approximateSize(Array(10).fill(1)));
    expect(approximateSize(new Map([['a', 'b'.repeat(500)]]))).toBeGreaterThan(1000);
    expect(approximateSize(new Set(['a'.repeat(500)]))).toBeGreaterThan(1000);
    expect(approximateSize(Buffer.alloc(4096))).toBeGreaterThanOrEqual(4096);
  });

  it('counts a shared or cyclic object once instead of looping', () => {
    const shared = { text: 'y'.repeat(1000) };
    const once = approximateSize({ a: shared });
    const twice = approximateSize({ a: shared, b: shared });
    expect(twice - once).toBeLessThan(100);
    const cyclic: { self?: unknown; text: string } = { text: 'z' };
    cyclic.self = cyclic;
    expect(approximateSize(cyclic)).toBeGreaterThan(0);
  });

  it('gives primitives a small constant size', () => {
    expect(approximateSize(1)).toBe(8);
    expect(approximateSize(true)).toBe(4);
    expect(approximateSize(null)).toBe(0);
    expect(approximateSize(undefined)).toBe(0);
    expect(approximateSize(2n ** 64n)).toBeGreaterThan(16);
  });
});
