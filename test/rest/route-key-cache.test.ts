import { RouteKeyCache } from '../../src/rest/route-key-cache';
import { routeKeyOf } from '../../src/rest';

describe('RouteKeyCache', () => {
  it('gives the same key as routeKeyOf and reuses it for a repeated path', () => {
    const cache = new RouteKeyCache();
    const first = cache.of('POST', '/channels/111111111111111111/messages');
    expect(first).toEqual(routeKeyOf('POST', '/channels/111111111111111111/messages'));
    expect(cache.of('POST', '/channels/111111111111111111/messages')).toBe(first);
    expect(cache.of('GET', '/channels/111111111111111111/messages')).not.toBe(first);
  });

  it('stays bounded under many distinct paths and does not cache time-dependent deletes', () => {
    const cache = new RouteKeyCache();
    for (let index = 0; index < 20_000; index += 1) cache.of('GET', `/channels/111111111111111111/messages/${100000000000000000n + BigInt(index)}`);
    expect(cache.size).toBeLessThanOrEqual(4096);
    const size = cache.size;
    cache.of('DELETE', '/channels/111111111111111111/messages/222222222222222222');
    expect(cache.size).toBe(size);
  });
});

describe('RouteKeyCache validation', () => {
  it('validates a path before caching it, and again for paths it does not cache', () => {
    const seen: string[] = [];
    const cache = new RouteKeyCache((method, path) => {
      seen.push(`${method} ${path}`);
      if (path.includes('undefined')) throw new Error('bad');
    });
    cache.of('GET', '/channels/1');
    cache.of('GET', '/channels/1');
    expect(() => cache.of('GET', '/channels/undefined')).toThrow('bad');
    expect(() => cache.of('GET', '/channels/undefined')).toThrow('bad');
    cache.of('DELETE', '/channels/1');
    cache.of('DELETE', '/channels/1');
    expect(seen).toEqual(['GET /channels/1', 'GET /channels/undefined', 'GET /channels/undefined', 'DELETE /channels/1', 'DELETE /channels/1']);
  });
});
