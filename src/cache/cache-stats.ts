/** Hits and misses of one tier, or of a whole namespace. */
export interface HitCounts {
  readonly hits: number;
  readonly misses: number;
  /** hits / (hits + misses), 0 before the first read. */
  readonly hitRatio: number;
}

/** Timing of `getOrSet` loaders. */
export interface LoadStats {
  /** Loader calls that finished, successfully or not. */
  readonly count: number;
  readonly failures: number;
  /** Callers that waited on a load already running for the same key instead of starting one. */
  readonly coalesced: number;
  readonly averageMs: number;
  readonly maxMs: number;
}

/** One namespace: its reads as a whole, per tier, and its loads. */
export interface NamespaceStats extends HitCounts {
  readonly tiers: Readonly<Record<string, HitCounts>>;
  readonly loads: LoadStats;
}

/** One tier across namespaces. */
export interface TierStats extends HitCounts {
  readonly evictions: number;
  readonly errors: number;
  readonly down: boolean;
}

/** A snapshot of {@link Cache.stats}. */
export interface CacheStatsSnapshot extends HitCounts {
  readonly namespaces: Readonly<Record<string, NamespaceStats>>;
  readonly tiers: Readonly<Record<string, TierStats>>;
  readonly loads: LoadStats;
}

interface Counter {
  hits: number;
  misses: number;
}

interface LoadCounter {
  count: number;
  failures: number;
  coalesced: number;
  totalMs: number;
  maxMs: number;
}

interface NamespaceCounter extends Counter {
  tiers: Map<string, Counter>;
  loads: LoadCounter;
}

/** Counts reads, evictions, errors and loads; plain integers, so recording costs a map lookup. */
export class CacheStats {
  private readonly namespaces = new Map<string, NamespaceCounter>();
  private readonly tiers = new Map<string, Counter & { evictions: number; errors: number }>();

  public constructor(tierNames: readonly string[]) {
    for (const name of tierNames) this.tiers.set(name, { hits: 0, misses: 0, evictions: 0, errors: 0 });
  }

  public tierRead(namespace: string, tier: string, hit: boolean): void {
    const perNamespace = this.namespace(namespace).tiers;
    let counter = perNamespace.get(tier);
    if (counter === undefined) {
      counter = { hits: 0, misses: 0 };
      perNamespace.set(tier, counter);
    }
    const total = this.tier(tier);
    if (hit) {
      counter.hits += 1;
      total.hits += 1;
    } else {
      counter.misses += 1;
      total.misses += 1;
    }
  }

  public read(namespace: string, hit: boolean): void {
    const counter = this.namespace(namespace);
    if (hit) counter.hits += 1;
    else counter.misses += 1;
  }

  public eviction(tier: string): void {
    this.tier(tier).evictions += 1;
  }

  public error(tier: string): void {
    this.tier(tier).errors += 1;
  }

  public load(namespace: string, ms: number, failed: boolean): void {
    const loads = this.namespace(namespace).loads;
    loads.count += 1;
    if (failed) loads.failures += 1;
    loads.totalMs += ms;
    loads.maxMs = Math.max(loads.maxMs, ms);
  }

  public coalesced(namespace: string): void {
    this.namespace(namespace).loads.coalesced += 1;
  }

  public snapshot(isDown: (tier: string) => boolean): CacheStatsSnapshot {
    const namespaces: Record<string, NamespaceStats> = {};
    const total: Counter = { hits: 0, misses: 0 };
    const allLoads: LoadCounter = { count: 0, failures: 0, coalesced: 0, totalMs: 0, maxMs: 0 };
    for (const [name, counter] of this.namespaces) {
      const tiers: Record<string, HitCounts> = {};
      for (const [tier, tierCounter] of counter.tiers) tiers[tier] = withRatio(tierCounter);
      namespaces[name] = { ...withRatio(counter), tiers, loads: loadStats(counter.loads) };
      total.hits += counter.hits;
      total.misses += counter.misses;
      allLoads.count += counter.loads.count;
      allLoads.failures += counter.loads.failures;
      allLoads.coalesced += counter.loads.coalesced;
      allLoads.totalMs += counter.loads.totalMs;
      allLoads.maxMs = Math.max(allLoads.maxMs, counter.loads.maxMs);
    }
    const tiers: Record<string, TierStats> = {};
    for (const [name, counter] of this.tiers) {
      tiers[name] = { ...withRatio(counter), evictions: counter.evictions, errors: counter.errors, down: isDown(name) };
    }
    return { ...withRatio(total), namespaces, tiers, loads: loadStats(allLoads) };
  }

  private namespace(name: string): NamespaceCounter {
    let counter = this.namespaces.get(name);
    if (counter === undefined) {
      counter = { hits: 0, misses: 0, tiers: new Map(), loads: { count: 0, failures: 0, coalesced: 0, totalMs: 0, maxMs: 0 } };
      this.namespaces.set(name, counter);
    }
    return counter;
  }

  private tier(name: string): Counter & { evictions: number; errors: number } {
    let counter = this.tiers.get(name);
    if (counter === undefined) {
      counter = { hits: 0, misses: 0, evictions: 0, errors: 0 };
      this.tiers.set(name, counter);
    }
    return counter;
  }
}

function withRatio(counter: Counter): HitCounts {
  const reads = counter.hits + counter.misses;
  return { hits: counter.hits, misses: counter.misses, hitRatio: reads === 0 ? 0 : counter.hits / reads };
}

function loadStats(loads: LoadCounter): LoadStats {
  return {
    count: loads.count,
    failures: loads.failures,
    coalesced: loads.coalesced,
    averageMs: loads.count === 0 ? 0 : loads.totalMs / loads.count,
    maxMs: loads.maxMs,
  };
}
