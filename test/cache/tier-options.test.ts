import { CacheInvalidOptionError } from '../../src/cache/cache-errors';
import { MemoryTier } from '../../src/cache/memory-tier';
import { PostgresTier } from '../../src/cache/postgres-tier';
import { RedisTier } from '../../src/cache/redis-tier';

// Bad options are refused in the constructor, before any connection or timer exists.
describe('tier options', () => {
  it.each([
    ['RedisTier maxHotKeys', () => new RedisTier({ maxHotKeys: 0 }), 'maxHotKeys'],
    ['RedisTier commandTimeout', () => new RedisTier({ commandTimeout: -1 }), 'commandTimeout'],
    ['PostgresTier sweepInterval', () => new PostgresTier({ sweepInterval: 0 }), 'sweepInterval'],
    ['PostgresTier connectTimeout', () => new PostgresTier({ connectTimeout: Number.NaN }), 'connectTimeout'],
    ['PostgresTier table', () => new PostgresTier({ table: 'a.b.c' }), 'table'],
    ['MemoryTier ttl', () => new MemoryTier({ ttl: 0 }), 'ttl'],
    ['MemoryTier pruneInterval', () => new MemoryTier({ pruneInterval: -5 }), 'pruneInterval'],
  ])('%s', (_name, create, option) => {
    let caught: unknown;
    try {
      create();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CacheInvalidOptionError);
    expect((caught as CacheInvalidOptionError).option).toBe(option);
  });
});
