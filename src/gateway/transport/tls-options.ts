import { GatewayOptionError, GatewayTlsError } from '../errors';

/**
 * TLS settings of a `wss://` gateway connection, given to the socket on both transports. Not
 * needed for Discord itself (its certificate chains to the system's CAs); for a gateway proxy or a
 * test server with its own certificate authority.
 *
 * @example
 * ```ts
 * const tls: GatewayTlsOptions = { ca: readFileSync('test/fixtures/tls/cert.pem') };
 * ```
 */
export interface GatewayTlsOptions {
  /** PEM certificate(s) to trust in place of the system's CAs. @defaultValue Node's bundled CAs */
  readonly ca?: string | Buffer | ReadonlyArray<string | Buffer>;
  /** Refuse a certificate that does not verify. Turn off only in tests. @defaultValue true */
  readonly rejectUnauthorized?: boolean;
}

const isPem = (value: unknown): value is string | Buffer => typeof value === 'string' || Buffer.isBuffer(value);

/** Checks user-given TLS options; throws `OVEN_ERR_GATEWAY_INVALID_OPTION` naming the bad field. */
export function checkTlsOptions(tls: unknown, owner: string): GatewayTlsOptions | undefined {
  if (tls === undefined) return undefined;
  if (typeof tls !== 'object' || tls === null) {
    throw new GatewayOptionError(`${owner}: tls must be an object { ca?, rejectUnauthorized? }, got ${tls === null ? 'null' : typeof tls}.`);
  }
  const { ca, rejectUnauthorized } = tls as { ca?: unknown; rejectUnauthorized?: unknown };
  if (ca !== undefined && !isPem(ca) && !(Array.isArray(ca) && ca.length > 0 && ca.every(isPem))) {
    throw new GatewayOptionError(`${owner}: tls.ca must be PEM text or a Buffer (or a non-empty array of them): the certificate's contents, not its path.`);
  }
  if (typeof ca === 'string' && !ca.includes('-----BEGIN')) {
    throw new GatewayOptionError(`${owner}: tls.ca does not look like a PEM certificate (no "-----BEGIN"); pass the file's contents (readFileSync(path)), not its path.`);
  }
  if (rejectUnauthorized !== undefined && typeof rejectUnauthorized !== 'boolean') {
    throw new GatewayOptionError(`${owner}: tls.rejectUnauthorized must be a boolean, got ${typeof rejectUnauthorized}.`);
  }
  return tls as GatewayTlsOptions;
}

/** Node's codes for a certificate that did not verify (as opposed to a refused or dropped connection). */
const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REVOKED',
  'INVALID_CA',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);

/** The typed error for a certificate verification failure, or undefined for any other error. */
export function untrustedCertificateError(host: string, error: unknown): GatewayTlsError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !UNTRUSTED.has(code)) return undefined;
  return new GatewayTlsError(host, code, error instanceof Error ? error.message : String(error), error);
}
