import { performance } from 'node:perf_hooks';
import type { AccessTracker } from './access-tracker';
import { admitRead } from './admit-read';
import type { CallGate } from './call-gate';
import type { CacheSetOptions } from './cache-events';
import type { CacheStats } from './cache-stats';
import type { CacheWrites } from './cache-writes';
import type { LoadCoalescer } from './load-coalescer';
import type { TierChain } from './tier-chain';

/**
 * `getOrSet`: a memory hit answers at once; otherwise one flight per key reads the lower tiers and,
 * on a miss, runs the loader and stores its result, and every concurrent caller joins that flight.
 */
export class CacheLoads {
  public constructor(
    private readonly chain: TierChain,
    private readonly flights: LoadCoalescer,
    private readonly writes: CacheWrites,
    private readonly gate: CallGate,
    private readonly statistics: CacheStats,
    private readonly tracker: AccessTracker,
  ) {}

  public load(
    namespace: string,
    key: string,
    loader: () => unknown,
    options: CacheSetOptions | undefined,
    namespaceTtl: number | undefined,
  ): Promise<unknown> {
    // Not `async`, so memory hits are spared a promise (see admitRead).
    const stored = admitRead(this.gate, this.tracker, namespace, key);
    if (typeof stored !== 'string') return stored;
    const top = this.chain.readTop(namespace, stored);
    if (typeof top !== 'number') return Promise.resolve(top.value);
    const joined = this.flights.join(stored);
    if (joined !== undefined) {
      this.statistics.coalesced(namespace);
      return joined;
    }
    // The lower tiers are read once for every concurrent caller, not only the loader run: a hot key
    // evicted from memory would otherwise send a burst of identical reads to Redis or PostgreSQL.
    return this.flights.run(stored, async (isStale) => {
      await Promise.resolve(); // registers the flight before anything runs, so callers in this tick join it
      const cached = await this.chain.readBelow(namespace, stored, 0, top);
      if (cached !== undefined) return cached;
      return this.runLoader(namespace, key, loader, options, namespaceTtl, isStale);
    });
  }

  private async runLoader(
    namespace: string,
    key: string,
    loader: () => unknown,
    options: CacheSetOptions | undefined,
    namespaceTtl: number | undefined,
    isStale: () => boolean,
  ): Promise<unknown> {
    const started = performance.now();
    let value: unknown;
    try {
      value = await loader();
    } catch (error) {
      this.statistics.load(namespace, performance.now() - started, true);
      throw error;
    }
    this.statistics.load(namespace, performance.now() - started, false);
    // Invalidated while loading: the loaded value may predate the change, so hand it out but keep it out.
    // Closed while loading: the caller still gets what it waited for; there is nowhere left to keep it.
    if (value !== undefined && !isStale() && !this.gate.closing) {
      await this.gate.guard(() => this.writes.write(namespace, key, value, options, namespaceTtl));
    }
    return value;
  }
}
