import { approximateSize } from './approximate-size';
import { requirePositive } from './require-positive';

/** Why the LRU dropped an entry on its own (deletes and overwrites by the caller are not evictions). */
export type EvictionReason = 'capacity' | 'bytes' | 'expired' | 'oversize';

/** Reported through `onEvict` each time the LRU drops an entry on its own. */
export interface LruEviction<V> {
  readonly key: string;
  readonly value: V;
  readonly reason: EvictionReason;
}

/** Bounds and hooks of an {@link LruCache}. */
export interface LruOptions<V> {
  /** Most entries kept; the least recently used goes first. @defaultValue 10_000 */
  readonly maxEntries?: number;
  /** Most approximate bytes kept (see `sizeOf`). @defaultValue no byte bound */
  readonly maxBytes?: number;
  /** Bytes an entry counts for; only called when `maxBytes` is set. @defaultValue {@link approximateSize} */
  readonly sizeOf?: (value: V, key: string) => number;
  /** Time to live of entries set without their own, in milliseconds. @defaultValue no expiry */
  readonly ttl?: number;
  /** Clock in epoch milliseconds; tests pass a fake one. @defaultValue Date.now */
  readonly now?: () => number;
  /** Called after an entry was dropped for capacity, bytes, expiry or being larger than `maxBytes`. */
  readonly onEvict?: (eviction: LruEviction<V>) => void;
}

/** Per-call expiry: `ttl` in milliseconds from now, or an absolute `expiresAt` in epoch milliseconds. */
export interface LruSetOptions {
  readonly ttl?: number;
  readonly expiresAt?: number;
}

interface Node<V> {
  readonly key: string;
  value: V;
  size: number;
  /** 0 means never: keeps the common no-TTL read path free of clock calls. */
  expiresAt: number;
  prev: Node<V> | undefined;
  next: Node<V> | undefined;
}

/**
 * A least-recently-used map bounded by entry count and approximate bytes, with per-entry TTL.
 * `get`, `set` and `delete` are O(1): a `Map` finds the node and a doubly linked list keeps the
 * recency order, so eviction never scans.
 *
 * @example
 * ```ts
 * const lru = new LruCache<string>({ maxEntries: 1000, maxBytes: 1 << 20, ttl: 60_000 });
 * lru.set('guild:1', 'Oven Lovers');
 * lru.get('guild:1'); // 'Oven Lovers'
 * ```
 */
export class LruCache<V> {
  private readonly nodes = new Map<string, Node<V>>();
  /** Most recently used. */
  private head: Node<V> | undefined;
  /** Least recently used: the next to go. */
  private tail: Node<V> | undefined;
  private totalBytes = 0;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly defaultTtl: number | undefined;
  private readonly now: () => number;
  private readonly sizeOfValue: ((value: V, key: string) => number) | undefined;
  private readonly onEvict: ((eviction: LruEviction<V>) => void) | undefined;

  public constructor(options: LruOptions<V> = {}) {
    this.maxEntries = requirePositive('maxEntries', options.maxEntries ?? 10_000);
    this.maxBytes = requirePositive('maxBytes', options.maxBytes ?? Number.POSITIVE_INFINITY);
    this.defaultTtl = options.ttl === undefined ? undefined : requirePositive('ttl', options.ttl);
    this.now = options.now ?? Date.now;
    this.sizeOfValue =
      options.maxBytes === undefined ? undefined : (options.sizeOf ?? ((value: V) => approximateSize(value)));
    this.onEvict = options.onEvict;
  }

  /** Entries currently held (expired ones count until they are read or pruned). */
  public get size(): number {
    return this.nodes.size;
  }

  /** Approximate bytes currently held; 0 when no `maxBytes` bound was set. */
  public get bytes(): number {
    return this.totalBytes;
  }

  /** Returns the value and marks it most recently used; `undefined` if absent or expired. */
  public get(key: string): V | undefined {
    const node = this.live(key);
    if (node === undefined) return undefined;
    if (node !== this.head) {
      this.unlink(node);
      this.pushFront(node);
    }
    return node.value;
  }

  /** Returns the value without changing its recency. */
  public peek(key: string): V | undefined {
    return this.live(key)?.value;
  }

