import { approximateSize } from '../../src/cache/approximate-size';
import { MemoryTier } from '../../src/cache/memory-tier';
import type { TierEntry } from '../../src/cache/tier';

describe('MemoryTier size and index accounting', () => {
  it('keeps bytes, entries and the tag and dependents indexes in step with what it holds, over a long random run', async () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let now = 0;
    const maxBytes = 2_000;
    const tier = new MemoryTier({ maxEntries: 8, maxBytes, ttl: 400, now: () => now });
    const values = ['', 'x'.repeat(10), 'y'.repeat(100), 'z'.repeat(600), 'w'.repeat(1_200)];
    const sizeOf = (key: string, entry: TierEntry<unknown>): number => approximateSize(entry.value) + key.length * 2;

    for (let step = 0; step < 1_500; step += 1) {
      const key = `ns:k${random(16)}`;
      const op = random(6);
      now += random(40);
      if (op <= 1) {
        const entry: TierEntry<unknown> = {
          value: { text: values[random(values.length)] },
          tags: random(2) === 0 ? [`t${random(3)}`] : [],
          dependsOn: random(2) === 0 ? [`ns:k${random(16)}`] : [],
          ...(random(3) === 0 ? { expiresAt: now + random(300) + 1 } : {}),
        };
        await tier.set(key, entry);
      } else if (op === 2) {
        await tier.get(key);
      } else if (op === 3) {
        await tier.delete([key]);
      } else if (op === 4 && random(20) === 0) {
        await tier.clear(`ns:k${random(2)}`);
      }

      // What the tier holds, read from the LRU itself: has()/get() would expire entries and change the run.
      const held = new Map<string, TierEntry<unknown>>();
      for (const stored of tier.keys()) {
        const lru = (tier as unknown as { lru: { nodes: Map<string, { value: TierEntry<unknown> }> } }).lru;
        const node = lru.nodes.get(stored);
        if (node !== undefined) held.set(stored, node.value);
      }
      expect(tier.size).toBe(held.size);
      expect(tier.size).toBeLessThanOrEqual(8);
      const bytes = [...held].reduce((total, [stored, entry]) => total + sizeOf(stored, entry), 0);
      expect(tier.bytes).toBe(bytes);
      expect(tier.bytes).toBeLessThanOrEqual(maxBytes);
      for (let tag = 0; tag < 3; tag += 1) {
        const expected = [...held].filter(([, entry]) => entry.tags.includes(`t${tag}`)).map(([stored]) => stored);
        expect((await tier.keysWithTag([`t${tag}`])).sort()).toEqual(expected.sort());
      }
      for (const parent of [random(16), random(16)]) {
        const expected = [...held].filter(([, entry]) => entry.dependsOn.includes(`ns:k${parent}`)).map(([stored]) => stored);
        expect((await tier.dependentsOf([`ns:k${parent}`])).sort()).toEqual(expected.sort());
      }
    }
    await tier.close();
  });
});
