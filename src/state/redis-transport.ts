import type { Redis, RedisOptions } from 'ioredis';
import { createFailFastRedis, describeRedis, withCommandTimeout } from '../redis';
import { decodeStateJson, encodeStateJson } from './json-codec';
import { StateInvalidOptionError, StateTransportUnavailableError } from './state-errors';
import type { CommitResult, StateTransport, StoredSnapshot, SyncMessage } from './transport';

/** Options of {@link RedisStateTransport}. */
export interface RedisStateTransportOptions {
  /**
   * Names this store's keys (`<prefix>:seq`, `<prefix>:log`, `<prefix>:snapshot`) and channel
   * (`<prefix>:changes`). Every instance of one store uses the same; each store its own.
   */
  readonly prefix: string;
  /** Opened (and closed on `close()`) by OvenJS. @defaultValue 'redis://127.0.0.1:6379' */
  readonly url?: string;
  /** A client you manage; it is not closed by OvenJS (its subscriber copy is). */
  readonly client?: Redis;
  /** Extra ioredis options for a client opened from `url`. */
  readonly redis?: RedisOptions;
  /** How many changes the log keeps for instances catching up; older ones need the snapshot. @defaultValue 1000 */
  readonly logLimit?: number;
  /** Milliseconds before a command counts as failed. @defaultValue 1000 */
  readonly commandTimeout?: number;
}

