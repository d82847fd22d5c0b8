import { CacheInvalidOptionError } from '../../src/cache/cache-errors';
import { LruCache, type LruEviction } from '../../src/cache/lru';

function fakeClock(start = 1_000): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => (time += ms) };
}

describe('LruCache', () => {
  it('evicts the least recently used entry past maxEntries, counting reads as use', () => {
    const evicted: Array<LruEviction<number>> = [];
    const lru = new LruCache<number>({ maxEntries: 2, onEvict: (e) => evicted.push(e) });
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1); // a is now more recent than b
    lru.set('c', 3);
    expect(lru.has('b')).toBe(false);
    expect([...lru.keys()]).toEqual(['c', 'a']);
    expect(evicted).toEqual([{ key: 'b', value: 2, reason: 'capacity' }]);
  });

  it('peek does not refresh recency', () => {
    const lru = new LruCache<number>({ maxEntries: 2 });
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.peek('a')).toBe(1);
    lru.set('c', 3);
    expect(lru.has('a')).toBe(false);
  });

  it('bounds approximate bytes, evicting oldest first, and refuses a value larger than the bound', () => {
    const evicted: Array<LruEviction<string>> = [];
    const lru = new LruCache<string>({
      maxBytes: 10,
      sizeOf: (value) => value.length,
      onEvict: (e) => evicted.push(e),
    });
    lru.set('a', 'xxxx');
    lru.set('b', 'yyyy');
    expect(lru.bytes).toBe(8);
    lru.set('c', 'zzzz');
    expect(lru.has('a')).toBe(false);
    expect(lru.bytes).toBe(8);
    expect(lru.set('b', 'w'.repeat(11))).toBe(false);
    // The old value of b must not survive as a stale copy.
    expect(lru.has('b')).toBe(false);
    expect(evicted.map((e) => `${e.key}:${e.reason}`)).toEqual(['a:bytes', 'b:oversize']);
  });

  it('counts the default approximate size when maxBytes is set', () => {
    const lru = new LruCache<{ name: string }>({ maxBytes: 1_000_000 });
    lru.set('a', { name: 'x'.repeat(100) });
    expect(lru.bytes).toBeGreaterThan(200);
    lru.delete('a');
    expect(lru.bytes).toBe(0);
  });

  it('expires entries by per-entry and default TTL and reports them as expired', () => {
    const clock = fakeClock();
    const evicted: string[] = [];
    const lru = new LruCache<number>({ ttl: 100, now: clock.now, onEvict: (e) => evicted.push(`${e.key}:${e.reason}`) });
    lru.set('short', 1, { ttl: 10 });
    lru.set('default', 2);
    lru.set('absolute', 3, { expiresAt: 1_050 });
    expect(lru.expiresAt('short')).toBe(1_010);
    clock.advance(10);
    expect(lru.get('short')).toBeUndefined();
    expect(lru.get('default')).toBe(2);
    clock.advance(40);
    expect(lru.has('absolute')).toBe(false);
    clock.advance(50);
    expect(lru.prune()).toBe(1);
    expect(lru.size).toBe(0);
    expect(evicted).toEqual(['short:expired', 'absolute:expired', 'default:expired']);
  });

  it('overwriting a key replaces its value, size and expiry without an eviction', () => {
    const evicted: string[] = [];
    const lru = new LruCache<string>({ maxBytes: 100, sizeOf: (v) => v.length, onEvict: (e) => evicted.push(e.key) });
    lru.set('a', 'xx', { ttl: 5 });
    lru.set('a', 'xxxxx');
    expect(lru.get('a')).toBe('xxxxx');
    expect(lru.bytes).toBe(5);
    expect(lru.expiresAt('a')).toBeUndefined();
    expect(evicted).toEqual([]);
  });

  it('keeps the list consistent through deletes of head, tail and middle', () => {
    const lru = new LruCache<number>({ maxEntries: 10 });
    for (const key of ['a', 'b', 'c', 'd']) lru.set(key, 0);
    lru.delete('b');
    lru.delete('d');
    lru.delete('a');
    expect([...lru.keys()]).toEqual(['c']);
    lru.set('e', 1);
    expect([...lru.keys()]).toEqual(['e', 'c']);
    lru.clear();
    expect([...lru.keys()]).toEqual([]);
    expect(lru.delete('c')).toBe(false);
  });

  it.each([
    ['maxEntries', { maxEntries: 0 }],
    ['maxBytes', { maxBytes: -1 }],
    ['ttl', { ttl: Number.NaN }],
  ])('rejects a bad %s with a coded error', (option, options) => {
    expect(() => new LruCache(options)).toThrow(CacheInvalidOptionError);
    try {
      new LruCache(options);
    } catch (error) {
      expect((error as CacheInvalidOptionError).code).toBe('OVEN_ERR_CACHE_INVALID_OPTION');
      expect((error as Error).message).toContain(option);
    }
  });

  it('matches a naive reference LRU over a long random sequence of operations', () => {
    // Deterministic pseudo-random sequence, so a failure is reproducible.
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const lru = new LruCache<number>({ maxEntries: 5 });
    let model: Array<[string, number]> = []; // most recent first
    for (let step = 0; step < 5_000; step += 1) {
      const key = `k${random(12)}`;
      const op = random(3);
      if (op === 0) {
        lru.set(key, step);
        model = [[key, step] as [string, number], ...model.filter(([k]) => k !== key)].slice(0, 5);
      } else if (op === 1) {
        const found = model.find(([k]) => k === key);
        expect(lru.get(key)).toBe(found?.[1]);
        if (found !== undefined) model = [found, ...model.filter(([k]) => k !== key)];
      } else {
        expect(lru.delete(key)).toBe(model.some(([k]) => k === key));
        model = model.filter(([k]) => k !== key);
      }
      expect([...lru.keys()]).toEqual(model.map(([k]) => k));
    }
  });
});

