import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type Socket } from 'node:net';
import { GatewayProtocolError } from '../errors';
import { untrustedCertificateError, type GatewayTlsOptions } from './tls-options';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** The `Sec-WebSocket-Accept` a server must answer to `key` (RFC 6455 4.2.2). */
export function acceptFor(key: string): string {
  return createHash('sha1').update(key + GUID).digest('base64');
}

function handshakeError(url: URL, what: string, cause?: unknown): GatewayProtocolError {
  return new GatewayProtocolError('OVEN_ERR_GATEWAY_HANDSHAKE', `Gateway WebSocket handshake with ${url.host} failed: ${what}. Check the gateway URL; the shard retries.`, 1006, cause);
}

/** Checks the server's 101 answer; the error says what was wrong, or undefined when it is valid. */
export function checkUpgradeResponse(response: IncomingMessage, key: string): string | undefined {
  const upgrade = response.headers.upgrade;
  if (typeof upgrade !== 'string' || upgrade.toLowerCase() !== 'websocket') return `the Upgrade header is ${JSON.stringify(upgrade ?? null)}, not "websocket"`;
  const accept = response.headers['sec-websocket-accept'];
  if (accept !== acceptFor(key)) return `Sec-WebSocket-Accept is ${JSON.stringify(accept ?? null)}, not the one derived from our key`;
  // We offer no extension and no subprotocol, so the server may not pick one (RFC 6455 4.1).
  if (response.headers['sec-websocket-extensions'] !== undefined) return 'the server selected an extension that was not offered';
  if (response.headers['sec-websocket-protocol'] !== undefined) return 'the server selected a subprotocol that was not offered';
  return undefined;
}

/** The upgraded TCP (or TLS) socket and the bytes that followed the 101 answer in the same read. */
export interface Upgraded {
  readonly socket: Socket;
  readonly head: Buffer;
}

/**
 * Opens a WebSocket connection to a `ws:` or `wss:` URL: the HTTP/1.1 upgrade request with a random
 * `Sec-WebSocket-Key`, then checks the answer's `Sec-WebSocket-Accept`. Rejects with a
 * `GatewayProtocolError` (`OVEN_ERR_GATEWAY_HANDSHAKE`), or a `GatewayTlsError` when a `wss:` server's
 * certificate does not verify against `tls` (`OVEN_ERR_GATEWAY_TLS_UNTRUSTED`). `abort` cancels a
 * pending handshake.
 *
 * @example
 * ```ts
 * const { socket, head } = await upgrade(new URL('wss://gateway.discord.gg/?v=10&encoding=json'), 30_000).promise;
 * ```
 */
export function upgrade(url: URL, timeoutMs: number, tls: GatewayTlsOptions = {}): { promise: Promise<Upgraded>; abort: () => void } {
  let abort: () => void = () => undefined;
  const promise = new Promise<Upgraded>((resolve, reject) => {
    if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
      reject(handshakeError(url, `the URL scheme is ${url.protocol}, expected ws: or wss:`));
      return;
    }
    const key = randomBytes(16).toString('base64');
    const secure = url.protocol === 'wss:';
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    const request = (secure ? httpsRequest : httpRequest)({
      host,
      port: url.port === '' ? (secure ? 443 : 80) : Number(url.port),
      path: `${url.pathname}${url.search}`,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Key': key,
        'Sec-WebSocket-Version': '13',
      },
      // A connection of its own: the keep-alive pool of the global agent has no business with a socket that becomes a WebSocket.
      agent: false,
      // SNI carries host names only (RFC 6066); Node warns when given an IP address.
      ...(secure && isIP(host) === 0 ? { servername: host } : {}),
      ...(secure && tls.ca !== undefined ? { ca: tls.ca as string | Buffer | Array<string | Buffer> } : {}),
      ...(secure && tls.rejectUnauthorized !== undefined ? { rejectUnauthorized: tls.rejectUnauthorized } : {}),
    });
    let settled = false;
    const settle = (error: Error | undefined, value?: Upgraded): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error !== undefined) reject(error);
      else resolve(value as Upgraded);
    };
    const timer = setTimeout(() => {
      request.destroy();
      settle(handshakeError(url, `no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    timer.unref();
    abort = () => {
      request.destroy();
      settle(handshakeError(url, 'the connection was abandoned before the handshake ended'));
    };
    request.on('upgrade', (response: IncomingMessage, socket: Socket, head: Buffer) => {
      const problem = checkUpgradeResponse(response, key);
      if (problem !== undefined) {
        socket.destroy();
        settle(handshakeError(url, problem));
        return;
      }
      settle(undefined, { socket, head });
    });
    request.on('response', (response: IncomingMessage) => {
      response.resume();
      request.destroy();
      settle(handshakeError(url, `the server answered HTTP ${response.statusCode ?? '?'} instead of 101`));
    });
    request.on('error', (error: Error) => settle(untrustedCertificateError(url.host, error) ?? handshakeError(url, error.message, error)));
    request.end();
  });
  return { promise, abort: () => abort() };
}
