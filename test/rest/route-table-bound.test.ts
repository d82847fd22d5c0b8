import { MemoryLimiterStore, RestClient } from '../../src/rest';
import { json, limits, startLocalServer, type LocalServer } from './support/local-server';

describe('limiter tables under hostile paths', () => {
  let server: LocalServer;

  beforeEach(async () => {
    // Discord answers unknown ids with 404 and the route's bucket headers.
    server = await startLocalServer((_request, response) => json(response, 404, { code: 10008, message: 'Unknown Message' }, limits('msg', 50, 49, 1)));
  });

  afterEach(async () => {
    await server.close();
  });

  it('keeps one route, one bucket and one queue however many distinct junk ids are sent', async () => {
    const store = new MemoryLimiterStore();
    const rest = new RestClient({ token: 't', baseURL: server.baseURL, store });
    const sizes = (): { hashes: number; buckets: number } => {
      const inner = store as unknown as { hashes: Map<string, string>; buckets: Map<string, unknown> };
      return { hashes: inner.hashes.size, buckets: inner.buckets.size };
    };
    for (let index = 0; index < 200; index += 1) {
      await rest.get(`/channels/111111111111111111/messages/junk-${index}`).catch(() => undefined);
      await rest.get(`/channels/junk-${index}/messages`).catch(() => undefined);
    }
    expect(server.received).toHaveLength(400);
    expect(sizes()).toEqual({ hashes: 2, buckets: 2 });
    await rest.close();
    await store.close();
  });
});
