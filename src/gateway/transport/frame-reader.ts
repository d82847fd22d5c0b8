import { isUtf8 } from 'node:buffer';
import { GatewayProtocolError } from '../errors';

/** What a {@link FrameReader} hands on; each call is one complete message or control frame. */
export interface FrameReaderHandlers {
  /**
   * A text message: its UTF-8 bytes are `data[start, end)`, readable only during the call (the
   * chunk they came in is reused). Checked to be UTF-8 unless the reader was told to skip it.
   */
  text(data: Buffer, start: number, end: number): void;
  binary(data: Buffer): void;
  ping(data: Buffer): void;
  /** The peer's close frame: 1005 when it carried no code. */
  close(code: number, reason: string): void;
  /** The stream broke the protocol; the reader ignores everything after this. */
  error(error: GatewayProtocolError): void;
}

const OP_CONTINUATION = 0x0;
const OP_TEXT = 0x1;
const OP_BINARY = 0x2;
const OP_CLOSE = 0x8;
const OP_PING = 0x9;
const OP_PONG = 0xa;
const EMPTY = Buffer.alloc(0);
/** First byte of a whole, unfragmented text frame with no reserved bits: nearly every gateway frame. */
const FIN_TEXT = 0x80 | OP_TEXT;

/** A copy of `buffer[start..end)`, for payloads handed on or kept past the chunk they came in. */
function copyOut(buffer: Buffer, start: number, end: number): Buffer {
  if (end === start) return EMPTY;
  const copy = Buffer.allocUnsafe(end - start);
  buffer.copy(copy, 0, start, end);
  return copy;
}

/** Close codes a peer may send (RFC 6455 7.4.1 and the IANA registry; 3000-4999 for applications). */
export function isValidCloseCode(code: number): boolean {
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}

/** A carry buffer is never smaller than this, so frames of usual sizes reuse one allocation. */
const MIN_CARRY_BYTES = 4 * 1024;
/** A carry grown past this for one huge frame is dropped once that frame is through. */
const MAX_KEPT_CARRY_BYTES = 1024 * 1024;

/**
 * Reads the frames a WebSocket server sends (RFC 6455 section 5) from TCP chunks of any size: a
 * frame may span chunks and a chunk may hold many frames. Joins fragmented messages, passes
 * control frames through even between fragments, and rejects what a server must not send with a
 * {@link GatewayProtocolError} carrying the close code to answer with.
 *
 * It never keeps a reference to a chunk after {@link FrameReader.push} returns, so the caller may
 * read every chunk into one reused buffer: text is handed on as a range of the chunk, binary and
 * fragment payloads are copied out, and the start of a frame that continues in the next chunk is
 * copied into a buffer of the reader's own (the carry) that the rest of the frame is appended to.
 *
 * @example
 * ```ts
 * const reader = new FrameReader({ text: (b, s, e) => console.log(b.toString('utf8', s, e)), binary, ping, close, error }, 1 << 20);
 * socket.on('data', (chunk) => reader.push(chunk));
 * ```
 */
export class FrameReader {
  /** The bytes of an incomplete frame, in `carry[0..carried)`. */
  private carry: Buffer = EMPTY;
  private carried = 0;
  /** Bytes the carried frame needs before parsing can go on: its header, then header and payload. */
  private needed = 0;
  /** Opcode of the fragmented message in progress, or -1. */
  private fragmentOpcode = -1;
  private fragments: Buffer[] = [];
  private fragmentBytes = 0;
  private failed = false;

  /**
   * @param skipUtf8Validation - the text handler checks UTF-8 itself as it decodes (a
   * `JsonDecoder` with `rejectInvalidUtf8`), so the reader does not make a pass of its own.
   */
  public constructor(
    private readonly handlers: FrameReaderHandlers,
    private readonly maxPayload: number,
    private readonly skipUtf8Validation = false,
  ) {}

