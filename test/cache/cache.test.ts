import { EventEmitter } from 'node:events';
import { Cache } from '../../src/cache/cache';
import {
  CacheClosedError,
  CacheCorruptEntryError,
  CacheInvalidOptionError,
  CacheSerializationError,
  CacheWriteBehindError,
} from '../../src/cache/cache-errors';
import type { CacheEvents } from '../../src/cache/cache-events';
import { MemoryTier } from '../../src/cache/memory-tier';
import type { TierEntry } from '../../src/cache/tier';
import { MapByteTier } from './map-byte-tier';

const open: Cache[] = [];
function track(cache: Cache): Cache {
  open.push(cache);
  return cache;
}
afterEach(async () => {
  for (const cache of open.splice(0)) await cache.close().catch(() => undefined);
});

function events<K extends keyof CacheEvents>(cache: Cache, name: K): Array<CacheEvents[K][0]> {
  const seen: Array<CacheEvents[K][0]> = [];
  (cache as EventEmitter).on(name, (event: CacheEvents[K][0]) => seen.push(event));
  return seen;
}

describe('Cache read-through and write-through', () => {
  it('fills the memory tier from a lower-tier hit and counts hits per tier and namespace', async () => {
    const memory = new MemoryTier();
    const remote = new MapByteTier();
    const cache = track(new Cache({ tiers: [memory, remote] }));
    const users = cache.namespace('users');
    await users.set('1', { name: 'ada' });
    await memory.delete(['users:1']); // as if evicted
    expect(await users.get('1')).toEqual({ name: 'ada' });
    expect(memory.has('users:1')).toBe(true);
    expect(await users.get('1')).toEqual({ name: 'ada' });
    expect(await users.get('2')).toBeUndefined();
    const stats = cache.stats();
    expect(stats.namespaces['users']?.tiers).toEqual({
      memory: { hits: 1, misses: 2, hitRatio: 1 / 3 },
      remote: { hits: 1, misses: 1, hitRatio: 0.5 },
    });
    expect(stats.namespaces['users']).toMatchObject({ hits: 2, misses: 1 });
    expect(stats.tiers['remote']).toMatchObject({ hits: 1, misses: 1, down: false });
  });

  it('writes serialised bytes to byte tiers and the live value to memory, keeping bigint and Date', async () => {
    const memory = new MemoryTier();
    const remote = new MapByteTier();
    const cache = track(new Cache({ tiers: [memory, remote] }));
    const value = { id: 10n, at: new Date(5) };
    await cache.set('k', value);
    expect((await memory.get('default:k'))?.value).toBe(value);
    expect(Buffer.isBuffer(remote.entries.get('default:k')?.value)).toBe(true);
    await memory.delete(['default:k']);
    expect(await cache.get('k')).toEqual(value);
  });

  it('keeps namespaces apart and applies namespace, call and cache TTLs', async () => {
    let now = 1_000;
    const cache = track(new Cache({ tiers: [new MemoryTier({ now: () => now })], ttl: 500, now: () => now }));
    const short = cache.namespace('short', { ttl: 100 });
    await short.set('a', 'short');
    await cache.set('a', 'default');
    await cache.set('b', 'custom', { ttl: 50 });
    expect(await short.get('a')).toBe('short');
    expect(await cache.get('a')).toBe('default');
    now += 60;
    expect(await cache.get('b')).toBeUndefined();
    now += 50;
    expect(await short.get('a')).toBeUndefined();
    expect(await cache.get('a')).toBe('default');
    now += 400;
    expect(await cache.get('a')).toBeUndefined();
  });

  it('rejects bad input with coded errors before writing', async () => {
    const cache = track(new Cache({ tiers: [new MemoryTier()] }));
    await expect(cache.set('', 1)).rejects.toThrow(CacheInvalidOptionError);
    await expect(cache.get('')).rejects.toThrow(CacheInvalidOptionError);
    await expect(cache.set('k', undefined)).rejects.toThrow(/cache null/);
    await expect(cache.set('k', 1, { ttl: -5 })).rejects.toThrow(/ttl/);
    await expect(cache.set('k', 1, { tags: [''] })).rejects.toThrow(/tags/);
    await expect(cache.set('k', 1, { tags: 'guild:1' as unknown as string[] })).rejects.toThrow(/"tags" must be an array/);
    await expect(cache.invalidate({ tags: 'guild:1' as unknown as string[] })).rejects.toThrow(/"tags" must be an array/);
    expect(() => cache.namespace('a:b')).toThrow(/namespace/);
    cache.namespace('timed', { ttl: 100 });
    expect(cache.namespace('timed').ttl).toBe(100);
    expect(() => cache.namespace('timed', { ttl: 200 })).toThrow(/ttl of namespace "timed"/);
    expect(() => new Cache({ tiers: [] })).toThrow(CacheInvalidOptionError);
    expect(() => new Cache({ tiers: [new MemoryTier(), new MemoryTier()] })).toThrow(/distinct names/);
    expect(await cache.get('k')).toBeUndefined();
  });

  it('leaves every tier untouched when a value cannot be serialised', async () => {
    const memory = new MemoryTier();
    const remote = new MapByteTier();
    const cache = track(new Cache({ tiers: [memory, remote] }));
    await cache.set('k', { ok: 1 });
    const error = await cache.set('k', { handler: () => 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CacheSerializationError);
    expect((error as CacheSerializationError).message).toContain('"default:k"');
    expect((error as CacheSerializationError).path).toBe('$.handler');
    expect((await memory.get('default:k'))?.value).toEqual({ ok: 1 });
    expect(remote.value('default:k')).toEqual({ ok: 1 });
  });

  it('drops an entry it cannot decode and reports it instead of failing the read', async () => {
    const remote = new MapByteTier();
    const cache = track(new Cache({ tiers: [new MemoryTier(), remote] }));
    const errors = events(cache, 'backgroundError');
    remote.entries.set('default:bad', { value: Buffer.from('{"$oven":"nope"}'), tags: [], dependsOn: [] });
    expect(await cache.get('bad')).toBeUndefined();
    expect(remote.entries.has('default:bad')).toBe(false);
    expect(errors[0]?.error).toBeInstanceOf(CacheCorruptEntryError);
  });

  it('refuses use after close', async () => {
    const cache = new Cache({ tiers: [new MemoryTier()] });
    await cache.close();
    await expect(cache.get('k')).rejects.toThrow(CacheClosedError);
  });
});

describe('Cache read races', () => {
  it('does not copy a value into memory when the key changed while it was read from below', async () => {
    let open: () => void = () => undefined;
    class SlowTier extends MapByteTier {
      public gate: Promise<void> | undefined;
      public override async get(key: string) {
        const found = await super.get(key);
        if (this.gate !== undefined) await this.gate;
        return found;
      }
    }
    const memory = new MemoryTier();
    const slow = new SlowTier();
    const cache = track(new Cache({ tiers: [memory, slow] }));
    await cache.set('k', 'old');
    await cache.set('other', 'x');
    await memory.clear('');
    slow.gate = new Promise((resolve) => (open = resolve));
    const reading = cache.get('k');
    const unrelated = cache.get('other');
    await new Promise((resolve) => setImmediate(resolve));
    await cache.delete('k');
    open();
    expect(await reading).toBe('old'); // read before the delete landed
    await unrelated;
    slow.gate = undefined;
    expect(memory.has('default:k')).toBe(false);
    expect(await cache.get('k')).toBeUndefined();
    // A change to one key must not stop other reads from filling memory.
    expect(memory.has('default:other')).toBe(true);
  });
});

describe('Cache read races, continued', () => {
  it('removes a copy whose fill was still being written when the key changed', async () => {
    let release: () => void = () => undefined;
    class SlowFillTier extends MapByteTier {
      public slow = false;
      public override async set(key: string, entry: TierEntry<Buffer>): Promise<void> {
        if (this.slow) await new Promise<void>((resolve) => (release = resolve));
        await super.set(key, entry);
      }
    }
    const upper = new SlowFillTier('upper');
    const lower = new MapByteTier('lower');
    const cache = track(new Cache({ tiers: [upper, lower] }));
    await cache.set('k', 'old');
    upper.entries.clear();
    upper.slow = true;
    const reading = cache.get('k');
    await new Promise((resolve) => setImmediate(resolve)); // the fill into `upper` is now waiting
    upper.slow = false;
    const deleting = cache.delete('k');
    await new Promise((resolve) => setImmediate(resolve));
    release(); // the old copy lands after the delete
    expect(await reading).toBe('old');
    await deleting;
    await cache.idle();
    expect(upper.entries.has('default:k')).toBe(false);
  });
});

describe('Cache.getOrSet', () => {
  it('runs one loader for concurrent callers of one key', async () => {
    const cache = track(new Cache({ tiers: [new MemoryTier(), new MapByteTier()] }));
    let calls = 0;
    let release: (value: string) => void = () => undefined;
    const loader = () => {
      calls += 1;
      return new Promise<string>((resolve) => (release = resolve));
    };
    const waiting = Array.from({ length: 10 }, () => cache.getOrSet('k', loader));
    await new Promise((resolve) => setImmediate(resolve));
    release('loaded');
    expect(await Promise.all(waiting)).toEqual(Array(10).fill('loaded'));
    expect(calls).toBe(1);
    expect(await cache.getOrSet('k', loader)).toBe('loaded');
    expect(calls).toBe(1);
    expect(cache.stats().loads).toMatchObject({ count: 1, failures: 0, coalesced: 9 });
  });

  it('hands a loader failure to every waiter without caching it, and retries next time', async () => {
    const cache = track(new Cache({ tiers: [new MemoryTier()] }));
    let calls = 0;
    const failing = async () => {
      calls += 1;
      throw new Error('discord 500');
    };
    const results = await Promise.allSettled([cache.getOrSet('k', failing), cache.getOrSet('k', failing)]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(calls).toBe(1);
    expect(await cache.getOrSet('k', async () => 'ok')).toBe('ok');
    expect(cache.stats().loads).toMatchObject({ count: 2, failures: 1 });
  });

  it('does not store a value loaded while the key was invalidated, nor an undefined result', async () => {
    const cache = track(new Cache({ tiers: [new MemoryTier()] }));
    let release: (value: string) => void = () => undefined;
    const loading = cache.getOrSet('k', () => new Promise<string>((resolve) => (release = resolve)));
    await new Promise((resolve) => setImmediate(resolve));
    await cache.delete('k');
    release('old');
    expect(await loading).toBe('old');
    expect(await cache.get('k')).toBeUndefined();
    expect(await cache.getOrSet('u', () => undefined)).toBeUndefined();
    expect(await cache.getOrSet('n', () => null)).toBeNull();
    expect(await cache.get('n')).toBeNull();
  });

  it('hands a value loaded while the cache closed to its callers, without caching it or failing', async () => {
    const memory = new MemoryTier();
    const cache = track(new Cache({ tiers: [memory] }));
    let release: (value: string) => void = () => undefined;
    const loading = cache.getOrSet('k', () => new Promise<string>((resolve) => (release = resolve)));
    await new Promise((resolve) => setImmediate(resolve));
    await cache.close();
    release('late');
    expect(await loading).toBe('late');
    expect(memory.has('k')).toBe(false);
    await expect(cache.getOrSet('k', () => 'again')).rejects.toThrow(CacheClosedError);
  });
});

describe('Cache tags and dependencies', () => {
  it('invalidates a tag across namespaces and tiers', async () => {
    const memory = new MemoryTier();
    const remote = new MapByteTier();
    const cache = track(new Cache({ tiers: [memory, remote] }));
    const invalidated = events(cache, 'invalidated');
    await cache.namespace('guilds').set('1', 'g1', { tags: ['guild:1'] });
    await cache.namespace('channels').set('10', 'c10', { tags: ['guild:1'] });
    await cache.namespace('channels').set('20', 'c20', { tags: ['guild:2'] });
    await memory.delete(['channels:10']); // only the remote tier knows it now
    await cache.invalidateTag('guild:1');
    expect(await cache.namespace('guilds').get('1')).toBeUndefined();
    expect(await cache.namespace('channels').get('10')).toBeUndefined();
    expect(await cache.namespace('channels').get('20')).toBe('c20');
    expect([...remote.entries.keys()]).toEqual(['channels:20']);
    expect(invalidated[0]).toEqual({ keys: expect.arrayContaining(['guilds:1', 'channels:10']), tags: ['guild:1'], remote: false });
  });

  it('cascades an invalidation through dependents transitively, across namespaces, cycles included', async () => {
    const cache = track(new Cache({ tiers: [new MemoryTier(), new MapByteTier()] }));
    const guilds = cache.namespace('guilds');
    const members = cache.namespace('members');
    await guilds.set('1', 'guild');
    await members.set('1:7', 'member', { dependsOn: [guilds.ref('1')] });
    await cache.set('perm:1:7', 'perms', { dependsOn: [members.ref('1:7')] });
    await cache.set('loop', 'a', { dependsOn: ['perm:1:7', 'loop'] });
    await cache.set('unrelated', 'u');
    await guilds.delete('1');
    expect(await members.get('1:7')).toBeUndefined();
    expect(await cache.get('perm:1:7')).toBeUndefined();
    expect(await cache.get('loop')).toBeUndefined();
    expect(await cache.get('unrelated')).toBe('u');
  });

  it('invalidates dependents when the key they depend on is overwritten', async () => {
    const cache = track(new Cache({ tiers: [new MemoryTier()] }));
    await cache.set('guild', { name: 'a' });
    await cache.set('summary', 'guild a', { dependsOn: ['guild'] });
    await cache.set('guild', { name: 'b' });
    expect(await cache.get('summary')).toBeUndefined();
  });

  it('invalidates keys and tags given together, and clears one namespace only', async () => {
    const cache = track(new Cache({ tiers: [new MemoryTier(), new MapByteTier()] }));
    await cache.set('a', 1);
    await cache.set('b', 2, { tags: ['t'] });
    await cache.namespace('other').set('a', 3);
    await cache.invalidate({ keys: ['a'], tags: ['t'] });
    expect(await cache.get('a')).toBeUndefined();
    expect(await cache.get('b')).toBeUndefined();
    await cache.set('c', 4);
    await cache.namespace('other').clear();
    expect(await cache.namespace('other').get('a')).toBeUndefined();
    expect(await cache.get('c')).toBe(4);
    await cache.namespace('other').set('d', 5);
    await cache.invalidate({ namespace: 'other', key: 'd' });
    expect(await cache.namespace('other').get('d')).toBeUndefined();
    await cache.namespace('other').set('e', 6);
    await cache.clear();
    expect(await cache.get('c')).toBeUndefined();
    expect(await cache.namespace('other').get('e')).toBeUndefined();
  });
});

describe('Cache degradation', () => {
  it('serves reads from the remaining tiers when a lower tier dies, and reports it once', async () => {
    let now = 0;
    const memory = new MemoryTier();
    const remote = new MapByteTier();
    const cache = track(new Cache({ tiers: [memory, remote], tierRetryDelay: 1_000, now: () => now }));
    const downs = events(cache, 'tierDown');
    await cache.set('kept', 'in memory');
    remote.down = true;
    expect(await cache.get('kept')).toBe('in memory');
    expect(await cache.get('missing')).toBeUndefined();
    expect(await cache.get('missing')).toBeUndefined();
    await cache.set('new', 'value');
    expect(await cache.get('new')).toBe('value');
    expect(downs).toHaveLength(1);
    expect(downs[0]).toMatchObject({ tier: 'remote', operation: 'get' });
    expect(String((downs[0]?.error as Error).message)).toContain('ECONNREFUSED');
    const callsWhileDown = remote.calls;
    await cache.get('missing');
    expect(remote.calls).toBe(callsWhileDown); // skipped until the retry delay passes
    expect(cache.stats().tiers['remote']).toMatchObject({ down: true, errors: 1 });
  });

  it('replays invalidations missed while down before serving from the tier again', async () => {
    let now = 0;
    const memory = new MemoryTier();
    const remote = new MapByteTier();
    const cache = track(new Cache({ tiers: [memory, remote], tierRetryDelay: 1_000, now: () => now }));
    const ups = events(cache, 'tierUp');
    await cache.set('stale', 'old', { tags: ['g'] });
    await cache.set('parent', 'p');
    await cache.set('child', 'c', { dependsOn: ['parent'] });
    await cache.set('tagged', 't', { tags: ['g2'] });
    remote.down = true;
    await cache.set('stale', 'new'); // the remote tier still holds "old"
    await cache.delete('parent');
    await cache.invalidateTag('g2');
    remote.down = false;
    now += 1_000;
    // Any read that reaches the remote tier brings it back, replaying first.
    expect(await cache.get('unknown')).toBeUndefined();
    expect(ups).toEqual([{ tier: 'remote' }]);
    expect([...remote.entries.keys()]).toEqual([]);
    await memory.delete(['default:stale', 'default:child', 'default:tagged']);
    expect(await cache.get('stale')).toBeUndefined();
    expect(await cache.get('child')).toBeUndefined();
    expect(await cache.get('tagged')).toBeUndefined();
    expect(cache.stats().tiers['remote']?.down).toBe(false);
  });
});

describe('Cache degradation limits', () => {
  it('clears the whole tier on recovery once it missed more invalidations than it may remember', async () => {
    let now = 0;
    const remote = new MapByteTier();
    const cache = track(new Cache({ tiers: [new MemoryTier(), remote], tierRetryDelay: 10, maxPendingInvalidations: 2, now: () => now }));
    await cache.set('kept-elsewhere', 'untouched while down');
    remote.down = true;
    await cache.get('missing'); // the tier goes down
    for (const key of ['a', 'b', 'c']) await cache.set(key, key);
    remote.down = false;
    now += 10;
    await cache.get('missing');
    expect(remote.entries.size).toBe(0);
    expect(cache.stats().tiers['remote']?.down).toBe(false);
  });

  it('reports a failed background write-behind flush and keeps the writes for later', async () => {
    let now = 0;
    const remote = new MapByteTier();
    const cache = track(
      new Cache({
        tiers: [new MemoryTier(), { tier: remote, write: 'behind' }],
        writeBehind: { flushInterval: 60_000, maxPending: 1 },
        tierRetryDelay: 10,
        now: () => now,
      }),
    );
    const seen: string[] = [];
    cache.on('backgroundError', (event) => seen.push(event.source));
    cache.on('tierDown', (event) => seen.push(`down:${event.operation}`));
    remote.down = true;
    await cache.set('k', 'v');
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual(['down:dependentsOf', 'write-behind']);
    remote.down = false;
    now += 10;
    await cache.flush();
    expect(remote.value('default:k')).toBe('v');
  });
});