// Compare-and-set append: the log's order is the order every instance applies changes in.
const COMMIT = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if current ~= tonumber(ARGV[1]) then return {0, current} end
local seq = current + 1
redis.call('SET', KEYS[1], seq)
local entry = seq .. '|' .. ARGV[2]
redis.call('RPUSH', KEYS[2], entry)
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[3]), -1)
redis.call('PUBLISH', ARGV[4], entry)
return {1, seq}
`;

// A slower instance must not overwrite a newer snapshot with its older one.
const SAVE_SNAPSHOT = `
local stored = redis.call('HGET', KEYS[1], 'seq')
if stored and tonumber(stored) >= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'seq', ARGV[1], 'state', ARGV[2])
return 1
`;

/**
 * Multi-instance sync on one Redis: a counter and a capped list hold the ordered log (appended
 * by a Lua compare-and-set), pub/sub broadcasts each append, a hash keeps the latest snapshot.
 * Commands fail fast while Redis is away (no offline queue), so `StateSync` can report the outage
 * and keep local changes; the connections reconnect in the background.
 *
 * @example
 * ```ts
 * const sync = new StateSync(store, new RedisStateTransport({ url: 'redis://127.0.0.1:6379', prefix: 'mybot:state:settings' }));
 * await sync.start();
 * ```
 */
export class RedisStateTransport implements StateTransport {
  public readonly target: string;
  private readonly client: Redis;
  private readonly owned: boolean;
  private readonly commandTimeout: number;
  private readonly keys: { readonly seq: string; readonly log: string; readonly snapshot: string; readonly channel: string };
  private readonly logLimit: number;
  private subscriber: Redis | undefined;
  private closing = false;
  private lastError: unknown;

  public constructor(options: RedisStateTransportOptions) {
    if (typeof options.prefix !== 'string' || options.prefix === '') {
      throw new StateInvalidOptionError('prefix', options.prefix, 'a non-empty string naming the store in Redis');
    }
    this.logLimit = options.logLimit ?? 1_000;
    if (!Number.isSafeInteger(this.logLimit) || this.logLimit < 1) throw new StateInvalidOptionError('logLimit', options.logLimit, 'a positive integer');
    const prefix = options.prefix;
    this.keys = { seq: `${prefix}:seq`, log: `${prefix}:log`, snapshot: `${prefix}:snapshot`, channel: `${prefix}:changes` };
    this.owned = options.client === undefined;
    this.commandTimeout = options.redis?.commandTimeout ?? options.commandTimeout ?? 1_000;
    // The command timeout is run()'s withCommandTimeout, not ioredis' (see there why).
    this.client =
      options.client ??
      createFailFastRedis({ url: options.url, retry: { stepMs: 100, maxMs: 1_000 }, redis: { ...options.redis, commandTimeout: undefined } });
    this.target = describeRedis(this.client);
    // Without a listener ioredis prints every failed reconnection; StateSync reports outages itself.
    if (this.owned) this.client.on('error', (error: unknown) => (this.lastError = error));
  }

  public async subscribe(onMessage: (message: unknown) => void, onStatus: (status: 'up' | 'down', error?: unknown) => void): Promise<void> {
    await this.run('subscribe', (client) => client.ping());
    // A retried start subscribes again: the earlier feed goes, so messages are not delivered twice.
    const previous = this.subscriber;
    this.subscriber = undefined;
    if (previous !== undefined) await quit(previous);
    // A subscribed connection can run nothing else; it queues while disconnected. After a reconnect
    // it subscribes again through the 'ready' handler below, not ioredis' autoResubscribe, whose
    // SUBSCRIBE promise has no handler (an unhandled rejection if the connection closes first).
    const subscriber = this.client.duplicate({
      lazyConnect: false,
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
      commandTimeout: this.commandTimeout,
      autoResubscribe: false,
    });
    this.subscriber = subscriber;
    let down = false;
    subscriber.on('error', (error: unknown) => (this.lastError = error));
    subscriber.on('message', (channel: string, raw: string) => {
      if (channel === this.keys.channel) onMessage(parseEntry(raw));
    });
    subscriber.on('close', () => {
      if (this.closing || down || this.subscriber !== subscriber) return;
      down = true;
      onStatus('down', this.unavailable('keep the change feed open', this.lastError));
    });
    subscriber.on('ready', () => {
      if (!down) return;
      // Report `up` only once subscribed again, so a catch-up that follows cannot miss a change.
      void subscriber.subscribe(this.keys.channel).then(
        () => {
          down = false;
          onStatus('up');
        },
        () => undefined,
      );
    });
    try {
      await subscriber.subscribe(this.keys.channel);
    } catch (error) {
      throw this.unavailable('subscribe', error);
    }
  }

  public async commit(base: number, message: Omit<SyncMessage, 'seq'>): Promise<CommitResult> {
    const body = encodeStateJson({ id: message.id, origin: message.origin, patches: message.patches });
    const [committed, seq] = (await this.run('send a change', (client) =>
      client.eval(COMMIT, 2, this.keys.seq, this.keys.log, String(base), body, String(this.logLimit), this.keys.channel),
    )) as [number, number];
    return { committed: committed === 1, seq: Number(seq) };
  }

  public async readSince(seq: number): Promise<readonly unknown[] | undefined> {
    const results = await this.run('read the log', (client) => client.multi().get(this.keys.seq).lrange(this.keys.log, 0, -1).exec());
    const [[, current], [, entries]] = (results ?? [[null, null], [null, []]]) as [[unknown, string | null], [unknown, string[]]];
    const head = Number(current ?? '0');
    const messages = entries.map(parseEntry);
    const first = messages[0];
    const firstSeq = typeof first === 'object' && first !== null ? Number((first as { seq?: unknown }).seq) : head + 1;
    // Behind `seq` (Redis lost data) or no longer reaching back to it: either way, not a continuation.
    if (seq > head || (seq < head && firstSeq > seq + 1)) return undefined;
    return messages.filter((message) => typeof message !== 'object' || message === null || Number((message as { seq?: unknown }).seq) > seq);
  }

  public async loadSnapshot(): Promise<StoredSnapshot | undefined> {
    const stored = await this.run('load the snapshot', (client) => client.hgetall(this.keys.snapshot));
    if (stored['seq'] === undefined || stored['state'] === undefined) return undefined;
    let state: unknown;
    try {
      state = decodeStateJson(stored['state']);
    } catch {
      // StateSync refuses it by shape, naming the store.
      state = Symbol.for('ovenjs.state.undecodable');
    }
    return { seq: Number(stored['seq']), state };
  }

  public async saveSnapshot(snapshot: StoredSnapshot): Promise<void> {
    await this.run('save a snapshot', (client) => client.eval(SAVE_SNAPSHOT, 1, this.keys.snapshot, String(snapshot.seq), encodeStateJson(snapshot.state)));
  }

  public async close(): Promise<void> {
    this.closing = true;
    const subscriber = this.subscriber;
    this.subscriber = undefined;
    if (subscriber !== undefined) await quit(subscriber);
    if (this.owned) await quit(this.client);
  }

  private async run<T>(operation: string, command: (client: Redis) => Promise<T>): Promise<T> {
    if (this.client.status === 'wait') {
      try {
        await this.client.connect();
      } catch (error) {
        throw this.unavailable(operation, error);
      }
    }
    if (this.client.status !== 'ready') throw this.unavailable(operation, this.lastError ?? new Error(`connection is ${this.client.status}`));
    try {
      return await withCommandTimeout(command(this.client), this.commandTimeout);
    } catch (error) {
      if (error instanceof Error && error.name === 'ReplyError') throw error;
      throw this.unavailable(operation, error);
    }
  }

  private unavailable(operation: string, cause: unknown): StateTransportUnavailableError {
    return new StateTransportUnavailableError(this.target, operation, { cause });
  }
}

/** `seq|json` as the Lua script wrote it; anything else is passed on for StateSync to refuse. */
function parseEntry(raw: string): unknown {
  const bar = raw.indexOf('|');
  if (bar < 1) return raw;
  try {
    const body = decodeStateJson(raw.slice(bar + 1));
    if (typeof body !== 'object' || body === null) return raw;
    return { ...body, seq: Number(raw.slice(0, bar)) };
  } catch {
    return raw;
  }
}

async function quit(client: Redis): Promise<void> {
  if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
  else client.disconnect();
}
