import type { Redis } from 'ioredis';
import type { CacheSync, InvalidationMessage } from './cache-sync';
import { RedisConnection, type RedisConnectionOptions } from './redis-connection';

/** Options of {@link RedisSync}. */
export interface RedisSyncOptions extends RedisConnectionOptions {
  /** The pub/sub channel; every instance of one bot uses the same. @defaultValue 'oven:cache:invalidate' */
  readonly channel?: string;
}

/**
 * Cross-instance invalidation on Redis pub/sub: each change is published once, and every other
 * process drops the keys from its memory tier. Delivery is at most once: a process whose
 * subscription was lost (Redis restarted, the network dropped) cannot know what it missed, so when
 * it subscribes again its Cache clears its memory tier (the `resynced` event). A process that
 * stays connected while another one's publish fails is not told; give the memory tier a `ttl` to
 * bound how stale that can get.
 *
 * @example
 * ```ts
 * const cache = new Cache({
 *   tiers: [new MemoryTier({ ttl: 60_000 }), new RedisTier({ url })],
 *   sync: new RedisSync({ url }),
 * });
 * await cache.ready();
 * ```
 */
export class RedisSync implements CacheSync {
  public readonly channel: string;
  private readonly publisher: RedisConnection;
  private subscriber: Redis | undefined;

  public constructor(options: RedisSyncOptions = {}) {
    this.channel = options.channel ?? 'oven:cache:invalidate';
    this.publisher = new RedisConnection('sync', options);
  }

  public async publish(message: InvalidationMessage): Promise<void> {
    await this.publisher.run((client) => client.publish(this.channel, JSON.stringify(message)));
  }

  public async subscribe(listener: (message: InvalidationMessage) => void, onMissed?: () => void): Promise<void> {
    // A subscribed connection cannot run other commands, so it gets its own; unlike the publisher it
    // queues while disconnected, which lets ioredis re-subscribe by itself after a reconnect.
    const subscriber = this.publisher.client.duplicate({ lazyConnect: false, enableOfflineQueue: true, maxRetriesPerRequest: 1 });
    this.subscriber = subscriber;
    // Pub/sub keeps nothing for a subscriber that is away: from losing the subscription (or failing
    // to get it at first) until it is back, whatever was published is gone.
    let subscribed = false;
    let missed = false;
    subscriber.on('error', () => undefined);
    subscriber.on('message', (channel: string, raw: string) => {
      if (channel !== this.channel) return;
      const message = parse(raw);
      if (message !== undefined) listener(message);
    });
    subscriber.on('close', () => {
      if (subscribed) missed = true;
      subscribed = false;
    });
    // ioredis re-subscribes after a reconnect only if the first SUBSCRIBE succeeded; subscribing on
    // every 'ready' also covers a Redis that was down when the bot started (a repeat is harmless).
    subscriber.on('ready', () => {
      subscriber.subscribe(this.channel).then(
        () => {
          subscribed = true;
          if (!missed || this.subscriber !== subscriber) return;
          missed = false;
          onMissed?.();
        },
        () => undefined,
      );
    });
    try {
      await subscriber.subscribe(this.channel);
      subscribed = true;
    } catch (error) {
      missed = true;
      throw error;
    }
  }

  public async close(): Promise<void> {
    const subscriber = this.subscriber;
    this.subscriber = undefined;
    if (subscriber !== undefined) {
      if (subscriber.status === 'ready') await subscriber.quit().catch(() => subscriber.disconnect());
      else subscriber.disconnect();
    }
    await this.publisher.close();
  }
}

/** Messages from other software on the channel are ignored rather than trusted. */
function parse(raw: string): InvalidationMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { origin, keys, tags, prefixes } = value as Record<string, unknown>;
  if (typeof origin !== 'string' || !isStrings(keys) || !isStrings(tags) || !isStrings(prefixes)) return undefined;
  return { origin, keys, tags, prefixes };
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
