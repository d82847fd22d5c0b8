import { OvenError } from '../../errors';

/**
 * The limiter store could not answer (Redis down, a script error). The request was not sent: without
 * the shared state, sending could break limits other processes are counting on.
 *
 * @example
 * ```ts
 * catch (error) { if (error instanceof LimiterStoreError) alert('Redis is down: REST paused'); }
 * ```
 */
export class LimiterStoreError extends OvenError {
  public constructor(operation: string, cause: unknown) {
    super(
      'OVEN_ERR_REST_STORE',
      `The rate-limit store failed during ${operation}: ${cause instanceof Error ? cause.message : String(cause)}. ` +
        'The request was not sent. Check that Redis is reachable (host, port, auth) or use the MemoryLimiterStore for a single process.',
      { cause },
    );
  }
}
