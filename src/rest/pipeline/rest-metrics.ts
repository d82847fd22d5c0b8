import { performance } from 'node:perf_hooks';
import type { Middleware } from './middleware';

/** Latency summary of a set of requests, in milliseconds. */
export interface LatencySummary {
  count: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

/** One bucket's figures. */
export interface BucketMetrics {
  requests: number;
  errors: number;
  rateLimitHits: number;
  latency: LatencySummary;
}

/** Everything {@link RestMetrics} counted since it was created or reset. */
export interface RestMetricsSnapshot {
  requests: number;
  errors: number;
  rateLimitHits: number;
  byStatus: Record<string, number>;
  latency: LatencySummary;
  byBucket: Record<string, BucketMetrics>;
}

/** Latencies kept per bucket for percentiles: the most recent ones, so memory stays bounded. */
const RESERVOIR = 1024;

class LatencyRecorder {
  private readonly samples: number[] = [];
  private next = 0;
  private count = 0;
  private sum = 0;
  private max = 0;

  public add(ms: number): void {
    this.count += 1;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
    if (this.samples.length < RESERVOIR) this.samples.push(ms);
    else {
      this.samples[this.next] = ms;
      this.next = (this.next + 1) % RESERVOIR;
    }
  }

  public summary(): LatencySummary {
    const sorted = [...this.samples].sort((a, b) => a - b);
    const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    return { count: this.count, meanMs: this.count === 0 ? 0 : this.sum / this.count, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: this.max };
  }
}

interface BucketCounters {
  requests: number;
  errors: number;
  rateLimitHits: number;
  latency: LatencyRecorder;
}

/**
 * Counts requests, failures, latency and 429s, overall and per rate-limit bucket. Add
 * `metrics.middleware` to a pipeline; read `metrics.snapshot()` from a health endpoint or exporter.
 *
 * @example
 * ```ts
 * const metrics = new RestMetrics();
 * rest.pipeline.use(metrics.middleware);
 * setInterval(() => console.log(metrics.snapshot().rateLimitHits), 60_000).unref();
 * ```
 */
export class RestMetrics {
  private totals = this.fresh();
  private byStatus = new Map<string, number>();
  private buckets = new Map<string, BucketCounters>();

  public readonly middleware: Middleware = async (ctx, next) => {
    const start = performance.now();
    let failed = false;
    let errorStatus: number | undefined;
    try {
      await next();
    } catch (error) {
      failed = true;
      // DiscordAPIError and HTTPError carry the status of the answer that failed.
      const status = (error as { status?: unknown } | null)?.status;
      if (typeof status === 'number') errorStatus = status;
      throw error;
    } finally {
      const elapsed = performance.now() - start;
      const status = ctx.response?.status ?? errorStatus;
      const isError = failed || (status !== undefined && status >= 400);
      const bucket = ctx.info.bucket ?? 'none';
      let counters = this.buckets.get(bucket);
      if (counters === undefined) {
        counters = this.fresh();
        this.buckets.set(bucket, counters);
      }
      for (const target of [this.totals, counters]) {
        target.requests += 1;
        target.errors += isError ? 1 : 0;
        target.rateLimitHits += ctx.info.rateLimitHits;
        target.latency.add(elapsed);
      }
      const statusKey = status === undefined ? 'failed' : String(status);
      this.byStatus.set(statusKey, (this.byStatus.get(statusKey) ?? 0) + 1);
    }
  };

  public snapshot(): RestMetricsSnapshot {
    const byBucket: Record<string, BucketMetrics> = {};
    for (const [bucket, counters] of this.buckets) {
      byBucket[bucket] = { ...counters, latency: counters.latency.summary() };
    }
    return {
      requests: this.totals.requests,
      errors: this.totals.errors,
      rateLimitHits: this.totals.rateLimitHits,
      byStatus: Object.fromEntries(this.byStatus),
      latency: this.totals.latency.summary(),
      byBucket,
    };
  }

  public reset(): void {
    this.totals = this.fresh();
    this.byStatus = new Map();
    this.buckets = new Map();
  }

  private fresh(): BucketCounters {
    return { requests: 0, errors: 0, rateLimitHits: 0, latency: new LatencyRecorder() };
  }
}
