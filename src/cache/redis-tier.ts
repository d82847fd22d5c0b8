import { CacheClosedError, CacheCorruptEntryError } from './cache-errors';
import { RedisConnection, type RedisConnectionOptions } from './redis-connection';
import { requirePositive } from './require-positive';
import { DELETE_SCRIPT, LIVE_MEMBERS_SCRIPT, SET_SCRIPT } from './redis-script';
import type { ByteCacheTier, HotKeyStore, TierEntry } from './tier';

/** Options of a {@link RedisTier}. */
export interface RedisTierOptions extends RedisConnectionOptions {
  /** @defaultValue 'redis' */
  readonly name?: string;
  /** Put before every Redis key this tier writes, so that bots (or tests) can share a server. @defaultValue 'oven:cache:' */
  readonly prefix?: string;
  /** Hot keys remembered per namespace for warming. @defaultValue 10_000 */
  readonly maxHotKeys?: number;
}

interface Meta {
  readonly t: readonly string[];
  readonly d: readonly string[];
  readonly e: number | null;
}

/** Keys per script call or pipeline: long enough to amortise round trips, short enough not to block Redis. */
const BATCH = 500;

/**
 * The shared tier on Redis (ioredis). Each entry is a hash (bytes and metadata) expiring with PX;
 * tags and dependents are Redis sets kept in step by Lua scripts, so `invalidateTag` reads one set
 * instead of scanning. Multi-key work is pipelined. Needs a single Redis node (or a primary with
 * replicas): the scripts touch keys they compute, which Redis Cluster does not allow.
 *
 * @example
 * ```ts
 * const redis = new RedisTier({ url: 'redis://127.0.0.1:6379', prefix: 'mybot:cache:' });
 * const cache = new Cache({ tiers: [new MemoryTier(), redis] });
 * ```
 */
export class RedisTier implements ByteCacheTier, HotKeyStore {
  public readonly name: string;
  public readonly shared = true;
  public readonly encoding = 'bytes';
  public readonly prefix: string;
  private readonly connection: RedisConnection;
  private readonly maxHotKeys: number;
  private closed = false;

  public constructor(options: RedisTierOptions = {}) {
    this.name = options.name ?? 'redis';
    this.prefix = options.prefix ?? 'oven:cache:';
    this.maxHotKeys = Math.round(requirePositive('maxHotKeys', options.maxHotKeys ?? 10_000));
    this.connection = new RedisConnection(`${this.name}`, options);
  }

  /** Connects now (otherwise the first command does); throws `CacheTierUnavailableError` if Redis is down. */
  public async connect(): Promise<void> {
    this.assertOpen();
    await this.connection.ready();
  }

  public async get(key: string): Promise<TierEntry<Buffer> | undefined> {
    this.assertOpen();
    const [value, meta] = await this.connection.run((client) => client.hmgetBuffer(this.valueKey(key), 'v', 'm'));
    if (value === null || value === undefined || meta === null || meta === undefined) return undefined;
    const decoded = parseMeta(meta);
    // One damaged key is that key's problem, not a reason to take the whole tier offline.
    if (decoded === undefined) throw new CacheCorruptEntryError(key, this.name);
    return { value, tags: decoded.t, dependsOn: decoded.d, ...(decoded.e === null ? {} : { expiresAt: decoded.e }) };
  }

  public set(key: string, entry: TierEntry<Buffer>): Promise<void> {
    return this.write(key, entry, false);
  }

  /** Writes only if Redis holds no value for the key (checked and written atomically). */
  public setIfAbsent(key: string, entry: TierEntry<Buffer>): Promise<void> {
    return this.write(key, entry, true);
  }

  public async delete(keys: readonly string[]): Promise<void> {
    this.assertOpen();
    for (let start = 0; start < keys.length; start += BATCH) {
      const batch = keys.slice(start, start + BATCH);
      await this.connection.run((client) => DELETE_SCRIPT.run(client, [], [this.prefix, ...batch]));
    }
  }

