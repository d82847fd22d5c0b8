import type { Duplex } from 'node:stream';
import { deflateSync } from 'node:zlib';
import type { WebSocket } from 'ws';
import type { GatewaySession } from './gateway-session';
import { BoundedLog } from './bounded-log';
import { SendWindow } from './send-window';
import { ZlibStreamEncoder } from './zlib-stream-encoder';
import { fitCloseReason } from './close-reason';

/** The query string a client connected with, once validated. */
export interface ConnectionQuery {
  /** Path of the upgrade request (`/` for the gateway URL, `resumeUrlPath` for resumes through READY's URL). */
  readonly path: string;
  readonly v: number;
  readonly encoding: 'json';
  readonly compress: 'zlib-stream' | null;
}

type Outgoing =
  | { readonly kind: 'frame'; readonly text: string }
  | { readonly kind: 'close'; readonly code: number; readonly reason: string }
  | { readonly kind: 'terminate' };

/** What a connection needs from its server. */
export interface ConnectionHost {
  readonly recordFrames: boolean;
  readonly recordLimit: number;
  readonly heartbeatTimeoutMs: number;
  readonly sendLimit: { readonly count: number; readonly windowMs: number };
  onHeartbeatTimeout(connection: GatewayConnection): void;
}

/**
 * One client socket: its transport (plain, zlib-stream, or identify `compress`), the faults aimed
 * at it, and what it sent and received. Plain frames sent in one tick are corked into a single
 * socket write, which is what lets one connection carry hundreds of thousands of dispatches a second.
 */
export class GatewayConnection {
  /** The session this socket is authenticated as; null before Identify/Resume or after op 9. */
  public session: GatewaySession | null = null;
  /** Zombie fault: when false, heartbeats get no op 11. */
  public ackHeartbeats = true;
  /** Set by identify `compress: true` without transport compression: dispatches go out deflated. */
  public payloadCompression = false;
  /** Frames sent (text before transport compression), newest `recordLimit` kept. */
  public readonly sent: BoundedLog<string>;
  /** Parsed client payloads, newest `recordLimit` kept. */
  public readonly received: BoundedLog<unknown>;
  public readonly sendWindow: SendWindow;
  /** The close code and reason the server chose, once it decided to close this socket. */
  public serverClose: { readonly code: number; readonly reason: string } | null = null;
  public isOpen = true;
  private latency = 0;
  private readonly delayed: { readonly due: number; readonly item: Outgoing }[] = [];
  private delayTimer: NodeJS.Timeout | null = null;
  private readonly encoder: ZlibStreamEncoder | null;
  private corked = false;
  private readonly heartbeatDeadline: NodeJS.Timeout;
  private reconnectTimer: NodeJS.Timeout | null = null;

  public constructor(
    public readonly id: number,
    private readonly ws: WebSocket,
    private readonly socket: Duplex,
    public readonly query: ConnectionQuery,
    private readonly host: ConnectionHost,
  ) {
    this.sendWindow = new SendWindow(host.sendLimit.count, host.sendLimit.windowMs);
    this.sent = new BoundedLog(host.recordLimit);
    this.received = new BoundedLog(host.recordLimit);
    this.encoder =
      query.compress === 'zlib-stream'
        ? new ZlibStreamEncoder((frame) => {
            if (this.isOpen) this.ws.send(frame, { binary: true });
          })
        : null;
    this.heartbeatDeadline = setTimeout(() => host.onHeartbeatTimeout(this), host.heartbeatTimeoutMs).unref();
  }

  /** Extra delay on everything this socket sends (latency fault), in ms. */
  public get latencyMs(): number {
    return this.latency;
  }

  public set latencyMs(value: number) {
    this.latency = Math.max(0, value);
  }

  /** Restarts the heartbeat timeout; called for every op 1 the client sends. */
  public heartbeatReceived(): void {
    this.heartbeatDeadline.refresh();
  }

