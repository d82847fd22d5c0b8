import { AccessTracker } from '../../src/cache/access-tracker';

describe('AccessTracker', () => {
  it('ranks keys of one namespace by reads', () => {
    const tracker = new AccessTracker(100);
    for (const [key, reads] of [['a:1', 1], ['a:2', 5], ['a:3', 3], ['b:1', 9]] as const) {
      for (let i = 0; i < reads; i += 1) tracker.record(key);
    }
    expect(tracker.hottest('a', 2)).toEqual(['a:2', 'a:3']);
  });

  it('stays within its budget by halving, keeping the keys that stay popular', () => {
    const tracker = new AccessTracker(10);
    for (let i = 0; i < 100; i += 1) {
      tracker.record('hot:x');
      tracker.record('hot:x');
      tracker.record(`cold:${i}`);
    }
    const tracked = tracker.hottest('cold', 100).length + tracker.hottest('hot', 100).length;
    expect(tracked).toBeLessThanOrEqual(10);
    expect(tracker.hottest('hot', 1)).toEqual(['hot:x']);
  });

  it('drains unsaved counts grouped by namespace, once', () => {
    const tracker = new AccessTracker(100);
    tracker.record('a:1');
    tracker.record('a:1');
    tracker.record('b:2');
    expect(tracker.drain()).toEqual(new Map([['a', new Map([['a:1', 2]])], ['b', new Map([['b:2', 1]])]]));
    expect(tracker.drain()).toEqual(new Map());
  });

  it('samples about one read in sampleEvery without following round-robin access patterns', () => {
    const tracker = new AccessTracker(100, 4);
    for (let i = 0; i < 4_000; i += 1) tracker.record(`a:${i % 4}`);
    const counts = tracker.drain().get('a') ?? new Map<string, number>();
    // Each key is read 1,000 times; a quarter of that is expected, every key must be counted.
    for (const key of ['a:0', 'a:1', 'a:2', 'a:3']) {
      expect(counts.get(key)).toBeGreaterThan(150);
      expect(counts.get(key)).toBeLessThan(350);
    }
  });
});