  /**
   * Feeds `chunk[start..end)`, the next bytes from the socket. The reader is done with `chunk`
   * when this returns: the caller may overwrite it.
   */
  public push(chunk: Buffer, start = 0, end = chunk.length): void {
    if (this.failed || start >= end) return;
    let offset = start;
    while (this.carried > 0) {
      // Append only what the carried frame (or header) lacks: under a steady flow nearly every
      // chunk starts with the tail of a frame, and the rest is parsed in place.
      const take = Math.min(this.needed - this.carried, end - offset);
      chunk.copy(this.carry, this.carried, offset, offset + take);
      this.carried += take;
      offset += take;
      if (this.carried < this.needed) return;
      const length = this.carried;
      this.carried = 0;
      // Either one whole frame, or a completed header whose payload is still to come (carried again).
      this.parse(this.carry, 0, length);
      if (this.carried === 0 && this.carry.length > MAX_KEPT_CARRY_BYTES) this.carry = EMPTY;
      if (this.failed || offset === end) return;
    }
    this.parse(chunk, offset, end);
  }

  private parse(buffer: Buffer, start: number, end: number): void {
    let offset = start;
    while (!this.failed) {
      const available = end - offset;
      if (available < 2) {
        this.keep(buffer, offset, end, 2);
        return;
      }
      const b0 = buffer[offset] as number;
      const b1 = buffer[offset + 1] as number;
      let payloadLength = b1 & 0x7f;
      let header = 2;
      if (payloadLength === 126) {
        header = 4;
        if (available < 4) {
          this.keep(buffer, offset, end, 4);
          return;
        }
        payloadLength = ((buffer[offset + 2] as number) << 8) | (buffer[offset + 3] as number);
      } else if (payloadLength === 127) {
        header = 10;
        if (available < 10) {
          this.keep(buffer, offset, end, 10);
          return;
        }
        const high = buffer.readUInt32BE(offset + 2);
        const low = buffer.readUInt32BE(offset + 6);
        // Anything at or above 2^32 is far beyond any sane maxPayload; reject before multiplying.
        if (high !== 0) {
          this.fail('OVEN_ERR_GATEWAY_PROTOCOL', `a frame announced ${high * 2 ** 32 + low} bytes, above the ${this.maxPayload}-byte limit (maxPayload)`, 1009);
          return;
        }
        payloadLength = low;
      }
      if (!this.checkHeader(b0, b1, payloadLength)) return;
      const frameEnd = offset + header + payloadLength;
      if (frameEnd > end) {
        this.keep(buffer, offset, end, header + payloadLength);
        return;
      }
      this.onFrame(b0, buffer, offset + header, frameEnd);
      offset = frameEnd;
    }
  }

  /** Validates a frame header; false (after failing) when the frame must be rejected. */
  private checkHeader(b0: number, b1: number, payloadLength: number): boolean {
    // The usual frame, a whole text message outside any fragmented one: two comparisons.
    if (b0 === FIN_TEXT && b1 < 0x80 && this.fragmentOpcode === -1 && payloadLength <= this.maxPayload) return true;
    const opcode = b0 & 0x0f;
    const fin = (b0 & 0x80) !== 0;
    if ((b0 & 0x70) !== 0) return this.fail('OVEN_ERR_GATEWAY_PROTOCOL', 'a frame has reserved bits set (no extension was negotiated)', 1002);
    if ((b1 & 0x80) !== 0) return this.fail('OVEN_ERR_GATEWAY_PROTOCOL', 'a server frame is masked (RFC 6455 5.1: servers must not mask)', 1002);
    if (opcode >= OP_CLOSE) {
      if (opcode > OP_PONG) return this.fail('OVEN_ERR_GATEWAY_PROTOCOL', `a frame has the unknown opcode ${opcode}`, 1002);
      if (!fin) return this.fail('OVEN_ERR_GATEWAY_PROTOCOL', 'a control frame is fragmented', 1002);
      if (payloadLength > 125) return this.fail('OVEN_ERR_GATEWAY_PROTOCOL', `a control frame carries ${payloadLength} bytes (at most 125)`, 1002);
      return true;
    }
    if (opcode === OP_CONTINUATION) {
      if (this.fragmentOpcode === -1) return this.fail('OVEN_ERR_GATEWAY_PROTOCOL', 'a continuation frame arrived with no message in progress', 1002);
    } else if (opcode === OP_TEXT || opcode === OP_BINARY) {
      if (this.fragmentOpcode !== -1) return this.fail('OVEN_ERR_GATEWAY_PROTOCOL', 'a new message started before the fragmented one ended', 1002);
    } else {
      return this.fail('OVEN_ERR_GATEWAY_PROTOCOL', `a frame has the unknown opcode ${opcode}`, 1002);
    }
    if (this.fragmentBytes + payloadLength > this.maxPayload) {
      return this.fail('OVEN_ERR_GATEWAY_PROTOCOL', `a message of ${this.fragmentBytes + payloadLength} bytes or more exceeds the ${this.maxPayload}-byte limit (maxPayload)`, 1009);
    }
    return true;
  }

