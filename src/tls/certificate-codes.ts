import { codeInCauses } from '../errors';

/** Node's codes for a certificate that did not verify (as opposed to a refused or dropped connection). */
const UNTRUSTED_CERTIFICATE_CODES: ReadonlySet<string> = new Set([
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

/**
 * The certificate-verification code of a connection error (looking through `cause` chains, as
 * undici wraps Node's), or undefined for any other error. Retrying such a failure cannot help: the
 * fix is trusting the right CA.
 *
 * @example
 * ```ts
 * const code = untrustedCertificateCode(error); // 'DEPTH_ZERO_SELF_SIGNED_CERT'
 * ```
 */
export function untrustedCertificateCode(error: unknown): string | undefined {
  return codeInCauses(error, UNTRUSTED_CERTIFICATE_CODES);
}
