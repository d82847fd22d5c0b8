import { OvenError } from '../../errors';

/** Where a request spent its time, in milliseconds. */
export interface RequestTimeSpent {
  /** Behind earlier requests of its bucket, before its own turn. */
  queueMs: number;
  /** Waiting out predicted or announced (429) rate limits, global ones included, and asking the limiter store. */
  rateLimitMs: number;
  /** In HTTP attempts. */
  attemptMs: number;
  /** In back-off between retries of 5xx answers and network failures. */
  retryBackoffMs: number;
}

/** What the request was doing when its time ran out. */
export type RequestPhase = 'queue' | 'rate-limit' | 'attempt' | 'retry-backoff';

/**
 * The request's `totalTimeout` passed before it had an answer. Unlike `timeout`, which bounds one
 * HTTP attempt, `totalTimeout` covers the bucket queue, rate-limit waits, every attempt and the
 * back-off between retries; `spent` says which of those took the time.
 *
 * @example
 * ```ts
 * try { await rest.post(route, { body, totalTimeout: 5_000 }); }
 * catch (error) { if (error instanceof TotalTimeoutError) log.warn(error.phase, error.spent); }
 * ```
 */
export class TotalTimeoutError extends OvenError {
  public readonly method: string;
  public readonly path: string;
  public readonly totalTimeoutMs: number;
  public readonly attempts: number;
  public readonly phase: RequestPhase;
  public readonly spent: Readonly<RequestTimeSpent>;

  public constructor(method: string, path: string, totalTimeoutMs: number, attempts: number, phase: RequestPhase, spent: RequestTimeSpent) {
    super(
      'OVEN_ERR_REST_TOTAL_TIMEOUT',
      `${method} ${path} gave up when its totalTimeout of ${totalTimeoutMs} ms ran out ${PHASES[phase]}. Time spent: ` +
        `${Math.round(spent.queueMs)} ms queued behind its bucket, ${Math.round(spent.rateLimitMs)} ms waiting for rate limits, ` +
        `${Math.round(spent.attemptMs)} ms in ${attempts} attempt${attempts === 1 ? '' : 's'}, ${Math.round(spent.retryBackoffMs)} ms in retry back-off. ` +
        `${FIX[phase]}`,
    );
    this.method = method;
    this.path = path;
    this.totalTimeoutMs = totalTimeoutMs;
    this.attempts = attempts;
    this.phase = phase;
    this.spent = spent;
  }
}

const PHASES: Record<RequestPhase, string> = {
  queue: 'while it waited behind earlier requests of its bucket',
  'rate-limit': 'while it waited for a rate limit',
  attempt: 'during an HTTP attempt',
  'retry-backoff': 'while it waited to retry a failed attempt',
};

const FIX: Record<RequestPhase, string> = {
  queue: 'Send fewer requests to this bucket at once, or raise totalTimeout.',
  'rate-limit': 'The bucket or the global limit is exhausted: spread the load, raise totalTimeout, or use rejectOnRateLimit to fail at once.',
  attempt: 'Discord (or the network) is slow: lower `timeout` so a retry fits, or raise totalTimeout.',
  'retry-backoff': 'Attempts are failing: check Discord status and the network, or lower retries and retryMaxDelayMs.',
};
