import type { EventEmitter } from 'node:events';
import type { CallGate } from './call-gate';
import { CacheInvalidOptionError } from './cache-errors';
import type { CacheEvents, CacheInvalidation, CacheSetOptions } from './cache-events';
import { assertKey, fullKey, resolveRef } from './cache-keys';
import type { InvalidationMessage } from './cache-sync';
import type { ChangeMarker } from './change-marker';
import { assertList, assertTags, resolveInvalidation } from './invalidation-target';
import { requirePositive } from './require-positive';
import type { TierChain } from './tier-chain';

const NONE: readonly string[] = Object.freeze([]);

/** Tells other instances what changed (a no-op without sync); never rejects. */
export type Publish = (message: Omit<InvalidationMessage, 'origin'>) => Promise<void>;

/**
 * The changes a Cache makes to its tiers: writes, invalidations and clears, each with its
 * dependency cascade, the staleness marks that keep reads and loads under way from undoing it, and
 * the message to other instances.
 */
export class CacheWrites {
  public constructor(
    private readonly chain: TierChain,
    private readonly marker: ChangeMarker,
    private readonly gate: CallGate,
    private readonly events: EventEmitter<CacheEvents>,
    private readonly publish: Publish,
    private readonly now: () => number,
  ) {}

  public async write(
    namespace: string,
    key: string,
    value: unknown,
    options: CacheSetOptions | undefined,
    namespaceTtl: number | undefined,
  ): Promise<void> {
    this.gate.assertOpen();
    assertKey(key);
    if (value === undefined) {
      throw new CacheInvalidOptionError('value', value, 'defined (undefined means "not cached"; cache null for "known to be absent")');
    }
    const stored = fullKey(namespace, key);
    const ttl = options?.ttl === undefined ? namespaceTtl : requirePositive('ttl', options.ttl);
    assertList('tags', options?.tags);
    assertList('dependsOn', options?.dependsOn);
    // Most entries have neither: sharing one frozen empty list saves two arrays per cached value.
    const tags = options?.tags === undefined || options.tags.length === 0 ? NONE : [...options.tags];
    assertTags(tags);
    const dependsOn =
      options?.dependsOn === undefined || options.dependsOn.length === 0 ? NONE : options.dependsOn.map((ref) => resolveRef(namespace, ref));
    const bytes = this.chain.encode(stored, value);
    const entry = { tags, dependsOn, ...(ttl === undefined ? {} : { expiresAt: this.now() + ttl }) };
    this.marker.keys([stored]);
    const [dependents] = await Promise.all([
      // Entries derived from the old value are stale once the key changes.
      this.chain.closure([stored]),
      this.chain.write(stored, entry, value, bytes),
    ]);
    dependents.delete(stored);
    if (dependents.size > 0) {
      this.marker.keys(dependents);
      await this.chain.remove(dependents);
    }
    await this.publish({ keys: [stored, ...dependents], tags: [], prefixes: [] });
  }

  public async invalidate(namespace: string, what: CacheInvalidation): Promise<void> {
    this.gate.assertOpen();
    const { keys, tags } = resolveInvalidation(namespace, what);
    if (keys.length === 0 && tags.length === 0) return;
    const roots = await this.chain.keysWithTag(tags);
    for (const key of keys) roots.add(key);
    const doomed = await this.chain.closure(roots);
    this.marker.keys(doomed);
    await this.chain.remove(doomed);
    this.events.emit('invalidated', { keys: [...doomed], tags, remote: false });
    await this.publish({ keys: [...doomed], tags, prefixes: [] });
  }

  public async clear(prefix: string): Promise<void> {
    this.gate.assertOpen();
    this.marker.prefix(prefix);
    await this.chain.clear(prefix);
    await this.publish({ keys: [], tags: [], prefixes: [prefix] });
  }
}
