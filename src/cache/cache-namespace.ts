import { assertKey, fullKey } from './cache-keys';
import type { EventEmitter } from 'node:events';
import type { CacheEventSource, CacheInvalidation, CacheSetOptions, TypedEventMap } from './cache-events';

/** What a namespace needs from its Cache; the Cache hands each namespace one of these. */
export interface NamespaceHost {
  read(namespace: string, key: string): Promise<unknown>;
  write(namespace: string, key: string, value: unknown, options: CacheSetOptions | undefined, defaultTtl: number | undefined): Promise<void>;
  load(
    namespace: string,
    key: string,
    loader: () => unknown,
    options: CacheSetOptions | undefined,
    defaultTtl: number | undefined,
  ): Promise<unknown>;
  invalidate(namespace: string, what: CacheInvalidation): Promise<void>;
  clear(prefix: string): Promise<void>;
  warm(namespace: string, limit: number): Promise<number>;
  listen<E extends string | symbol, Args extends unknown[]>(
    namespace: string,
    source: CacheEventSource<E, Args>,
    event: E,
    select: (...args: Args) => CacheInvalidation | undefined,
  ): () => void;
}

/**
 * A named part of a {@link Cache}: its keys never collide with another namespace's, it can have its
 * own default TTL, its own stats, and it can be cleared or warmed on its own.
 *
 * @example
 * ```ts
 * const guilds = cache.namespace('guilds', { ttl: 10 * 60_000 });
 * const guild = await guilds.getOrSet(id, () => rest.get(Routes.guild(id)), { tags: [`guild:${id}`] });
 * ```
 */
export class CacheNamespace {
  /** @internal Namespaces come from `cache.namespace(name)`, never from `new`. */
  public constructor(
    public readonly name: string,
    private readonly host: NamespaceHost,
    /** Milliseconds to live of entries set without a `ttl`. */
    public readonly ttl: number | undefined,
  ) {}

  /** A reference to a key of this namespace, for `dependsOn` from another namespace. */
  public ref(key: string): { readonly namespace: string; readonly key: string } {
    assertKey(key);
    return { namespace: this.name, key };
  }

  /** The stored key (`namespace:key`), as it appears in events and in the tiers. */
  public fullKey(key: string): string {
    assertKey(key);
    return fullKey(this.name, key);
  }

  /** The value from the first tier that has it (filling the tiers above), or `undefined`. */
  public get<T>(key: string): Promise<T | undefined> {
    return this.host.read(this.name, key) as Promise<T | undefined>;
  }

  /** Stores the value in every tier (write-behind tiers in the background). */
  public set<T>(key: string, value: T, options?: CacheSetOptions): Promise<void> {
    return this.host.write(this.name, key, value, options, this.ttl);
  }

  /**
   * The cached value, or the loader's result stored and returned. Concurrent calls for one key
   * share one read of the lower tiers and one loader call. A loader returning `undefined` is not cached; return `null` to cache
   * "known to be absent".
   */
  public async getOrSet<T>(key: string, loader: () => T | Promise<T>, options?: CacheSetOptions): Promise<T> {
    return (await this.host.load(this.name, key, loader, options, this.ttl)) as T;
  }

  /** Invalidates keys of this namespace and everything depending on them, in every tier. */
  public delete(keys: string | readonly string[]): Promise<void> {
    return this.host.invalidate(this.name, typeof keys === 'string' ? [keys] : keys);
  }

  /** Invalidates keys and tags; string keys are of this namespace. */
  public invalidate(what: CacheInvalidation): Promise<void> {
    return this.host.invalidate(this.name, what);
  }

  /** Deletes every key of this namespace from every tier. */
  public clear(): Promise<void> {
    return this.host.clear(`${this.name}:`);
  }

  /**
   * Loads the most read keys of this namespace from the lower tiers into the upper ones; returns
   * how many were warmed.
   */
  public warm(options: { readonly limit?: number } = {}): Promise<number> {
    return this.host.warm(this.name, options.limit ?? 100);
  }

  /**
   * Like `Cache.invalidateOn`, with string keys of this namespace.
   *
   * @example
   * ```ts
   * guilds.invalidateOn(client, 'GUILD_DELETE', (guild: { id: string }) => guild.id);
   * ```
   */
  public invalidateOn<M extends TypedEventMap<M>, K extends keyof M & (string | symbol)>(
    source: EventEmitter<M>,
    event: K,
    select: (...args: M[K]) => CacheInvalidation | undefined,
  ): () => void;
  public invalidateOn<E extends string | symbol, Args extends unknown[]>(
    // NoInfer: the event name and the selector decide E and Args; a source typed for many events
    // (like the Client) must not widen them to the union of all its events.
    source: CacheEventSource<NoInfer<E>, NoInfer<Args>>,
    event: E,
    select: (...args: Args) => CacheInvalidation | undefined,
  ): () => void;
  public invalidateOn(
    source: CacheEventSource<string | symbol, unknown[]>,
    event: string | symbol,
    select: (...args: unknown[]) => CacheInvalidation | undefined,
  ): () => void {
    return this.host.listen(this.name, source, event, select);
  }
}
