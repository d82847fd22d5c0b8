/**
 * TLS settings for a connection to Discord (REST or gateway). Not needed for Discord itself (its
 * certificate chains to the system's CAs); for a proxy or a test server with its own certificate
 * authority, such as the fake Discord started with `tls`.
 *
 * @example
 * ```ts
 * const tls: TlsOptions = { ca: readFileSync('test/fixtures/tls/cert.pem') };
 * ```
 */
export interface TlsOptions {
  /** PEM certificate(s) to trust in place of the system's CAs. @defaultValue Node's bundled CAs */
  readonly ca?: string | Buffer | ReadonlyArray<string | Buffer>;
  /** Refuse a certificate that does not verify. Turn off only in tests. @defaultValue true */
  readonly rejectUnauthorized?: boolean;
}

const isPem = (value: unknown): value is string | Buffer => typeof value === 'string' || Buffer.isBuffer(value);

/**
 * What is wrong with user-given TLS options, as a sentence naming the field, or undefined when they
 * are fine. Each capability wraps the sentence in its own typed error.
 */
export function tlsOptionsProblem(tls: unknown): string | undefined {
  if (tls === undefined) return undefined;
  if (typeof tls !== 'object' || tls === null) return `tls must be an object { ca?, rejectUnauthorized? }, got ${tls === null ? 'null' : typeof tls}.`;
  const { ca, rejectUnauthorized } = tls as { ca?: unknown; rejectUnauthorized?: unknown };
  if (ca !== undefined && !isPem(ca) && !(Array.isArray(ca) && ca.length > 0 && ca.every(isPem))) {
    return "tls.ca must be PEM text or a Buffer (or a non-empty array of them): the certificate's contents, not its path.";
  }
  if (typeof ca === 'string' && !ca.includes('-----BEGIN')) {
    return 'tls.ca does not look like a PEM certificate (no "-----BEGIN"); pass the file\'s contents (readFileSync(path)), not its path.';
  }
  if (rejectUnauthorized !== undefined && typeof rejectUnauthorized !== 'boolean') {
    return `tls.rejectUnauthorized must be a boolean, got ${typeof rejectUnauthorized}.`;
  }
  return undefined;
}
