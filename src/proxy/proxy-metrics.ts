import type { RestMetricsSnapshot } from '../rest';

/** What `GET /metrics` answers. */
export interface RestProxyMetrics {
  /** Requests the proxy received on API routes, and its answers by status. */
  requests: number;
  byStatus: Record<string, number>;
  /** Requests waiting in the proxy's queues or in flight to Discord right now. */
  inFlight: number;
  /** Bots with a live RestClient (user id when the token shows it, else a hash of the token). */
  bots: string[];
  /** The RestClients' own figures: per-bucket requests, errors, 429s and latency. */
  rest: RestMetricsSnapshot;
}
