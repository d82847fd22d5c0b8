/**
 * Which WebSocket implementation a shard uses. `'lean'` is OvenJS's own client (only what the
 * gateway needs: no extensions, no server side); `'ws'` is the `ws` package, kept as a fallback.
 */
export type GatewayTransportKind = 'lean' | 'ws';

/** What a {@link GatewaySocket} reports. Each callback runs at most as the socket's life allows: `close` exactly once. */
export interface GatewaySocketHandlers {
  /** The handshake completed; `send` works from now on. */
  open(): void;
  /**
   * A complete text message (fragments joined): its UTF-8 bytes are `data[start, end)`, readable
   * only during the call (the lean transport reuses its read buffer).
   */
  text(data: Buffer, start: number, end: number): void;
  /** A complete binary message (fragments joined): a `zlib-stream` piece. */
  binary(data: Buffer): void;
  /** The connection ended: the peer's close code (1006 when none was received) and reason. */
  close(code: number, reason: string): void;
  /** A handshake or protocol failure (typed), always followed by `close`. */
  error(error: Error): void;
}

/** One client WebSocket connection as a shard uses it. */
export interface GatewaySocket {
  /** True between `open` and the start of the close handshake. */
  readonly isOpen: boolean;
  /** Sends one text message; ignored once the socket is no longer open. */
  send(text: string): void;
  /**
   * Starts the close handshake with `code` and resolves once the connection is closed. A peer that
   * never answers (a zombie) is dropped after `graceMs`.
   */
  close(code: number, graceMs?: number): Promise<void>;
  /** Drops the TCP connection without a close handshake. */
  terminate(): void;
}

import type { GatewayTlsOptions } from './tls-options';

/** Options shared by both transports. */
export interface GatewaySocketOptions {
  /** TLS settings for a `wss:` URL (ignored for `ws:`). */
  readonly tls?: GatewayTlsOptions;
  /** Largest message accepted from the peer, in bytes (fragments included). @defaultValue 128 MiB */
  readonly maxPayload?: number;
  /** Gives up on the handshake after this long. @defaultValue 30000 */
  readonly handshakeTimeoutMs?: number;
  /**
   * The text handler checks UTF-8 as it decodes (a shard's `JsonDecoder` with
   * `rejectInvalidUtf8` does, and fails the connection with 1007), so the transport skips its own
   * pass over every text message. @defaultValue false
   */
  readonly skipUtf8Validation?: boolean;
}
