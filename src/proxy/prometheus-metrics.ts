import type { RestProxyMetrics } from './proxy-metrics';

/**
 * Renders the proxy's figures in Prometheus' text format (version 0.0.4), so a scraper can read
 * `/metrics?format=prometheus` directly. Latencies are in seconds, Prometheus' base unit.
 */
export function renderPrometheus(metrics: RestProxyMetrics): string {
  const lines: string[] = [];
  const family = (name: string, type: 'counter' | 'gauge', help: string, samples: [Record<string, string>, number][]): void => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, value] of samples) lines.push(`${name}${labelText(labels)} ${Number.isFinite(value) ? value : 0}`);
  };
  family('oven_proxy_requests_total', 'counter', 'API requests the proxy received.', [[{}, metrics.requests]]);
  family(
    'oven_proxy_responses_total',
    'counter',
    'Answers the proxy sent to API requests, by HTTP status.',
    Object.entries(metrics.byStatus).map(([status, count]) => [{ status }, count]),
  );
  family('oven_proxy_in_flight', 'gauge', 'Requests queued in the proxy or in flight to Discord.', [[{}, metrics.inFlight]]);
  family('oven_proxy_bots', 'gauge', 'Bot tokens with a live RestClient.', [[{}, metrics.bots.length]]);
  const buckets = Object.entries(metrics.rest.byBucket);
  family('oven_proxy_upstream_requests_total', 'counter', 'Requests forwarded to Discord, by rate-limit bucket.', buckets.map(([bucket, b]) => [{ bucket }, b.requests]));
  family('oven_proxy_upstream_errors_total', 'counter', 'Forwarded requests that failed, by bucket.', buckets.map(([bucket, b]) => [{ bucket }, b.errors]));
  family('oven_proxy_upstream_rate_limit_hits_total', 'counter', '429s Discord sent anyway, by bucket.', buckets.map(([bucket, b]) => [{ bucket }, b.rateLimitHits]));
  family(
    'oven_proxy_upstream_latency_p95_seconds',
    'gauge',
    '95th percentile time from entering the queue to the answer, by bucket (recent requests).',
    buckets.map(([bucket, b]) => [{ bucket }, b.latency.p95Ms / 1000]),
  );
  return `${lines.join('\n')}\n`;
}

function labelText(labels: Record<string, string>): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  // Label values escape backslash, quote and newline (the text format's only escapes).
  return `{${entries.map(([name, value]) => `${name}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`).join(',')}}`;
}
