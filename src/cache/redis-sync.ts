import type { Redis } from 'ioredis';
import type { CacheSync, InvalidationMessage } from './cache-sync';
import { RedisConnection, type RedisConnectionOptions } from './redis-connection';
import { requirePositive } from './require-positive';

/** Options of {@link RedisSync}. */
export interface RedisSyncOptions extends RedisConnectionOptions {
  /** The pub/sub channel; every instance of one bot uses the same. @defaultValue 'oven:cache:invalidate' */
  readonly channel?: string;
  /**
   * Keys and tags of messages that could not be sent, kept to send once Redis answers again; past
   * this many they are replaced by one "clear everything" message. @defaultValue 10_000
   */
  readonly maxUnsent?: number;
}

interface Unsent {
  readonly origin: string;
  readonly keys: Set<string>;
  readonly tags: Set<string>;
  readonly prefixes: Set<string>;
}

/**
 * Cross-instance invalidation on Redis pub/sub: each change is published once, and every other
 * process drops the keys from its memory tier. Delivery is at most once: a process whose
 * subscription was lost (Redis restarted, the network dropped) cannot know what it missed, so when
 * it subscribes again its Cache clears its memory tier (the `resynced` event). A message that
 * could not be published is kept and sent once Redis answers again (`maxUnsent`). Until then other
 * processes serve their copy; give the memory tier a `ttl` to bound how stale that can get.
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
  private readonly maxUnsent: number;
  private subscriber: Redis | undefined;
  private unsent: Unsent | undefined;
  private readonly onPublisherReady = (): void => void this.resend();

  public constructor(options: RedisSyncOptions = {}) {
    this.channel = options.channel ?? 'oven:cache:invalidate';
    this.maxUnsent = requirePositive('maxUnsent', options.maxUnsent ?? 10_000);
    this.publisher = new RedisConnection('sync', options);
    this.publisher.client.on('ready', this.onPublisherReady);
  }

  /**
   * Publishes the message; if Redis cannot take it, rejects and keeps it, to send (merged with
   * others kept meanwhile) when the connection is back or the next publish succeeds. Other
   * instances that stayed subscribed would otherwise never hear of the change.
   */
  public async publish(message: InvalidationMessage): Promise<void> {
    try {
      await this.send(message);
    } catch (error) {
      this.keep(message);
      throw error;
    }
    if (this.unsent !== undefined) void this.resend();
  }

  public async subscribe(listener: (message: InvalidationMessage) => void, onMissed?: () => void): Promise<void> {
    // A subscribed connection cannot run other commands, so it gets its own; unlike the publisher it
    // queues while disconnected. It re-subscribes itself on every 'ready' (below), not through
    // ioredis' autoResubscribe, whose SUBSCRIBE promise has no handler: a connection closed before
    // Redis answered it ended in an unhandled rejection ("Connection is closed").
    const subscriber = this.publisher.client.duplicate({
      lazyConnect: false,
      enableOfflineQueue: true,
      maxRetriesPerRequest: 1,
      commandTimeout: this.publisher.commandTimeout,
      autoResubscribe: false,
    });
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
    // Subscribing on every 'ready' covers a reconnect and a Redis that was down when the bot started.
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

  /** Sends what is still unsent if Redis answers (one try), then closes both connections. */
  public async close(): Promise<void> {
    this.publisher.client.off('ready', this.onPublisherReady);
    await this.resend();
    const subscriber = this.subscriber;
    this.subscriber = undefined;
    if (subscriber !== undefined) {
      if (subscriber.status === 'ready') await subscriber.quit().catch(() => subscriber.disconnect());
      else subscriber.disconnect();
    }
    await this.publisher.close();
  }

  private send(message: InvalidationMessage): Promise<unknown> {
    return this.publisher.run((client) => client.publish(this.channel, JSON.stringify(message)));
  }

  private keep(message: InvalidationMessage): void {
    const unsent = (this.unsent ??= { origin: message.origin, keys: new Set(), tags: new Set(), prefixes: new Set() });
    for (const key of message.keys) unsent.keys.add(key);
    for (const tag of message.tags) unsent.tags.add(tag);
    for (const prefix of message.prefixes) unsent.prefixes.add(prefix);
    if (unsent.keys.size + unsent.tags.size > this.maxUnsent) {
      // Clearing every key is correct too, and bounded.
      unsent.keys.clear();
      unsent.tags.clear();
      unsent.prefixes.clear();
      unsent.prefixes.add('');
    }
  }

  private async resend(): Promise<void> {
    const unsent = this.unsent;
    if (unsent === undefined) return;
    this.unsent = undefined;
    const message: InvalidationMessage = {
      origin: unsent.origin,
      keys: [...unsent.keys],
      tags: [...unsent.tags],
      prefixes: [...unsent.prefixes],
    };
    try {
      await this.send(message);
    } catch {
      // Still unreachable: kept for the next reconnection.
      this.keep(message);
    }
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
