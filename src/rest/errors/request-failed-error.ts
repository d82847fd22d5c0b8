import { OvenError } from '../../errors';

/**
 * The request got no HTTP answer: the network failed (after the retries allowed for its method),
 * the server's TLS certificate did not verify (never retried), the per-attempt timeout passed, or
 * the caller's AbortSignal fired.
 *
 * @example
 * ```ts
 * catch (error) { if (error instanceof RequestFailedError && error.reason === 'timeout') ... }
 * ```
 */
export class RequestFailedError extends OvenError {
  public readonly reason: 'network' | 'tls' | 'timeout' | 'aborted';
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
      CODES[reason],
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

const CODES = {
  network: 'OVEN_ERR_REST_NETWORK',
  tls: 'OVEN_ERR_REST_TLS_UNTRUSTED',
  timeout: 'OVEN_ERR_REST_TIMEOUT',
  aborted: 'OVEN_ERR_REST_ABORTED',
} as const;

function describe(reason: RequestFailedError['reason']): string {
  if (reason === 'aborted') return 'was aborted (its AbortSignal fired or the client was closed)';
  if (reason === 'tls') return "failed: the server's TLS certificate did not verify";
  if (reason === 'timeout') return 'timed out';
  return 'failed at the network level';
}

function fix(reason: RequestFailedError['reason']): string {
  if (reason === 'aborted') return 'Nothing to fix if the abort was intended.';
  if (reason === 'timeout') return 'Raise `timeout` (client or request option) or check the network path to Discord.';
  if (reason === 'tls') return "Check baseURL, or trust the server's CA with the client's `tls: { ca }` option (a proxy or the fake Discord started with tls).";
  return 'Check baseURL and the network; raise `retries` for flaky links.';
}
