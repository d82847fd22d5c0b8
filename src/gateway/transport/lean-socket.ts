import type { Socket } from 'node:net';
import { GatewayProtocolError } from '../errors';
import { FrameReader } from './frame-reader';
import { ClientOpcode, closePayload, encodeFrame } from './frame-writer';
import { upgrade, type Upgraded } from './handshake';
import type { GatewaySocket, GatewaySocketHandlers, GatewaySocketOptions } from './transport-types';

/** Outgoing bytes held while the kernel buffer is full; past this the peer is not reading at all. */
const MAX_BACKLOG_BYTES = 1024 * 1024;
const DEFAULT_MAX_PAYLOAD = 128 * 1024 * 1024;
const EMPTY = Buffer.alloc(0);

type State = 'connecting' | 'open' | 'closing' | 'closed';

/**
 * OvenJS's own client WebSocket, written for the gateway's receive path: the socket reads into one
 * reused buffer (no stream in between, no buffer allocated per read, no per-message event
 * emitter), frames are parsed in place there and text is decoded once from it. Implements what a
 * gateway client needs of RFC 6455: handshake check, fragmentation, ping/pong, the close
 * handshake, masked sends with backpressure, the payload limit. No extensions (Discord's
 * compression is `zlib-stream` inside binary frames).
 *
 * @example
 * ```ts
 * const socket = new LeanSocket(new URL('ws://127.0.0.1:8080/?v=10&encoding=json'), {
 *   open: () => socket.send('{"op":1,"d":null}'),
 *   text: (data, start, end) => console.log(JSON.parse(data.toString('utf8', start, end))),
 *   binary: () => undefined,
 *   close: (code, reason) => console.log('closed', code, reason),
 *   error: (error) => console.error(error),
 * });
 * await socket.close(1000);
 * ```
 */
export class LeanSocket implements GatewaySocket {
  private state: State = 'connecting';
  private socket: Socket | undefined;
  private readonly abortHandshake: () => void;
  private closeCode = 1006;
  private closeReason = '';
  private closeTimer: NodeJS.Timeout | undefined;
  private backlog: Buffer[] = [];
  private backlogBytes = 0;
  private resolveClosed: () => void = () => undefined;
  private readonly closed: Promise<void>;
  private readonly maxPayload: number;
  private readonly skipUtf8Validation: boolean;
  private reported = false;

  public constructor(
    url: URL,
    private readonly handlers: GatewaySocketHandlers,
    options: GatewaySocketOptions = {},
  ) {
    this.maxPayload = options.maxPayload ?? DEFAULT_MAX_PAYLOAD;
    this.skipUtf8Validation = options.skipUtf8Validation === true;
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
    const { promise, abort } = upgrade(url, options.handshakeTimeoutMs ?? 30_000, options.tls);
    this.abortHandshake = abort;
    promise.then(
      (upgraded) => this.attach(upgraded),
      (error: Error) => {
        if (this.state === 'closed') return;
        this.handlers.error(error);
        this.finish();
      },
    );
  }

  public get isOpen(): boolean {
    return this.state === 'open';
  }

  public send(text: string): void {
    if (this.state !== 'open') return;
    this.write(encodeFrame(ClientOpcode.Text, Buffer.from(text)));
  }

  public close(code: number, graceMs = 2000): Promise<void> {
    if (this.state === 'connecting') {
      this.state = 'closed';
      this.abortHandshake();
      this.report();
    } else if (this.state === 'open') {
      this.state = 'closing';
      this.write(encodeFrame(ClientOpcode.Close, closePayload(code)));
      this.armCloseTimer(graceMs);
    }
    return this.closed;
  }

  public terminate(): void {
    if (this.state === 'connecting') {
      this.state = 'closed';
      this.abortHandshake();
      this.report();
      return;
    }
    this.socket?.destroy();
  }

