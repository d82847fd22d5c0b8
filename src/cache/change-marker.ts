import type { LoadCoalescer } from './load-coalescer';
import type { ReadGuard } from './read-guard';

/**
 * Tells the reads and loads under way that keys changed, before the tiers are touched: a read must
 * not copy an older value up, and a load must not store its result over the change.
 */
export class ChangeMarker {
  public constructor(
    private readonly reads: ReadGuard,
    private readonly loads: LoadCoalescer,
  ) {}

  public keys(keys: Iterable<string>): void {
    this.reads.changed(keys);
    this.loads.markStale(keys);
  }

  public prefix(prefix: string): void {
    this.reads.changedPrefix(prefix);
    this.loads.markStalePrefix(prefix);
  }
}
