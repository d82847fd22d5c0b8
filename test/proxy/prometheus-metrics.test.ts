import { renderPrometheus } from '../../src/proxy/prometheus-metrics';
import type { RestProxyMetrics } from '../../src/proxy';

const latency = { count: 3, meanMs: 20, p50Ms: 18, p95Ms: 250, maxMs: 300 };

describe('renderPrometheus', () => {
  it('renders counters and gauges with bucket and status labels, latency in seconds', () => {
    const metrics: RestProxyMetrics = {
      requests: 7,
      byStatus: { '200': 5, '404': 2 },
      inFlight: 1,
      bots: ['123', 'anonymous'],
      rest: {
        requests: 3,
        errors: 1,
        rateLimitHits: 0,
        byStatus: { '200': 2, '404': 1 },
        latency,
        byBucket: { 'abc"d\\e|1': { requests: 3, errors: 1, rateLimitHits: 2, latency } },
      },
    };
    const text = renderPrometheus(metrics);
    expect(text.split('\n')).toEqual(
      expect.arrayContaining([
        '# TYPE oven_proxy_requests_total counter',
        'oven_proxy_requests_total 7',
        'oven_proxy_responses_total{status="200"} 5',
        'oven_proxy_responses_total{status="404"} 2',
        'oven_proxy_in_flight 1',
        'oven_proxy_bots 2',
        'oven_proxy_upstream_requests_total{bucket="abc\\"d\\\\e|1"} 3',
        'oven_proxy_upstream_rate_limit_hits_total{bucket="abc\\"d\\\\e|1"} 2',
        'oven_proxy_upstream_latency_p95_seconds{bucket="abc\\"d\\\\e|1"} 0.25',
      ]),
    );
    expect(text.endsWith('\n')).toBe(true);
    // Every sample line is `name{labels} value` or `name value`.
    for (const line of text.trim().split('\n').filter((l) => !l.startsWith('#'))) expect(line).toMatch(/^[a-z_0-9]+(\{.*\})? \d+(\.\d+)?$/);
  });
});