  private attach({ socket, start }: Upgraded): void {
    if (this.state !== 'connecting') {
      socket.destroy();
      return;
    }
    this.socket = socket;
    socket.setNoDelay(true);
    socket.setTimeout(0);
    const reader = new FrameReader(
      {
        text: (data, start, end) => {
          if (this.state !== 'closed') this.handlers.text(data, start, end);
        },
        binary: (data) => {
          if (this.state !== 'closed') this.handlers.binary(data);
        },
        ping: (data) => {
          if (this.state === 'open') this.write(encodeFrame(ClientOpcode.Pong, data));
        },
        close: (code, reason) => this.onPeerClose(code, reason),
        error: (error) => this.onProtocolError(error),
      },
      this.maxPayload,
      this.skipUtf8Validation,
    );
    // The server closes TCP after the close handshake; a half-close from it ends ours too.
    socket.on('end', () => socket.end());
    // 'close' always follows 'error'; the close code (1006 without a close frame) says enough.
    socket.on('error', () => undefined);
    socket.on('close', () => this.finish());
    socket.on('drain', () => this.flush());
    this.state = 'open';
    this.handlers.open();
    // Bytes read with the 101 answer first, then every read, straight from the socket's buffer.
    start((buffer, from, to) => reader.push(buffer, from, to));
  }

  private onPeerClose(code: number, reason: string): void {
    this.closeCode = code;
    this.closeReason = reason;
    if (this.state === 'open') {
      // Echo the close (RFC 6455 5.5.1); 1005 means the peer sent no code, so neither do we.
      this.state = 'closing';
      this.write(encodeFrame(ClientOpcode.Close, code === 1005 ? EMPTY : closePayload(code)));
    }
    this.socket?.end();
    this.armCloseTimer(2000);
  }

  private onProtocolError(error: GatewayProtocolError): void {
    this.handlers.error(error);
    if (this.state === 'open') this.write(encodeFrame(ClientOpcode.Close, closePayload(error.closeCode)));
    this.state = 'closing';
    this.socket?.end();
    this.armCloseTimer(2000);
  }

  private write(frame: Buffer): void {
    const socket = this.socket;
    if (socket === undefined || socket.destroyed) return;
    if (this.backlog.length === 0 && !socket.writableNeedDrain) {
      socket.write(frame);
      return;
    }
    // The kernel buffer is full: hold frames here, in order, until 'drain'.
    this.backlog.push(frame);
    this.backlogBytes += frame.length;
    if (this.backlogBytes > MAX_BACKLOG_BYTES) {
      this.handlers.error(
        new GatewayProtocolError('OVEN_ERR_GATEWAY_PROTOCOL', `Gateway WebSocket: more than ${MAX_BACKLOG_BYTES} bytes are waiting to be sent; the peer stopped reading, so the connection is dropped and the shard reconnects.`, 1006),
      );
      this.backlog = [];
      this.backlogBytes = 0;
      socket.destroy();
    }
  }

  private flush(): void {
    const socket = this.socket;
    if (socket === undefined) return;
    while (this.backlog.length > 0 && !socket.writableNeedDrain) {
      const frame = this.backlog.shift() as Buffer;
      this.backlogBytes -= frame.length;
      socket.write(frame);
    }
  }

  private armCloseTimer(graceMs: number): void {
    if (this.closeTimer !== undefined) return;
    this.closeTimer = setTimeout(() => this.socket?.destroy(), graceMs);
    this.closeTimer.unref();
  }

  private finish(): void {
    this.state = 'closed';
    this.socket = undefined;
    this.report();
  }

  /** Reports `close` once and settles `close()` callers. */
  private report(): void {
    if (this.reported) return;
    this.reported = true;
    if (this.closeTimer !== undefined) clearTimeout(this.closeTimer);
    this.closeTimer = undefined;
    this.backlog = [];
    this.handlers.close(this.closeCode, this.closeReason);
    this.resolveClosed();
  }
}
