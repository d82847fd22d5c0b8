import { CacheClosedError } from '../../src/cache/cache-errors';
import { MemoryTier } from '../../src/cache/memory-tier';

const entry = (value: unknown, extra: { tags?: string[]; dependsOn?: string[]; expiresAt?: number } = {}) => ({
  value,
  tags: extra.tags ?? [],
  dependsOn: extra.dependsOn ?? [],
  ...(extra.expiresAt === undefined ? {} : { expiresAt: extra.expiresAt }),
});

describe('MemoryTier', () => {
  it('indexes tags and dependents, and forgets them when the entry goes', async () => {
    const tier = new MemoryTier();
    await tier.set('c:1', entry('one', { tags: ['guild:1'], dependsOn: ['g:1'] }));
    await tier.set('c:2', entry('two', { tags: ['guild:1', 'guild:2'] }));
    expect((await tier.keysWithTag(['guild:1'])).sort()).toEqual(['c:1', 'c:2']);
    expect(await tier.dependentsOf(['g:1'])).toEqual(['c:1']);
    // Re-setting without the tag must drop it from the index.
    await tier.set('c:1', entry('one'));
    expect(await tier.keysWithTag(['guild:1'])).toEqual(['c:2']);
    expect(await tier.dependentsOf(['g:1'])).toEqual([]);
    await tier.delete(['c:2']);
    expect(await tier.keysWithTag(['guild:2'])).toEqual([]);
    await tier.close();
  });

  it('drops index entries of evicted keys and reports evictions', async () => {
    const reasons: string[] = [];
    const tier = new MemoryTier({ maxEntries: 1 });
    tier.onEviction((key, reason) => reasons.push(`${key}:${reason}`));
    await tier.set('a', entry(1, { tags: ['t'] }));
    await tier.set('b', entry(2));
    expect(await tier.keysWithTag(['t'])).toEqual([]);
    expect(reasons).toEqual(['a:capacity']);
    await tier.close();
  });

  it('caps an entry life with the tier ttl, keeping a shorter own expiry', async () => {
    let now = 0;
    const tier = new MemoryTier({ ttl: 100, now: () => now });
    await tier.set('long', entry('x'));
    await tier.set('short', entry('y', { expiresAt: 50 }));
    now = 60;
    expect(await tier.get('short')).toBeUndefined();
    expect((await tier.get('long'))?.value).toBe('x');
    now = 100;
    expect(await tier.get('long')).toBeUndefined();
    await tier.close();
  });

  it('clears a prefix only', async () => {
    const tier = new MemoryTier();
    await tier.set('users:1', entry(1));
    await tier.set('guilds:1', entry(2));
    await tier.clear('users:');
    expect(tier.keys()).toEqual(['guilds:1']);
    await tier.close();
    await expect(tier.get('guilds:1')).rejects.toThrow(CacheClosedError);
  });

  it('sweeps expired entries on its own with pruneInterval', async () => {
    let now = 0;
    const tier = new MemoryTier({ pruneInterval: 5, now: () => now });
    const expired = new Promise<string>((resolve) => tier.onEviction((key, reason) => resolve(`${key}:${reason}`)));
    await tier.set('old', entry(1, { expiresAt: 10, tags: ['t'] }));
    now = 10;
    expect(await expired).toBe('old:expired');
    expect(tier.size).toBe(0);
    expect(await tier.keysWithTag(['t'])).toEqual([]);
    await tier.close();
  });
});

