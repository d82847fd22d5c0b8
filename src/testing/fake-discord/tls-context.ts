import { createSecureContext } from 'node:tls';
import { FakeDiscordError } from './fake-discord-error';
import type { FakeDiscordTlsOptions } from './fake-discord-options';

const PEM_START = '-----BEGIN ';

function pemText(value: unknown, field: 'key' | 'cert'): string | Buffer {
  if (typeof value !== 'string' && !Buffer.isBuffer(value)) {
    throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_TLS', `FakeDiscord tls.${field} must be PEM text (a string or Buffer), got ${value === null ? 'null' : typeof value}.`);
  }
  const text = value.toString('utf8');
  if (!text.includes(PEM_START)) {
    // A path passed where the file's contents belong is the usual slip: say so.
    const hint = text.trim() === '' ? 'it is empty' : `it has no "${PEM_START}..." line; pass the file's contents (readFileSync(path)), not its path`;
    throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_TLS', `FakeDiscord tls.${field} is not PEM: ${hint}.`);
  }
  return value;
}

function reason(error: unknown): string {
  const e = error as { reason?: unknown; code?: unknown; message?: unknown };
  return typeof e.reason === 'string' ? e.reason : typeof e.code === 'string' ? e.code : String(e.message);
}

/**
 * Checks key and certificate one at a time and then as a pair, so the error names the part that
 * is wrong (OpenSSL alone reports "no start line" or "key values mismatch" without saying which).
 * Returns the options for `https.createServer`.
 */
export function checkTlsOptions(tls: FakeDiscordTlsOptions): { key: string | Buffer; cert: string | Buffer } {
  if (typeof tls !== 'object' || tls === null) {
    throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_TLS', 'FakeDiscord tls must be { key, cert } with PEM text.');
  }
  const key = pemText(tls.key, 'key');
  const cert = pemText(tls.cert, 'cert');
  try {
    createSecureContext({ cert });
  } catch (error) {
    throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_TLS', `FakeDiscord tls.cert is not a readable PEM certificate (${reason(error)}).`, { cause: error });
  }
  try {
    createSecureContext({ key });
  } catch (error) {
    throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_TLS', `FakeDiscord tls.key is not a readable unencrypted PEM private key (${reason(error)}).`, { cause: error });
  }
  try {
    createSecureContext({ key, cert });
  } catch (error) {
    throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_TLS', `FakeDiscord tls.key does not belong to tls.cert (${reason(error)}); pass the key the certificate was issued for.`, { cause: error });
  }
  return { key, cert };
}
