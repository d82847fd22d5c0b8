import { OvenError } from '../../../errors';

/** Codes of {@link FakeGatewayError}. */
export type FakeGatewayErrorCode =
  | 'OVEN_ERR_FAKE_GATEWAY_OPTIONS'
  | 'OVEN_ERR_FAKE_GATEWAY_NO_MATCH'
  | 'OVEN_ERR_FAKE_GATEWAY_WAIT_TIMEOUT'
  | 'OVEN_ERR_FAKE_GATEWAY_CLOSED';

/**
 * Misuse of the fake gateway from a test: bad options, a fault aimed at no connected session, a
 * `waitFor` that timed out, or use after `close()`. Protocol errors from clients never throw: they
 * get the close code Discord would send.
 *
 * @example
 * ```ts
 * await expect(gateway.faults.reconnect({ shard: 7 })).rejects.toThrow(FakeGatewayError);
 * ```
 */
export class FakeGatewayError extends OvenError {
  public constructor(code: FakeGatewayErrorCode, message: string) {
    super(code, message);
  }
}
