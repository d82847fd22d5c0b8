import type { EventEmitter } from 'node:events';
import type { CacheEvents } from './cache-events';
import type { CacheStats } from './cache-stats';
import type { TierEntry } from './tier';

/**
 * Records one tier's answer to a read: always in the stats (plain counters), and as a `hit` or
 * `miss` event only while someone listens. Reads are the hot path, so the payload is built after
 * the listener check, never before.
 */
export class ReadReporter {
  public constructor(
    private readonly statistics: CacheStats,
    private readonly events: EventEmitter<CacheEvents>,
  ) {}

  public hit(namespace: string, tier: string, key: string, entry: TierEntry<unknown>): void {
    this.statistics.tierRead(namespace, tier, true);
    if (this.events.listenerCount('hit') > 0) this.events.emit('hit', { tier, namespace, key, tags: entry.tags });
  }

  public miss(namespace: string, tier: string, key: string): void {
    this.statistics.tierRead(namespace, tier, false);
    if (this.events.listenerCount('miss') > 0) this.events.emit('miss', { tier, namespace, key });
  }
}
