import { createHash, randomBytes } from 'node:crypto';
import { connect as netConnect, isIP, type OnReadOpts, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { GatewayProtocolError } from '../errors';
import { untrustedCertificateError, type GatewayTlsOptions } from './tls-options';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/**
 * Size of the buffer each connection reads into, reused for every read. Node's default allocates a
 * fresh 64 KiB buffer per read and hands it through the stream machinery; reading into one owned
 * buffer cut the client's CPU per 900-byte frame from about 0.38 to 0.10-0.15 µs in the transport
 * harness (most of it kernel time and GC of the per-read buffers). 64 KiB and 256 KiB measured the
 * same within noise, so a connection keeps the smaller one.
 */
const READ_BUFFER_BYTES = 64 * 1024;

/** Longest 101 answer head accepted; Node's own HTTP client stops at 16 KiB of headers too. */
const MAX_ANSWER_HEAD = 16 * 1024;

/** The `Sec-WebSocket-Accept` a server must answer to `key` (RFC 6455 4.2.2). */
export function acceptFor(key: string): string {
  return createHash('sha1').update(key + GUID).digest('base64');
}

function handshakeError(url: URL, what: string, cause?: unknown): GatewayProtocolError {
  return new GatewayProtocolError('OVEN_ERR_GATEWAY_HANDSHAKE', `Gateway WebSocket handshake with ${url.host} failed: ${what}. Check the gateway URL; the shard retries.`, 1006, cause);
}

/**
 * Checks the head of the server's answer to the upgrade request (status line and headers, without
 * the blank line that ends it, read as latin1); the error says what was wrong, or undefined when
 * it is a valid 101 for `key`.
 */
export function checkUpgradeAnswer(head: string, key: string): string | undefined {
  const lines = head.split('\r\n');
  const statusLine = lines[0] as string;
  const status = /^HTTP\/1\.[01] (\d{3})(?: |$)/.exec(statusLine);
  if (status === null) return `the answer does not start with an HTTP/1.1 status line (it starts ${JSON.stringify(statusLine.slice(0, 40))})`;
  if (status[1] !== '101') return `the server answered HTTP ${status[1] as string} instead of 101`;
  const headers = new Map<string, string>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    const colon = line.indexOf(':');
    if (colon <= 0) return `the answer holds a malformed header line (${JSON.stringify(line.slice(0, 40))})`;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const previous = headers.get(name);
    // Repeated headers are one comma-separated list (RFC 9110 5.3), as Node's HTTP client joins them.
    headers.set(name, previous === undefined ? value : `${previous}, ${value}`);
  }
  const upgrade = headers.get('upgrade');
  if (upgrade === undefined || upgrade.toLowerCase() !== 'websocket') return `the Upgrade header is ${JSON.stringify(upgrade ?? null)}, not "websocket"`;
  const accept = headers.get('sec-websocket-accept');
  if (accept !== acceptFor(key)) return `Sec-WebSocket-Accept is ${JSON.stringify(accept ?? null)}, not the one derived from our key`;
  // We offer no extension and no subprotocol, so the server may not pick one (RFC 6455 4.1).
  if (headers.has('sec-websocket-extensions')) return 'the server selected an extension that was not offered';
  if (headers.has('sec-websocket-protocol')) return 'the server selected a subprotocol that was not offered';
  return undefined;
}

/**
 * Receives bytes read from an upgraded connection: `buffer[start..end)`. The buffer is the
 * connection's read buffer, which the next read overwrites: a receiver copies what it keeps.
 */
export type ReadReceiver = (buffer: Buffer, start: number, end: number) => void;

/** The upgraded TCP (or TLS) socket, paused until {@link Upgraded.start} names who reads it. */
export interface Upgraded {
  readonly socket: Socket;
  /**
   * Hands the bytes that followed the 101 answer to `receive` (those read with the answer first),
   * then resumes reading. Call once.
   */
  start(receive: ReadReceiver): void;
}

