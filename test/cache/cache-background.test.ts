import { EventEmitter } from 'node:events';
import { Cache } from '../../src/cache/cache';
import { CacheWriteBehindError } from '../../src/cache/cache-errors';
import type { CacheSync, InvalidationMessage } from '../../src/cache/cache-sync';
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

/** Delivers every published message to every subscriber, like Redis pub/sub in one process. */
class LoopbackBus {
  private readonly listeners = new Set<(message: InvalidationMessage) => void>();
  public readonly sent: InvalidationMessage[] = [];
  public connect(): CacheSync {
    let mine: ((message: InvalidationMessage) => void) | undefined;
    return {
      publish: async (message) => {
        this.sent.push(message);
        for (const listener of this.listeners) listener(structuredClone(message));
      },
      subscribe: async (listener) => {
        mine = listener;
        this.listeners.add(listener);
      },
      close: async () => {
        if (mine !== undefined) this.listeners.delete(mine);
      },
    };
  }
}

describe('write-behind tiers', () => {
  it('answers reads from the queue before the tier has the value, and writes on flush', async () => {
    const remote = new MapByteTier();
    const cache = track(new Cache({ tiers: [new MemoryTier({ maxEntries: 1 }), { tier: remote, write: 'behind' }], writeBehind: { flushInterval: 60_000 } }));
    await cache.set('a', 'A');
    await cache.set('b', 'B'); // evicts a from memory
    expect(remote.entries.size).toBe(0);
    expect(await cache.get('a')).toBe('A');
    await cache.flush();
    expect(remote.value('default:a')).toBe('A');
    expect(remote.value('default:b')).toBe('B');
  });

  it('coalesces repeated writes of a key and drops queued writes of an invalidated key', async () => {
    const remote = new MapByteTier();
    const cache = track(new Cache({ tiers: [new MemoryTier(), { tier: remote, write: 'behind' }], writeBehind: { flushInterval: 60_000 } }));
    for (let i = 0; i < 50; i += 1) await cache.set('hot', i);
    await cache.set('gone', 1);
    await cache.delete('gone');
    const before = remote.calls;
    await cache.flush();
    expect(remote.value('default:hot')).toBe(49);
    expect(remote.entries.has('default:gone')).toBe(false);
    expect(remote.calls - before).toBe(1);
  });

  it('keeps queued writes through a failed flush and names them if close cannot write them', async () => {
    const remote = new MapByteTier();
    const cache = new Cache({ tiers: [new MemoryTier(), { tier: remote, write: 'behind' }], writeBehind: { flushInterval: 60_000 } });
    await cache.set('a', 1);
    remote.down = true;
    await expect(cache.flush()).rejects.toThrow('ECONNREFUSED');
    remote.down = false;
    await cache.flush();
    expect(remote.value('default:a')).toBe(1);
    await cache.set('b', 2);
    remote.down = true;
    const error = await cache.close().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CacheWriteBehindError);
    expect((error as CacheWriteBehindError).keys).toEqual(['default:b']);
    expect((error as CacheWriteBehindError).code).toBe('OVEN_ERR_CACHE_WRITE_BEHIND_UNFLUSHED');
  });

  it('still names the unflushed keys when the tier also fails to close (the same outage)', async () => {
    class FragileTier extends MapByteTier {
      public closed = false;
      public override async close(): Promise<void> {
        this.closed = true;
        if (this.down) throw new Error('Connection is closed.');
      }
    }
    const remote = new FragileTier();
    const cache = new Cache({ tiers: [new MemoryTier(), { tier: remote, write: 'behind' }], writeBehind: { flushInterval: 60_000 } });
    await cache.set('lost', 1);
    remote.down = true;
    const error = await cache.close().catch((caught: unknown) => caught);
    expect(remote.closed).toBe(true);
    expect(error).toBeInstanceOf(CacheWriteBehindError);
    expect((error as CacheWriteBehindError).keys).toEqual(['default:lost']);
  });

  it('closes each tier once when close() is called again before the first finished', async () => {
    class CountingTier extends MapByteTier {
      public closes = 0;
      public override async close(): Promise<void> {
        this.closes += 1;
      }
    }
    const remote = new CountingTier();
    const cache = new Cache({ tiers: [new MemoryTier(), { tier: remote, write: 'behind' }], writeBehind: { flushInterval: 60_000 } });
    await cache.set('a', 1);
    // Both callers (say the DI teardown and a signal handler) wait for the one close.
    await Promise.all([cache.close(), cache.close()]);
    expect(remote.closes).toBe(1);
    expect(remote.value('default:a')).toBe(1);
  });

  it('sends a flush as one setMany call when the tier has it', async () => {
    class BatchTier extends MapByteTier {
      public batches: number[] = [];
      public async setMany(entries: ReadonlyArray<readonly [string, TierEntry<Buffer>]>): Promise<void> {
        this.batches.push(entries.length);
        for (const [key, entry] of entries) await this.set(key, entry);
      }
    }
    const remote = new BatchTier();
    const cache = track(new Cache({ tiers: [new MemoryTier(), { tier: remote, write: 'behind' }], writeBehind: { flushInterval: 60_000 } }));
    for (let i = 0; i < 20; i += 1) await cache.set(`k${i}`, i);
    await cache.flush();
    expect(remote.batches).toEqual([20]);
    expect(remote.value('default:k19')).toBe(19);
  });

  it('never lets a flush in flight land after a delete of the same key', async () => {
    let release: () => void = () => undefined;
    class SlowTier extends MapByteTier {
      public override async set(key: string, entry: TierEntry<Buffer>): Promise<void> {
        await new Promise<void>((resolve) => (release = resolve));
        await super.set(key, entry);
      }
    }
    const remote = new SlowTier();
    const cache = track(new Cache({ tiers: [new MemoryTier(), { tier: remote, write: 'behind' }], writeBehind: { flushInterval: 60_000 } }));
    await cache.set('k', 'old');
    const flushing = cache.flush();
    await new Promise((resolve) => setImmediate(resolve));
    const deleting = cache.delete('k');
    await new Promise((resolve) => setImmediate(resolve));
    release();
    await Promise.all([flushing, deleting]);
    expect(remote.entries.has('default:k')).toBe(false);
  });

  it('flushes in the background once maxPending keys are queued', async () => {
    const remote = new MapByteTier();
    const cache = track(new Cache({ tiers: [new MemoryTier(), { tier: remote, write: 'behind' }], writeBehind: { flushInterval: 60_000, maxPending: 3 } }));
    await cache.set('a', 1);
    await cache.set('b', 2);
    expect(remote.entries.size).toBe(0);
    await cache.set('c', 3);
    await new Promise((resolve) => setImmediate(resolve));
    expect(remote.entries.size).toBe(3);
  });
});

