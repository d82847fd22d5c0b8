import { passThroughHeaders } from '../../src/proxy/response-headers';

describe('passThroughHeaders', () => {
  it('drops hop-by-hop, re-encoded, rate-limit and cookie headers and keeps the rest', () => {
    expect(
      passThroughHeaders({
        connection: 'keep-alive, x-hop',
        'x-hop': 'named by Connection',
        'keep-alive': 'timeout=5',
        'transfer-encoding': 'chunked',
        'content-length': '12',
        'content-encoding': 'gzip',
        'content-type': 'application/json',
        'x-ratelimit-remaining': '0',
        'X-RateLimit-Bucket': 'abc',
        'retry-after': '1',
        'set-cookie': ['__cf_bm=1'],
        via: '1.1 google',
        'cf-ray': '8a-AMS',
        'x-envoy-upstream-service-time': undefined,
      }),
    ).toEqual({ via: '1.1 google', 'cf-ray': '8a-AMS' });
  });
});
