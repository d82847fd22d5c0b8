import { GatewayDecodeError } from './errors';

/**
 * Where an inflate engine delivers one gateway message, or the failure that ends the stream. The
 * message is the UTF-8 JSON in `data[start, end)`, readable only during the call (the engine
 * reuses its output buffer).
 */
export interface InflateSink {
  message(data: Buffer, start: number, end: number): void;
  error(error: Error): void;
}

/**
 * One connection's inflate context, fed frame by frame. `last` says the frame ends a gateway
 * message (the `00 00 ff ff` suffix was seen); the engine then hands the message's bytes to its sink.
 * After the sink's `error`, or `close()`, later writes are ignored.
 */
export interface InflateEngine {
  write(frame: Buffer, last: boolean): void;
  close(): void;
}

/** The largest inflated message accepted by default: the transport's default `maxPayload`. */
export const DEFAULT_MAX_MESSAGE_BYTES = 128 * 1024 * 1024;

/** A message grew past the limit: without one, a bomb (or a stream that never flushes) would fill memory. */
export function messageTooLargeError(maxMessageBytes: number): GatewayDecodeError {
  return new GatewayDecodeError(
    `A zlib-stream gateway message inflated past ${maxMessageBytes} bytes (maxMessageBytes) before its 00 00 ff ff suffix; the stream is dropped.`,
  );
}

/** Discord never ends the stream; data after its end cannot be decoded, so the connection is stale. */
export function streamEndedError(): GatewayDecodeError {
  return new GatewayDecodeError('The zlib-stream ended and more data followed; the connection has to be reopened with a new inflate context.');
}
