import { Cache } from '../../src/cache/cache';
import { CacheSerializationError } from '../../src/cache/cache-errors';
import { MemoryTier } from '../../src/cache/memory-tier';
import type { CacheSerializer } from '../../src/cache/serializer';
import { MapByteTier } from './map-byte-tier';

const open: Cache[] = [];
afterEach(async () => {
  for (const cache of open.splice(0)) await cache.close().catch(() => undefined);
});

function cacheWith(serializer: CacheSerializer): { cache: Cache; remote: MapByteTier; downs: unknown[] } {
  const remote = new MapByteTier();
  const cache = new Cache({ tiers: [new MemoryTier(), remote], serializer });
  open.push(cache);
  const downs: unknown[] = [];
  cache.on('tierDown', (event) => downs.push(event));
  return { cache, remote, downs };
}

describe('what a custom serializer returns', () => {
  it('takes a plain Uint8Array (TextEncoder, most msgpack and cbor libraries) as bytes', async () => {
    const text: CacheSerializer = {
      name: 'text',
      serialize: (value) => new TextEncoder().encode(JSON.stringify(value)) as Buffer,
      deserialize: (bytes) => JSON.parse(new TextDecoder().decode(bytes)) as unknown,
    };
    const { cache, remote, downs } = cacheWith(text);
    await cache.set('k', { n: 1 });
    expect(downs).toEqual([]);
    expect(Buffer.isBuffer(remote.entries.get('default:k')?.value)).toBe(true);
    expect(remote.value('default:k')).toEqual({ n: 1 });
  });

  it('rejects the write with CacheSerializationError when it returns no bytes, leaving the tiers as they were', async () => {
    const broken: CacheSerializer = {
      name: 'stringly',
      serialize: (value) => JSON.stringify(value) as unknown as Buffer,
      deserialize: (bytes) => JSON.parse(bytes.toString()) as unknown,
    };
    const { cache, remote, downs } = cacheWith(broken);
    const error = await cache.set('k', { n: 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CacheSerializationError);
    expect((error as CacheSerializationError).code).toBe('OVEN_ERR_CACHE_UNSERIALIZABLE');
    expect((error as CacheSerializationError).message).toMatch(/serializer "stringly" returned a string/);
    expect(downs).toEqual([]); // the tier is fine; the serializer is wrong
    expect(remote.entries.size).toBe(0);
    expect(await cache.get('k')).toBeUndefined();
  });
});