describe('evictions', () => {
  it('reports memory evictions as events and in stats', async () => {
    const cache = track(new Cache({ tiers: [new MemoryTier({ maxEntries: 2 })] }));
    const evicted: unknown[] = [];
    cache.on('evicted', (event) => evicted.push(event));
    await cache.namespace('users').set('1', 1);
    await cache.namespace('users').set('2', 2);
    await cache.namespace('users').set('3', 3);
    expect(evicted).toEqual([{ tier: 'memory', key: 'users:1', namespace: 'users', reason: 'capacity' }]);
    expect(cache.stats().tiers['memory']?.evictions).toBe(1);
  });
});

describe('invalidateOn', () => {
  it('invalidates what the selector returns when the event fires, until detached', async () => {
    const client = new EventEmitter();
    const cache = track(new Cache({ tiers: [new MemoryTier()] }));
    const guilds = cache.namespace('guilds');
    await guilds.set('1', 'old', { tags: ['guild:1'] });
    await cache.namespace('roles').set('1:5', 'role', { tags: ['guild:1'] });
    const stop = cache.invalidateOn(client, 'GUILD_UPDATE', (guild: { id: string }) => ({ tags: [`guild:${guild.id}`] }));
    const byKey = guilds.invalidateOn(client, 'GUILD_DELETE', (guild: { id: string }) => guild.id);
    client.emit('GUILD_UPDATE', { id: '1' });
    await cache.idle();
    expect(await guilds.get('1')).toBeUndefined();
    expect(await cache.namespace('roles').get('1:5')).toBeUndefined();
    await guilds.set('2', 'two');
    client.emit('GUILD_DELETE', { id: '2' });
    await cache.idle();
    expect(await guilds.get('2')).toBeUndefined();
    stop();
    byKey();
    await guilds.set('1', 'kept', { tags: ['guild:1'] });
    client.emit('GUILD_UPDATE', { id: '1' });
    await cache.idle();
    expect(await guilds.get('1')).toBe('kept');
    expect(client.listenerCount('GUILD_UPDATE')).toBe(0);
  });

  it('infers the payload type from a typed EventEmitter', async () => {
    const client = new EventEmitter<{ GUILD_UPDATE: [guild: { id: string; name: string }] }>();
    const cache = track(new Cache({ tiers: [new MemoryTier()] }));
    await cache.set('g', 1, { tags: ['guild:7'] });
    // `guild` is typed from the emitter's map (`npm run typecheck` fails if it is not): no annotation.
    cache.invalidateOn(client, 'GUILD_UPDATE', (guild) => ({ tags: [`guild:${guild.id}`] }));
    client.emit('GUILD_UPDATE', { id: '7', name: 'oven' });
    await cache.idle();
    expect(await cache.get('g')).toBeUndefined();
  });

  it('accepts a source typed per event through generic on/off, like the Client', async () => {
    interface Events {
      GUILD_UPDATE: [guild: { id: string }];
      READY: [];
    }
    class ClientLike {
      private readonly inner = new EventEmitter();
      public on<K extends keyof Events & string>(event: K, listener: (...args: Events[K]) => unknown): this {
        this.inner.on(event, listener);
        return this;
      }
      public off<K extends keyof Events & string>(event: K, listener: (...args: Events[K]) => unknown): this {
        this.inner.off(event, listener);
        return this;
      }
      public emit<K extends keyof Events & string>(event: K, ...args: Events[K]): void {
        this.inner.emit(event, ...args);
      }
    }
    const client = new ClientLike();
    const cache = track(new Cache({ tiers: [new MemoryTier()] }));
    const guilds = cache.namespace('guilds');
    await guilds.set('3', 'three');
    const stop = guilds.invalidateOn(client, 'GUILD_UPDATE', (guild: { id: string }) => guild.id);
    client.emit('GUILD_UPDATE', { id: '3' });
    await cache.idle();
    expect(await guilds.get('3')).toBeUndefined();
    stop();
    await guilds.set('3', 'again');
    client.emit('GUILD_UPDATE', { id: '3' });
    await cache.idle();
    expect(await guilds.get('3')).toBe('again');
  });

  it('reports a selector failure as a background error instead of throwing into the emitter', async () => {
    const client = new EventEmitter();
    const cache = track(new Cache({ tiers: [new MemoryTier()] }));
    const errors: unknown[] = [];
    cache.on('backgroundError', (event) => errors.push(event));
    cache.invalidateOn(client, 'X', () => {
      throw new Error('bad selector');
    });
    expect(() => client.emit('X')).not.toThrow();
    await cache.idle();
    expect(errors).toEqual([{ source: 'event', error: new Error('bad selector') }]);
  });

  it('detaches from every emitter on close', async () => {
    const client = new EventEmitter();
    const cache = new Cache({ tiers: [new MemoryTier()] });
    cache.invalidateOn(client, 'A', () => 'k');
    await cache.close();
    expect(client.listenerCount('A')).toBe(0);
  });
});