  public has(key: string): boolean {
    return this.live(key) !== undefined;
  }

  /** Epoch milliseconds at which the entry expires, `undefined` if it never does or is absent. */
  public expiresAt(key: string): number | undefined {
    const node = this.live(key);
    return node === undefined || node.expiresAt === 0 ? undefined : node.expiresAt;
  }

  /**
   * Stores the value as most recently used, evicting the least recently used entries past the
   * bounds. Returns `false` (and reports an `oversize` eviction) when the value alone exceeds
   * `maxBytes`, in which case any previous value of the key is removed too rather than left stale.
   */
  public set(key: string, value: V, options?: LruSetOptions): boolean {
    const expiresAt = this.expiryFor(options);
    const size = this.sizeOfValue === undefined ? 0 : this.sizeOfValue(value, key);
    const existing = this.nodes.get(key);
    if (size > this.maxBytes) {
      if (existing !== undefined) this.remove(existing);
      this.onEvict?.({ key, value, reason: 'oversize' });
      return false;
    }
    if (existing !== undefined) {
      this.totalBytes += size - existing.size;
      existing.value = value;
      existing.size = size;
      existing.expiresAt = expiresAt;
      if (existing !== this.head) {
        this.unlink(existing);
        this.pushFront(existing);
      }
    } else {
      const node: Node<V> = { key, value, size, expiresAt, prev: undefined, next: undefined };
      this.nodes.set(key, node);
      this.totalBytes += size;
      this.pushFront(node);
    }
    this.enforceBounds();
    return true;
  }

  /** Removes the entry; returns whether it was there. Not reported as an eviction. */
  public delete(key: string): boolean {
    const node = this.nodes.get(key);
    if (node === undefined) return false;
    this.remove(node);
    return true;
  }

  /** Removes every entry without reporting evictions. */
  public clear(): void {
    this.nodes.clear();
    this.head = undefined;
    this.tail = undefined;
    this.totalBytes = 0;
  }

  /** Drops every expired entry now (reported as `expired` evictions); returns how many. */
  public prune(): number {
    const now = this.now();
    let dropped = 0;
    for (const node of [...this.nodes.values()]) {
      if (node.expiresAt !== 0 && node.expiresAt <= now) {
        this.evict(node, 'expired');
        dropped += 1;
      }
    }
    return dropped;
  }

  /** Keys from most to least recently used, expired ones included until pruned. */
  public *keys(): IterableIterator<string> {
    for (let node = this.head; node !== undefined; node = node.next) yield node.key;
  }

  private live(key: string): Node<V> | undefined {
    const node = this.nodes.get(key);
    if (node === undefined) return undefined;
    if (node.expiresAt !== 0 && node.expiresAt <= this.now()) {
      this.evict(node, 'expired');
      return undefined;
    }
    return node;
  }

  private expiryFor(options: LruSetOptions | undefined): number {
    if (options?.expiresAt !== undefined) return options.expiresAt;
    const ttl = options?.ttl ?? this.defaultTtl;
    if (ttl === undefined) return 0;
    return this.now() + requirePositive('ttl', ttl);
  }

  private enforceBounds(): void {
    while (this.nodes.size > this.maxEntries && this.tail !== undefined) {
      this.evict(this.tail, 'capacity');
    }
    while (this.totalBytes > this.maxBytes && this.tail !== undefined) {
      this.evict(this.tail, 'bytes');
    }
  }

  private evict(node: Node<V>, reason: EvictionReason): void {
    this.remove(node);
    this.onEvict?.({ key: node.key, value: node.value, reason });
  }

  private remove(node: Node<V>): void {
    this.nodes.delete(node.key);
    this.totalBytes -= node.size;
    this.unlink(node);
  }

  private unlink(node: Node<V>): void {
    if (node.prev === undefined) this.head = node.next;
    else node.prev.next = node.next;
    if (node.next === undefined) this.tail = node.prev;
    else node.next.prev = node.prev;
    node.prev = undefined;
    node.next = undefined;
  }

  private pushFront(node: Node<V>): void {
    node.next = this.head;
    if (this.head !== undefined) this.head.prev = node;
    this.head = node;
    if (this.tail === undefined) this.tail = node;
  }
}
