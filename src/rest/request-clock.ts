import { TotalTimeoutError, type RequestPhase, type RequestTimeSpent } from './errors/total-timeout-error';

/**
 * Accounts a request's time to the phase it is in, for the TotalTimeoutError that names where the
 * time went. Made only for requests with a `totalTimeout`, so others pay nothing.
 */
export class RequestClock {
  private phase: RequestPhase = 'queue';
  private since = performance.now();
  private readonly spent: RequestTimeSpent = { queueMs: 0, rateLimitMs: 0, attemptMs: 0, retryBackoffMs: 0 };

  public constructor(
    private readonly method: string,
    private readonly path: string,
    private readonly totalTimeoutMs: number,
  ) {}

  public enter(phase: RequestPhase): void {
    if (phase === this.phase) return;
    this.close();
    this.phase = phase;
  }

  /** The error for a deadline passing now, with the current phase's time counted. */
  public expired(attempts: number): TotalTimeoutError {
    this.close();
    return new TotalTimeoutError(this.method, this.path, this.totalTimeoutMs, attempts, this.phase, { ...this.spent });
  }

  private close(): void {
    const now = performance.now();
    const elapsed = now - this.since;
    this.since = now;
    if (this.phase === 'queue') this.spent.queueMs += elapsed;
    else if (this.phase === 'rate-limit') this.spent.rateLimitMs += elapsed;
    else if (this.phase === 'attempt') this.spent.attemptMs += elapsed;
    else this.spent.retryBackoffMs += elapsed;
  }
}
