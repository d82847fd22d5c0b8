import { Cache } from '../../src/cache/cache';
import type { CacheSync, InvalidationMessage } from '../../src/cache/cache-sync';
import { MemoryTier } from '../../src/cache/memory-tier';
import type { TierEntry } from '../../src/cache/tier';
import { HeldReadsTier } from './held-reads-tier';
import { MapByteTier } from './map-byte-tier';

/** A sync channel between caches of one test that delivers only when told to. */
class HeldBus {
  private readonly listeners: Array<(message: InvalidationMessage) => void> = [];
  private readonly held: InvalidationMessage[] = [];

  public channel(): CacheSync {
    return {
      publish: async (message) => {
        this.held.push(message);
      },
      subscribe: async (listener) => {
        this.listeners.push(listener);
      },
      close: async () => undefined,
    };
  }

  public deliver(): void {
    for (const message of this.held.splice(0)) for (const listener of this.listeners) listener(message);
  }
}

/** A tier that shares its entries with another process's tier object (a shared Redis, say). */
class SharedTier extends MapByteTier {
  public async setIfAbsent(key: string, entry: TierEntry<Buffer>): Promise<void> {
    if (!this.entries.has(key)) await this.set(key, entry);
  }
}

/**
 * Two processes sharing a Redis-like tier and a durable store, their sync messages held by `bus`;
 * b reads the durable store through a tier whose answers the test can hold.
 */
function twoProcesses(): { bus: HeldBus; redis: Map<string, TierEntry<Buffer>>; slowDurable: HeldReadsTier; a: Cache; b: Cache } {
  const bus = new HeldBus();
  const redis = new Map<string, TierEntry<Buffer>>();
  const durable = new Map<string, TierEntry<Buffer>>();
  const slowDurable = new HeldReadsTier('durable', durable);
  const a = new Cache({ tiers: [new MemoryTier(), new SharedTier('redis', redis), new MapByteTier('durable', durable)], sync: bus.channel() });
  const b = new Cache({ tiers: [new MemoryTier(), new SharedTier('redis', redis), slowDurable], sync: bus.channel() });
  return { bus, redis, slowDurable, a, b };
}

describe('a copy made into a shared tier just before another process invalidated the key', () => {
  it('is removed from the shared tier too when the invalidation message arrives', async () => {
    const { bus, redis, slowDurable, a, b } = twoProcesses();
    try {
      await Promise.all([a.ready(), b.ready()]);
      await a.set('guild:1', 'v1');
      redis.delete('default:guild:1'); // Redis dropped it
      bus.deliver();
      await b.idle();

      const release = slowDurable.holdReads();
      const reading = b.get('guild:1'); // reads v1 from the durable tier, answers later
      await new Promise((resolve) => setImmediate(resolve));
      await a.delete('guild:1'); // gone from Redis and the durable tier; its message is not delivered yet
      release();
      expect(await reading).toBe('v1');
      expect(redis.has('default:guild:1')).toBe(true); // b copied its v1 into the emptied Redis

      bus.deliver();
      await b.idle();
      expect(redis.has('default:guild:1')).toBe(false);
      expect(await a.get('guild:1')).toBeUndefined();
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('is removed from the shared tier when the other process cleared its namespace', async () => {
    const { bus, redis, slowDurable, a, b } = twoProcesses();
    try {
      await a.namespace('guilds').set('1', 'v1');
      await b.namespace('other').set('1', 'kept');
      redis.delete('guilds:1');
      bus.deliver();
      await b.idle();
      const release = slowDurable.holdReads();
      const reading = b.namespace('guilds').get('1');
      await new Promise((resolve) => setImmediate(resolve));
      await a.namespace('guilds').clear();
      release();
      expect(await reading).toBe('v1');
      bus.deliver();
      await b.idle();
      expect(redis.has('guilds:1')).toBe(false);
      expect(redis.has('other:1')).toBe(true);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
