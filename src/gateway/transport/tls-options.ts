import { tlsOptionsProblem, untrustedCertificateCode, type TlsOptions } from '../../tls';
import { GatewayOptionError, GatewayTlsError } from '../errors';

/** TLS settings of a `wss://` gateway connection, given to the socket on both transports. */
export type GatewayTlsOptions = TlsOptions;

/** Checks user-given TLS options; throws `OVEN_ERR_GATEWAY_INVALID_OPTION` naming the bad field. */
export function checkTlsOptions(tls: unknown, owner: string): GatewayTlsOptions | undefined {
  const problem = tlsOptionsProblem(tls);
  if (problem !== undefined) throw new GatewayOptionError(`${owner}: ${problem}`);
  return tls as GatewayTlsOptions | undefined;
}

/** The typed error for a certificate verification failure, or undefined for any other error. */
export function untrustedCertificateError(host: string, error: unknown): GatewayTlsError | undefined {
  const code = untrustedCertificateCode(error);
  if (code === undefined) return undefined;
  return new GatewayTlsError(host, code, error instanceof Error ? error.message : String(error), error);
}
