import { randomFillSync } from 'node:crypto';

/** WebSocket opcodes a client sends. */
export const ClientOpcode = { Text: 0x1, Close: 0x8, Ping: 0x9, Pong: 0xa } as const;
export type ClientOpcode = (typeof ClientOpcode)[keyof typeof ClientOpcode];

// Masking keys come from a pool filled in one call: a randomFillSync per frame costs more than the frame.
const MASK_POOL_SIZE = 8 * 1024;
let maskPool = Buffer.alloc(0);
let maskOffset = MASK_POOL_SIZE;

function nextMask(): Buffer {
  if (maskOffset + 4 > maskPool.length) {
    maskPool = randomFillSync(Buffer.allocUnsafe(MASK_POOL_SIZE));
    maskOffset = 0;
  }
  const mask = maskPool.subarray(maskOffset, maskOffset + 4);
  maskOffset += 4;
  return mask;
}

/**
 * One complete, final, masked client frame (RFC 6455 5.2 and 5.3: every client frame is masked
 * with a fresh random key). Gateway payloads are at most 4096 bytes, but any length is encoded.
 *
 * @example
 * ```ts
 * socket.write(encodeFrame(ClientOpcode.Text, Buffer.from('{"op":1,"d":null}')));
 * ```
 */
export function encodeFrame(opcode: ClientOpcode, payload: Buffer, mask: Buffer = nextMask()): Buffer {
  const length = payload.length;
  const header = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + 4 + length);
  frame[0] = 0x80 | opcode;
  if (header === 2) {
    frame[1] = 0x80 | length;
  } else if (header === 4) {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 0x80 | 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  mask.copy(frame, header, 0, 4);
  const start = header + 4;
  for (let i = 0; i < length; i++) frame[start + i] = (payload[i] as number) ^ (mask[i & 3] as number);
  return frame;
}

/** The payload of a close frame: the code, then the UTF-8 reason. */
export function closePayload(code: number, reason = ''): Buffer {
  const payload = Buffer.allocUnsafe(2 + Buffer.byteLength(reason));
  payload.writeUInt16BE(code, 0);
  payload.write(reason, 2);
  return payload;
}