describe('predictive warming', () => {
  it('warms the most read keys of a namespace from the lower tiers', async () => {
    const remote = new MapByteTier();
    const memory = new MemoryTier();
    const cache = track(new Cache({ tiers: [memory, remote], warming: { sampleEvery: 1 } }));
    const guilds = cache.namespace('guilds');
    for (const id of ['1', '2', '3']) await guilds.set(id, `g${id}`);
    for (let i = 0; i < 5; i += 1) await guilds.get('2');
    for (let i = 0; i < 3; i += 1) await guilds.get('3');
    await guilds.get('1');
    await memory.clear('');
    const tiersBefore = JSON.stringify(cache.stats().namespaces['guilds']?.tiers);
    const events: string[] = [];
    cache.on('hit', (event) => events.push(`hit ${event.tier}`));
    cache.on('miss', (event) => events.push(`miss ${event.tier}`));
    expect(await guilds.warm({ limit: 2 })).toBe(2);
    expect(memory.keys().sort()).toEqual(['guilds:2', 'guilds:3']);
    // Warming is not a read: it must not count as hits or misses, per namespace or per tier, nor
    // show on dashboards fed by hit and miss events.
    expect(cache.stats().namespaces['guilds']).toMatchObject({ hits: 9, misses: 0 });
    expect(JSON.stringify(cache.stats().namespaces['guilds']?.tiers)).toBe(tiersBefore);
    expect(events).toEqual([]);
  });

  it('remembers hot keys across restarts through a hot-key tier', async () => {
    const remote = new MapByteTier();
    const first = new Cache({ tiers: [new MemoryTier(), remote], warming: { sampleEvery: 1 } });
    await first.namespace('users').set('7', 'seven');
    await first.namespace('users').set('8', 'eight');
    for (let i = 0; i < 4; i += 1) await first.namespace('users').get('8');
    await first.close(); // saves access counts
    expect(remote.hits.get('users:8')).toBe(4);
  });

  it('counts about one read in sampleEvery', async () => {
    const remote = new MapByteTier();
    const cache = new Cache({ tiers: [new MemoryTier(), remote], warming: { sampleEvery: 4 } });
    await cache.set('k', 1);
    for (let i = 0; i < 400; i += 1) await cache.get('k');
    await cache.close();
    expect(remote.hits.get('default:k')).toBeGreaterThan(50);
    expect(remote.hits.get('default:k')).toBeLessThan(150);
  });

  it('warms a fresh instance from the counts a hot-key tier kept', async () => {
    const remote = new MapByteTier();
    remote.hits.set('users:8', 4);
    await remote.set('users:8', { value: Buffer.from('"eight"'), tags: [], dependsOn: [] });
    const memory = new MemoryTier();
    const second = track(new Cache({ tiers: [memory, remote] }));
    expect(await second.warm('users', { limit: 1 })).toBe(1);
    expect(memory.keys()).toEqual(['users:8']);
  });
});