/**
 * Opens a WebSocket connection to a `ws:` or `wss:` URL: writes the HTTP/1.1 upgrade request with
 * a random `Sec-WebSocket-Key` and checks the answer's status and `Sec-WebSocket-Accept`. The
 * socket reads into one reused 64 KiB buffer (net's `onread`) from the start, which is why the
 * request and answer are written and parsed here rather than by `http.request` (whose parser
 * listens for `'data'` events that `onread` sockets never emit).
 * Rejects with a `GatewayProtocolError` (`OVEN_ERR_GATEWAY_HANDSHAKE`), or a `GatewayTlsError`
 * when a `wss:` server's certificate does not verify against `tls`
 * (`OVEN_ERR_GATEWAY_TLS_UNTRUSTED`). `abort` cancels a pending handshake.
 *
 * @example
 * ```ts
 * const { socket, start } = await upgrade(new URL('wss://gateway.discord.gg/?v=10&encoding=json'), 30_000).promise;
 * start((buffer, from, to) => reader.push(buffer, from, to));
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
    const port = url.port === '' ? (secure ? 443 : 80) : Number(url.port);
    const readBuffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
    let receive: ReadReceiver | undefined;
    /** The answer's head so far, as latin1: one char per byte, so indices are byte offsets. */
    let head = '';
    let answered = false;
    /** Bytes after the answer read before `start`, copied since the read buffer is reused. */
    let early: Buffer[] = [];
    let settled = false;

    const onHandshakeRead = (length: number): void => {
      if (answered) {
        // TLS can hand on more decrypted bytes of the same record after the pause below.
        early.push(Buffer.from(readBuffer.subarray(0, length)));
        return;
      }
      head += readBuffer.toString('latin1', 0, length);
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) {
        if (head.length > MAX_ANSWER_HEAD) fail(`the answer's head exceeds ${MAX_ANSWER_HEAD} bytes`);
        return;
      }
      answered = true;
      const after = head.length - end - 4;
      if (after > 0) early.push(Buffer.from(readBuffer.subarray(length - after, length)));
      const problem = checkUpgradeAnswer(head.slice(0, end), key);
      if (problem !== undefined) {
        fail(problem);
        return;
      }
      settle(undefined, { socket, start });
    };

    const onread: OnReadOpts = {
      buffer: readBuffer,
      callback: (length: number): boolean => {
        if (receive !== undefined) {
          receive(readBuffer, 0, length);
          return true;
        }
        onHandshakeRead(length);
        // Returning false pauses reading: nothing reaches the frame reader before `start`.
        return !answered;
      },
    };
    const socket: Socket = secure
      ? tlsConnect({
          host,
          port,
          // tls.connect has taken onread since Node 15 (nodejs/node#35753); @types/node lists it for net only.
          ...({ onread } as ConnectionOptions),
          // SNI carries host names only (RFC 6066); Node warns when given an IP address.
          ...(isIP(host) === 0 ? { servername: host } : {}),
          ...(tls.ca !== undefined ? { ca: tls.ca as string | Buffer | Array<string | Buffer> } : {}),
          ...(tls.rejectUnauthorized !== undefined ? { rejectUnauthorized: tls.rejectUnauthorized } : {}),
        })
      : netConnect({ host, port, onread });

    const start = (receiver: ReadReceiver): void => {
      if (receive !== undefined) return;
      const pending = early;
      early = [];
      for (const bytes of pending) receiver(bytes, 0, bytes.length);
      receive = receiver;
      socket.resume();
    };
    const settle = (error: Error | undefined, value?: Upgraded): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error !== undefined) reject(error);
      else resolve(value as Upgraded);
    };
    const fail = (what: string, cause?: unknown): void => {
      socket.destroy();
      settle(handshakeError(url, what, cause));
    };
    const timer = setTimeout(() => fail(`no answer within ${timeoutMs} ms`), timeoutMs);
    timer.unref();
    abort = () => fail('the connection was abandoned before the handshake ended');
    socket.on('error', (error: Error) => {
      if (settled) return;
      socket.destroy();
      settle(untrustedCertificateError(url.host, error) ?? handshakeError(url, error.message, error));
    });
    socket.on('close', () => settle(handshakeError(url, 'the server closed the connection before answering the upgrade')));
    // Written before the connection is up: net and tls hold writes until it is.
    socket.write(
      `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
  });
  return { promise, abort: () => abort() };
}
