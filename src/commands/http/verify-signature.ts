import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { CommandsModuleError } from '../command-errors';

// DER prefix that turns Discord's raw 32-byte Ed25519 public key into an SPKI key Node can load.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * Loads the application's public key (hex, from the Developer Portal's General Information page).
 *
 * @example
 * ```ts
 * const key = interactionPublicKey(process.env.DISCORD_PUBLIC_KEY!);
 * ```
 */
export function interactionPublicKey(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(hex)) {
    throw new CommandsModuleError('The interactions public key must be the 64 hex characters shown as "Public Key" in the Developer Portal.');
  }
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
}

/**
 * Checks Discord's signature of an HTTP interaction (`X-Signature-Ed25519` over
 * `X-Signature-Timestamp` + body). Discord sends requests with bad signatures on purpose and
 * removes the endpoint of an app that accepts them.
 *
 * @example
 * ```ts
 * if (!verifyInteractionSignature(key, signature, timestamp, rawBody)) reply401();
 * ```
 */
export function verifyInteractionSignature(key: KeyObject, signatureHex: string, timestamp: string, body: Buffer): boolean {
  if (!/^[0-9a-f]{128}$/i.test(signatureHex)) return false;
  return verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), key, Buffer.from(signatureHex, 'hex'));
}
