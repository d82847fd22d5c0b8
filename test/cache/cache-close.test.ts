import { Cache } from '../../src/cache/cache';
import { CacheClosedError } from '../../src/cache/cache-errors';
import type { CacheEvents } from '../../src/cache/cache-events';
import { MemoryTier } from '../../src/cache/memory-tier';
import type { TierEntry } from '../../src/cache/tier';
import { MapByteTier } from './map-byte-tier';

/** A byte tier whose calls wait for `release()` while `held` is set, and which records its calls. */
class GatedTier extends MapByteTier {
  public held = false;
  public readonly log: string[] = [];
  private waiting: Array<() => void> = [];

  public release(): void {
    this.held = false;
    for (const resume of this.waiting.splice(0)) resume();
  }

  public override async get(key: string): Promise<TierEntry<Buffer> | undefined> {
    await this.gate();
    this.log.push(`get ${key}`);
    return super.get(key);
  }

  public override async set(key: string, entry: TierEntry<Buffer>): Promise<void> {
    await this.gate();
    this.log.push(`set ${key}`);
    return super.set(key, entry);
  }

  public override async close(): Promise<void> {
    this.log.push('close');
  }

  private async gate(): Promise<void> {
    if (this.held) await new Promise<void>((resume) => this.waiting.push(resume));
  }
}

function watch(cache: Cache): string[] {
  const seen: string[] = [];
  cache.on('tierDown', (event: CacheEvents['tierDown'][0]) => seen.push(`tierDown ${event.tier} ${event.operation}`));
  cache.on('backgroundError', (event: CacheEvents['backgroundError'][0]) => seen.push(`backgroundError ${event.source}`));
  return seen;
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('Cache.close() while calls are in flight', () => {
  it('lets a write under way finish in every tier before closing them, and reports no outage', async () => {
    const remote = new GatedTier();
    const cache = new Cache({ tiers: [new MemoryTier(), remote] });
    const seen = watch(cache);
    remote.held = true;
    const writing = cache.set('k', 'v');
    await tick();
    const closing = cache.close();
    await tick();
    remote.release();
    await expect(writing).resolves.toBeUndefined();
    await expect(closing).resolves.toBeUndefined();
    expect(remote.log).toEqual(['set default:k', 'close']);
    expect(seen).toEqual([]);
  });

  it('lets a read under way answer without taking the memory tier for dead', async () => {
    const remote = new GatedTier();
    const memory = new MemoryTier();
    const cache = new Cache({ tiers: [memory, remote] });
    const seen = watch(cache);
    await cache.set('k', 'stored');
    await memory.delete(['default:k']);
    remote.held = true;
    const reading = cache.get('k');
    await tick();
    const closing = cache.close();
    await tick();
    remote.release();
    await expect(reading).resolves.toBe('stored');
    await expect(closing).resolves.toBeUndefined();
    expect(seen).toEqual([]);
    expect(remote.log.at(-1)).toBe('close');
  });

  it('refuses calls made after close() started, even before it finished', async () => {
    const remote = new GatedTier();
    const cache = new Cache({ tiers: [new MemoryTier(), remote] });
    remote.held = true;
    const writing = cache.set('a', 1);
    await tick();
    const closing = cache.close();
    await expect(cache.set('b', 2)).rejects.toThrow(CacheClosedError);
    await expect(cache.get('a')).rejects.toThrow(CacheClosedError);
    remote.release();
    await writing;
    await closing;
    expect(remote.log).toEqual(['set default:a', 'close']);
  });
});