  public keysWithTag(tags: readonly string[]): Promise<string[]> {
    return this.members(tags.map((tag) => `${this.prefix}t:${tag}`));
  }

  public dependentsOf(keys: readonly string[]): Promise<string[]> {
    return this.members(keys.map((key) => `${this.prefix}d:${key}`));
  }

  public async clear(prefix: string): Promise<void> {
    this.assertOpen();
    const valuePrefix = `${this.prefix}v:`;
    let cursor = '0';
    do {
      const [next, found] = await this.connection.run((client) =>
        client.scan(cursor, 'MATCH', `${escapeGlob(valuePrefix + prefix)}*`, 'COUNT', BATCH),
      );
      cursor = next;
      if (found.length > 0) await this.delete(found.map((redisKey) => redisKey.slice(valuePrefix.length)));
    } while (cursor !== '0');
  }

  public async recordAccess(namespace: string, counts: ReadonlyMap<string, number>): Promise<void> {
    this.assertOpen();
    const hotKey = `${this.prefix}h:${namespace}`;
    await this.connection.run(async (client) => {
      const pipeline = client.pipeline();
      for (const [key, count] of counts) pipeline.zincrby(hotKey, count, key);
      // Keep only the hottest keys so the set cannot grow with every key ever read.
      pipeline.zremrangebyrank(hotKey, 0, -(this.maxHotKeys + 1));
      await execPipeline(pipeline.exec());
    });
  }

  public async hottestKeys(namespace: string, limit: number): Promise<string[]> {
    this.assertOpen();
    return this.connection.run((client) => client.zrevrange(`${this.prefix}h:${namespace}`, 0, limit - 1));
  }

  public async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.connection.close();
  }

  /** Live members of the sets; names of expired entries are dropped from the sets on the way. */
  private async write(key: string, entry: TierEntry<Buffer>, onlyIfAbsent: boolean): Promise<void> {
    this.assertOpen();
    let ttl = 0;
    if (entry.expiresAt !== undefined) {
      ttl = Math.ceil(entry.expiresAt - Date.now());
      if (ttl <= 0) {
        if (!onlyIfAbsent) await this.delete([key]);
        return;
      }
    }
    const meta: Meta = { t: entry.tags, d: entry.dependsOn, e: entry.expiresAt ?? null };
    await this.connection.run((client) =>
      SET_SCRIPT.run(client, [this.valueKey(key)], [this.prefix, key, entry.value, JSON.stringify(meta), ttl, onlyIfAbsent ? 1 : 0]),
    );
  }

  private async members(setKeys: readonly string[]): Promise<string[]> {
    this.assertOpen();
    if (setKeys.length === 0) return [];
    const found = new Set<string>();
    for (let start = 0; start < setKeys.length; start += BATCH) {
      const batch = setKeys.slice(start, start + BATCH);
      const live = (await this.connection.run((client) => LIVE_MEMBERS_SCRIPT.run(client, [], [this.prefix, ...batch]))) as string[];
      for (const member of live) found.add(member);
    }
    return [...found];
  }

  private valueKey(key: string): string {
    return `${this.prefix}v:${key}`;
  }

  private assertOpen(): void {
    if (this.closed) throw new CacheClosedError(`Redis tier "${this.name}"`);
  }
}

/** Pipeline results come back as [error, result] pairs; the first error fails the whole call. */
async function execPipeline(done: Promise<Array<[Error | null, unknown]> | null>): Promise<unknown[]> {
  const results = await done;
  if (results === null) throw new Error('Redis pipeline was discarded');
  return results.map(([error, result]) => {
    if (error !== null) throw error;
    return result;
  });
}

function parseMeta(raw: Buffer): Meta | undefined {
  let meta: unknown;
  try {
    meta = JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
  const { t, d, e } = (meta ?? {}) as Partial<Record<keyof Meta, unknown>>;
  const strings = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');
  if (!strings(t) || !strings(d) || (e !== null && typeof e !== 'number')) return undefined;
  return { t, d, e };
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (char) => `\\${char}`);
}
