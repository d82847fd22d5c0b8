import { ClientOpcode, acceptFor, closePayload, encodeFrame } from '../../../src/gateway/transport';
import { readClientFrames } from './frames';

describe('encodeFrame', () => {
  it.each([0, 5, 125, 126, 65_535, 65_536, 100_000])('masks a %i-byte text frame that unmasks to the payload', (length) => {
    const payload = Buffer.alloc(length, 'a');
    const frame = encodeFrame(ClientOpcode.Text, payload);
    const [decoded] = readClientFrames(frame);
    expect(decoded).toMatchObject({ opcode: 1, fin: true, masked: true });
    expect(decoded?.payload.equals(payload)).toBe(true);
  });

  it('uses a fresh masking key per frame', () => {
    const payload = Buffer.from('{"op":1,"d":null}');
    const keys = new Set<string>();
    for (let i = 0; i < 50; i++) keys.add(encodeFrame(ClientOpcode.Text, payload).subarray(2, 6).toString('hex'));
    expect(keys.size).toBeGreaterThan(45);
  });

  it('writes close payloads as code then UTF-8 reason', () => {
    const [frame] = readClientFrames(encodeFrame(ClientOpcode.Close, closePayload(4900, 'résumé')));
    expect(frame?.opcode).toBe(8);
    expect(frame?.payload.readUInt16BE(0)).toBe(4900);
    expect(frame?.payload.subarray(2).toString()).toBe('résumé');
  });
});

describe('acceptFor', () => {
  it('derives Sec-WebSocket-Accept as in RFC 6455 section 1.3', () => {
    expect(acceptFor('dGhlIHNhbXBsZSBub25jZQ==')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });
});
