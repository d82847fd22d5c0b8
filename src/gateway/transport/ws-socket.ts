import WebSocket from 'ws';
import { GatewayProtocolError } from '../errors';
import { untrustedCertificateError } from './tls-options';
import type { GatewaySocket, GatewaySocketHandlers, GatewaySocketOptions } from './transport-types';

/**
 * The `ws` package behind the {@link GatewaySocket} face: the fallback transport
 * (`gateway: { transport: 'ws' }`), for a deployment that needs what `ws` offers and the lean
 * transport does not (an HTTP agent or proxy, for instance).
 *
 * @example
 * ```ts
 * const socket = new WsSocket(new URL('ws://127.0.0.1:8080/?v=10&encoding=json'), handlers);
 * ```
 */
export class WsSocket implements GatewaySocket {
  private readonly socket: WebSocket;
  private opened = false;

  public constructor(url: URL, handlers: GatewaySocketHandlers, options: GatewaySocketOptions = {}) {
    const socket = new WebSocket(url, {
      perMessageDeflate: false,
      maxPayload: options.maxPayload ?? 128 * 1024 * 1024,
      handshakeTimeout: options.handshakeTimeoutMs ?? 30_000,
      skipUTF8Validation: options.skipUtf8Validation === true,
      ...(options.tls?.ca === undefined ? {} : { ca: options.tls.ca as string | Buffer | Array<string | Buffer> }),
      ...(options.tls?.rejectUnauthorized === undefined ? {} : { rejectUnauthorized: options.tls.rejectUnauthorized }),
    });
    this.socket = socket;
    socket.on('open', () => {
      this.opened = true;
      handlers.open();
    });
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) handlers.binary(data);
      else handlers.text(data, 0, data.length);
    });
    socket.on('error', (error: Error & { code?: string }) => {
      // ws names its protocol errors WS_ERR_*; anything before 'open' is a failed handshake.
      const untrusted = this.opened ? undefined : untrustedCertificateError(url.host, error);
      if (untrusted !== undefined) {
        handlers.error(untrusted);
        return;
      }
      const protocol = typeof error.code === 'string' && error.code.startsWith('WS_ERR_');
      const what = protocol || this.opened ? 'OVEN_ERR_GATEWAY_PROTOCOL' : 'OVEN_ERR_GATEWAY_HANDSHAKE';
      handlers.error(new GatewayProtocolError(what, `Gateway WebSocket (ws): ${error.message}; the shard reconnects.`, protocol ? 1002 : 1006, error));
    });
    socket.on('close', (code: number, reason: Buffer) => handlers.close(code, reason.toString()));
  }

  public get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  public send(text: string): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(text);
  }

  public close(code: number, graceMs = 2000): Promise<void> {
    const socket = this.socket;
    if (socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      // A zombie peer never answers the close frame; ws would wait 30 s.
      const timer = setTimeout(() => socket.terminate(), graceMs);
      timer.unref();
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      if (socket.readyState === WebSocket.OPEN) socket.close(code);
      else if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
    });
  }

  public terminate(): void {
    this.socket.terminate();
  }
}