describe('cross-instance sync', () => {
  it('drops keys, dependents, tags and cleared namespaces from the other instances memory', async () => {
    const bus = new LoopbackBus();
    const shared = new Map();
    const memoryA = new MemoryTier();
    const memoryB = new MemoryTier();
    const a = track(new Cache({ tiers: [memoryA, new MapByteTier('remote', shared)], sync: bus.connect() }));
    const b = track(new Cache({ tiers: [memoryB, new MapByteTier('remote', shared)], sync: bus.connect() }));
    await Promise.all([a.ready(), b.ready()]);
    await a.set('k', 1);
    expect(await b.get('k')).toBe(1);
    await b.set('derived', 'from k', { dependsOn: ['k'] }); // only in b's memory and the shared tier
    await memoryA.delete(['default:derived']);
    await a.set('k', 2);
    await b.idle();
    expect(memoryB.has('default:k')).toBe(false);
    expect(memoryB.has('default:derived')).toBe(false);
    expect(await b.get('k')).toBe(2);
    await b.set('t', 'tagged', { tags: ['guild:1'] });
    await a.invalidateTag('guild:1');
    await b.idle();
    expect(await b.get('t')).toBeUndefined();
    await b.namespace('ns').set('x', 1);
    await a.namespace('ns').clear();
    await b.idle();
    expect(memoryB.has('ns:x')).toBe(false);
    expect(bus.sent.every((message) => message.origin === a.instanceId || message.origin === b.instanceId)).toBe(true);
  });

  it('ignores its own messages', async () => {
    const bus = new LoopbackBus();
    const cache = track(new Cache({ tiers: [new MemoryTier()], sync: bus.connect() }));
    await cache.ready();
    const remote: unknown[] = [];
    cache.on('invalidated', (event) => remote.push(event));
    await cache.set('k', 1);
    await cache.idle();
    expect(await cache.get('k')).toBe(1);
    expect(remote).toEqual([]);
  });
});
