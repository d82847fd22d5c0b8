import { GatewayProtocolError } from '../../../src/gateway';
import { FrameReader } from '../../../src/gateway/transport';
import { closeBody, seeded, serverFrame } from './frames';

type Seen = Array<[kind: string, value: string | number]>;

function reader(maxPayload = 1 << 20): { reader: FrameReader; seen: Seen; errors: GatewayProtocolError[] } {
  const seen: Seen = [];
  const errors: GatewayProtocolError[] = [];
  const frameReader = new FrameReader(
    {
      text: (data) => seen.push(['text', data]),
      binary: (data) => seen.push(['binary', data.toString('hex')]),
      ping: (data) => seen.push(['ping', data.toString()]),
      close: (code, reason) => seen.push(['close', `${code} ${reason}`]),
      error: (error) => errors.push(error),
    },
    maxPayload,
  );
  return { reader: frameReader, seen, errors };
}

/** Feeds `bytes` in pieces whose sizes come from `sizes`. */
function feed(target: FrameReader, bytes: Buffer, sizes: () => number): void {
  let offset = 0;
  while (offset < bytes.length) {
    const size = Math.max(1, sizes());
    target.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
}

const big = 'x'.repeat(70_000);
const medium = JSON.stringify({ op: 0, t: 'MESSAGE_CREATE', s: 1, d: { content: 'é'.repeat(300) } });
const stream = Buffer.concat([
  serverFrame(1, '{"op":10,"d":{"heartbeat_interval":41250}}'),
  serverFrame(1, medium),
  serverFrame(2, Buffer.from([0, 1, 2, 0xff])),
  // A fragmented text message with a ping between its fragments.
  serverFrame(1, 'frag', { fin: false }),
  serverFrame(9, 'are you there'),
  serverFrame(0, 'men', { fin: false }),
  serverFrame(10, ''),
  serverFrame(0, 'ted'),
  serverFrame(1, big),
  serverFrame(2, Buffer.from([1, 2]), { fin: false }),
  serverFrame(0, Buffer.from([3])),
  serverFrame(1, ''),
  serverFrame(8, closeBody(4000, 'see you')),
]);
const expected: Seen = [
  ['text', '{"op":10,"d":{"heartbeat_interval":41250}}'],
  ['text', medium],
  ['binary', '000102ff'],
  ['ping', 'are you there'],
  ['text', 'fragmented'],
  ['text', big],
  ['binary', '010203'],
  ['text', ''],
  ['close', '4000 see you'],
];

describe('FrameReader', () => {
  it('reads 7-bit, 16-bit and 64-bit lengths, fragments with interleaved control frames, and a close, fed whole', () => {
    const { reader: r, seen, errors } = reader();
    r.push(stream);
    expect(errors).toEqual([]);
    expect(seen).toEqual(expected);
  });

  it('gives the same messages fed one byte at a time', () => {
    const { reader: r, seen, errors } = reader();
    feed(r, stream, () => 1);
    expect(errors).toEqual([]);
    expect(seen).toEqual(expected);
  });

  it.each([1, 2, 3, 42, 1337, 65_521])('gives the same messages fed in random splits (seed %i)', (seed) => {
    const random = seeded(seed);
    const { reader: r, seen, errors } = reader();
    feed(r, stream, () => Math.floor(random() * 3000));
    expect(errors).toEqual([]);
    expect(seen).toEqual(expected);
  });

  it('splits a multi-byte UTF-8 character across chunks without damage', () => {
    const { reader: r, seen } = reader();
    const frame = serverFrame(1, 'pain au levain 🍞');
    feed(r, frame, () => 3);
    expect(seen).toEqual([['text', 'pain au levain 🍞']]);
  });

  it('accepts text that holds a genuine U+FFFD and rejects the same bytes made invalid', () => {
    const { reader: r, seen, errors } = reader();
    r.push(serverFrame(1, 'replacement \uFFFD kept'));
    expect(seen).toEqual([['text', 'replacement \uFFFD kept']]);
    expect(errors).toEqual([]);
    const broken = reader();
    broken.reader.push(serverFrame(1, Buffer.concat([Buffer.from('replacement \uFFFD '), Buffer.from([0xe2, 0x82])])));
    expect(broken.seen).toEqual([]);
    expect(broken.errors[0]).toMatchObject({ code: 'OVEN_ERR_GATEWAY_PROTOCOL', closeCode: 1007 });
  });

  it('reports an empty close frame as 1005', () => {
    const { reader: r, seen } = reader();
    r.push(serverFrame(8, ''));
    expect(seen).toEqual([['close', '1005 ']]);
  });

  const malformed: Array<[string, Buffer, number]> = [
    ['reserved bits', serverFrame(1, 'x', { rsv: 4 }), 1002],
    ['a masked server frame', serverFrame(1, 'x', { mask: true }), 1002],
    ['an unknown opcode', serverFrame(3, 'x'), 1002],
    ['an unknown control opcode', serverFrame(0xb, 'x'), 1002],
    ['a fragmented control frame', serverFrame(9, 'x', { fin: false }), 1002],
    ['a control frame over 125 bytes', serverFrame(9, 'p'.repeat(126)), 1002],
    ['a continuation with no message', serverFrame(0, 'x'), 1002],
    ['a new message inside a fragmented one', Buffer.concat([serverFrame(1, 'a', { fin: false }), serverFrame(1, 'b')]), 1002],
    ['a frame above maxPayload', serverFrame(1, 'y'.repeat(2000)), 1009],
    ['fragments adding up above maxPayload', Buffer.concat([serverFrame(1, 'y'.repeat(600), { fin: false }), serverFrame(0, 'y'.repeat(600))]), 1009],
    ['a 64-bit length at or above 2^32', Buffer.from([0x81, 127, 0, 0, 0, 1, 0, 0, 0, 0]), 1009],
    ['a close frame of one byte', serverFrame(8, Buffer.from([3])), 1002],
    ['a close frame with code 1005', serverFrame(8, closeBody(1005)), 1002],
    ['a close frame with code 999', serverFrame(8, closeBody(999)), 1002],
    ['a close frame with code 5000', serverFrame(8, closeBody(5000)), 1002],
    ['a close reason that is not UTF-8', serverFrame(8, Buffer.concat([closeBody(1000), Buffer.from([0xff, 0xfe])])), 1007],
    ['text that is not UTF-8', serverFrame(1, Buffer.from([0x7b, 0xc3, 0x28])), 1007],
  ];

  it.each(malformed)('rejects %s with a typed error and the close code to answer with', (_what, bytes, closeCode) => {
    const { reader: r, seen, errors } = reader(1024);
    // Byte by byte, so no check depends on the whole frame being in one chunk.
    feed(r, Buffer.concat([bytes, serverFrame(1, 'after')]), () => 1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(GatewayProtocolError);
    expect(errors[0]).toMatchObject({ code: 'OVEN_ERR_GATEWAY_PROTOCOL', closeCode });
    // Nothing after the broken frame is delivered.
    expect(seen.filter(([kind, value]) => kind === 'text' && value === 'after')).toEqual([]);
  });

  it('delivers nothing after a close frame', () => {
    const { reader: r, seen } = reader();
    r.push(Buffer.concat([serverFrame(8, closeBody(1000)), serverFrame(1, 'late')]));
    expect(seen).toEqual([['close', '1000 ']]);
  });
});
