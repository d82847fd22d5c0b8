/** Builds server frames (unmasked unless asked) for the transport tests. */
export function serverFrame(opcode: number, payload: Buffer | string, options: { fin?: boolean; rsv?: number; mask?: boolean } = {}): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const length = data.length;
  const header = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const maskBytes = options.mask === true ? 4 : 0;
  const frame = Buffer.alloc(header + maskBytes + length);
  frame[0] = ((options.fin ?? true) ? 0x80 : 0) | ((options.rsv ?? 0) << 4) | opcode;
  const maskBit = options.mask === true ? 0x80 : 0;
  if (header === 2) frame[1] = maskBit | length;
  else if (header === 4) {
    frame[1] = maskBit | 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = maskBit | 127;
    frame.writeUInt32BE(0, 2);
    frame.writeUInt32BE(length, 6);
  }
  data.copy(frame, header + maskBytes);
  return frame;
}

/** A close frame's payload. */
export function closeBody(code: number, reason = ''): Buffer {
  const body = Buffer.alloc(2 + Buffer.byteLength(reason));
  body.writeUInt16BE(code, 0);
  body.write(reason, 2);
  return body;
}

/** Deterministic PRNG, so random splits are reproducible from the seed in a failure. */
export { seededRandom as seeded } from '../../support/seeded-random';

/** Decodes the masked frames a client sends: opcode, fin and the unmasked payload of each. */
export function readClientFrames(bytes: Buffer): Array<{ opcode: number; fin: boolean; masked: boolean; payload: Buffer }> {
  const out: Array<{ opcode: number; fin: boolean; masked: boolean; payload: Buffer }> = [];
  let offset = 0;
  while (offset + 2 <= bytes.length) {
    const b0 = bytes[offset] as number;
    const b1 = bytes[offset + 1] as number;
    let length = b1 & 0x7f;
    let header = 2;
    if (length === 126) {
      length = bytes.readUInt16BE(offset + 2);
      header = 4;
    } else if (length === 127) {
      length = bytes.readUInt32BE(offset + 6);
      header = 10;
    }
    const masked = (b1 & 0x80) !== 0;
    const maskAt = offset + header;
    const start = maskAt + (masked ? 4 : 0);
    if (start + length > bytes.length) break;
    const payload = Buffer.alloc(length);
    for (let i = 0; i < length; i++) payload[i] = (bytes[start + i] as number) ^ (masked ? (bytes[maskAt + (i & 3)] as number) : 0);
    out.push({ opcode: b0 & 0x0f, fin: (b0 & 0x80) !== 0, masked, payload });
    offset = start + length;
  }
  return out;
}
