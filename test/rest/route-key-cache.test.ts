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