  /** Sends one text frame, in order after everything sent before it. */
  public send(text: string): void {
    if (!this.isOpen) return;
    if (this.host.recordFrames) this.sent.push(text);
    // The common case (no latency fault pending) skips the queue item allocation entirely.
    if (this.latency === 0 && this.delayed.length === 0) this.transmitFrame(text);
    else this.enqueue({ kind: 'frame', text });
  }

  /** Sends a close frame with `code` after the frames already queued. */
  public close(code: number, reason: string): void {
    if (!this.isOpen || this.serverClose !== null) return;
    const fitted = fitCloseReason(reason);
    this.serverClose = { code, reason: fitted };
    this.enqueue({ kind: 'close', code, reason: fitted });
  }

  /** Drops the TCP connection without a close frame, as a network failure would. */
  public terminate(): void {
    if (!this.isOpen) return;
    this.serverClose = { code: 1006, reason: 'dropped' };
    this.ws.terminate();
  }

  /** Closes after `delayMs` unless the client left first (Discord's behaviour after op 7). */
  public closeLater(delayMs: number, code: number, reason: string): void {
    if (this.reconnectTimer !== null) return;
    this.reconnectTimer = setTimeout(() => this.close(code, reason), delayMs).unref();
  }

  /** Bytes written to the socket but not yet flushed to the kernel (back-pressure for floods). */
  public get bufferedBytes(): number {
    return this.socket.writableLength;
  }

  /** Resolves when the socket's write buffer has drained, or at once when it is empty or closed. */
  public drained(): Promise<void> {
    if (!this.isOpen || this.socket.writableLength === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.socket.off('drain', done);
        this.socket.off('close', done);
        resolve();
      };
      this.socket.on('drain', done);
      this.socket.on('close', done);
    });
  }

  /** Releases timers and the deflate context once the socket has closed. */
  public dispose(): void {
    this.isOpen = false;
    clearTimeout(this.heartbeatDeadline);
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    if (this.delayTimer !== null) clearTimeout(this.delayTimer);
    this.delayed.length = 0;
    this.encoder?.close();
  }

  private enqueue(item: Outgoing): void {
    if (this.latency === 0 && this.delayed.length === 0) {
      this.transmit(item);
      return;
    }
    this.delayed.push({ due: Date.now() + this.latency, item });
    if (this.delayTimer === null) this.scheduleDelayed();
  }

  private scheduleDelayed(): void {
    const head = this.delayed[0];
    if (head === undefined) {
      this.delayTimer = null;
      return;
    }
    this.delayTimer = setTimeout(() => {
      const now = Date.now();
      while (this.delayed.length > 0 && (this.delayed[0] as { due: number }).due <= now) {
        this.transmit((this.delayed.shift() as { item: Outgoing }).item);
      }
      this.scheduleDelayed();
    }, Math.max(0, head.due - Date.now())).unref();
  }

  private transmit(item: Outgoing): void {
    if (!this.isOpen) return;
    if (item.kind === 'frame') {
      this.transmitFrame(item.text);
      return;
    }
    const finish =
      item.kind === 'close' ? () => this.ws.close(item.code, item.reason) : () => this.ws.terminate();
    if (this.encoder !== null) this.encoder.whenIdle(finish);
    else finish();
  }

  private transmitFrame(text: string): void {
    if (!this.isOpen) return;
    if (this.encoder !== null) this.encoder.write(text);
    // Identify `compress` deflates dispatches only (their frames open with a string `t`, see
    // gateway-frames), each as a complete zlib stream, binary; control frames stay text.
    else if (this.payloadCompression && text.startsWith('{"t":"')) this.ws.send(deflateSync(text));
    else {
      this.cork();
      this.ws.send(text);
    }
  }

  private cork(): void {
    if (this.corked) return;
    this.corked = true;
    this.socket.cork();
    process.nextTick(this.uncork);
  }

  private readonly uncork = (): void => {
    this.corked = false;
    this.socket.uncork();
  };
}
