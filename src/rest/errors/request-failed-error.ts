import { OvenError } from '../../errors';

/**
 * The request got no HTTP answer: the network failed (after the retries allowed for its method),
 * the per-attempt timeout passed, or the caller's AbortSignal fired.
 *
 * @example
 * ```ts
 * catch (error) { if (error instanceof RequestFailedError && error.reason === 'timeout') ... }
 * ```
 */
export class RequestFailedError extends OvenError {
  public readonly reason: 'network' | 'timeout' | 'aborted';
  public readonly method: string;
  public readonly path: string;
  public readonly attempts: number;

  public constructor(
    reason: RequestFailedError['reason'],
    method: string,
    path: string,
    attempts: number,
    cause?: unknown,
  ) {
    super(
      reason === 'aborted' ? 'OVEN_ERR_REST_ABORTED' : reason === 'timeout' ? 'OVEN_ERR_REST_TIMEOUT' : 'OVEN_ERR_REST_NETWORK',
      `${method} ${path} ${describe(reason)} after ${attempts} attempt${attempts === 1 ? '' : 's'}` +
        `${cause instanceof Error ? ` (${cause.message})` : ''}. ${fix(reason)}`,
      { cause },
    );
    this.reason = reason;
    this.method = method;
    this.path = path;
    this.attempts = attempts;
  }
}

function describe(reason: RequestFailedError['reason']): string {
  if (reason === 'aborted') return 'was aborted (its AbortSignal fired or the client was closed)';
  if (reason === 'timeout') return 'timed out';
  return 'failed at the network level';
}

function fix(reason: RequestFailedError['reason']): string {
  if (reason === 'aborted') return 'Nothing to fix if the abort was intended.';
  if (reason === 'timeout') return 'Raise `timeout` (client or request option) or check the network path to Discord.';
  return 'Check baseURL and the network; raise `retries` for flaky links.';
}