  private onFrame(b0: number, buffer: Buffer, start: number, end: number): void {
    if (b0 === FIN_TEXT) {
      this.emitText(buffer, start, end);
      return;
    }
    const opcode = b0 & 0x0f;
    const fin = (b0 & 0x80) !== 0;
    if (opcode === OP_BINARY && fin) {
      this.handlers.binary(copyOut(buffer, start, end));
    } else if (opcode === OP_TEXT || opcode === OP_BINARY || opcode === OP_CONTINUATION) {
      if (opcode !== OP_CONTINUATION) this.fragmentOpcode = opcode;
      this.fragments.push(copyOut(buffer, start, end));
      this.fragmentBytes += end - start;
      if (!fin) return;
      const whole = Buffer.concat(this.fragments, this.fragmentBytes);
      const messageOpcode = this.fragmentOpcode;
      this.fragments = [];
      this.fragmentBytes = 0;
      this.fragmentOpcode = -1;
      if (messageOpcode === OP_TEXT) this.emitText(whole, 0, whole.length);
      else this.handlers.binary(whole);
    } else if (opcode === OP_PING) {
      this.handlers.ping(copyOut(buffer, start, end));
    } else if (opcode === OP_CLOSE) {
      this.onClose(buffer.subarray(start, end));
    }
    // Pongs answer pings we never send unsolicited; nothing to do.
  }

  private emitText(buffer: Buffer, start: number, end: number): void {
    if (!this.skipUtf8Validation && !isUtf8(buffer.subarray(start, end))) {
      this.fail('OVEN_ERR_GATEWAY_PROTOCOL', 'a text message is not valid UTF-8', 1007);
      return;
    }
    this.handlers.text(buffer, start, end);
  }

  private onClose(payload: Buffer): void {
    if (payload.length === 0) {
      this.failed = true;
      this.handlers.close(1005, '');
      return;
    }
    if (payload.length === 1) {
      this.fail('OVEN_ERR_GATEWAY_PROTOCOL', 'a close frame carries 1 byte (a code needs 2)', 1002);
      return;
    }
    const code = payload.readUInt16BE(0);
    if (!isValidCloseCode(code)) {
      this.fail('OVEN_ERR_GATEWAY_PROTOCOL', `a close frame carries the invalid code ${code}`, 1002);
      return;
    }
    const reason = payload.subarray(2);
    if (!isUtf8(reason)) {
      this.fail('OVEN_ERR_GATEWAY_PROTOCOL', 'a close frame reason is not valid UTF-8', 1007);
      return;
    }
    // Nothing may follow a close frame.
    this.failed = true;
    this.handlers.close(code, reason.toString());
  }

  /**
   * Copies `buffer[offset..end)`, the start of a frame, into the carry until `needed` bytes of it
   * are there. `buffer` may be the carry itself, holding a completed header whose payload follows:
   * then `offset` is 0 (the carry only ever holds the one frame `push` completed), so the bytes
   * are already in place unless the carry must grow.
   */
  private keep(buffer: Buffer, offset: number, end: number, needed: number): void {
    const length = end - offset;
    if (length === 0) return;
    if (this.carry.length < needed) {
      const grown = Buffer.allocUnsafe(Math.max(needed, MIN_CARRY_BYTES));
      buffer.copy(grown, 0, offset, end);
      this.carry = grown;
    } else if (buffer !== this.carry) {
      buffer.copy(this.carry, 0, offset, end);
    }
    this.carried = length;
    this.needed = needed;
  }

  private fail(code: 'OVEN_ERR_GATEWAY_PROTOCOL', what: string, closeCode: number): false {
    this.failed = true;
    this.carry = EMPTY;
    this.carried = 0;
    this.fragments = [];
    this.handlers.error(new GatewayProtocolError(code, `Gateway WebSocket: ${what}; the connection is closed with ${closeCode} and the shard reconnects.`, closeCode));
    return false;
  }
}
