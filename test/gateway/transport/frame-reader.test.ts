import { GatewayProtocolError } from '../../../src/gateway';
import { FrameReader } from '../../../src/gateway/transport';
import { closeBody, seeded, serverFrame } from './frames';

type Seen = Array<[kind: string, value: string | number]>;

function reader(maxPayload = 1 << 20): { reader: FrameReader; seen: Seen; errors: GatewayProtocolError[] } {
  const seen: Seen = [];
  const errors: GatewayProtocolError[] = [];
  const frameReader = new FrameReader(
    {
      text: (data, start, end) => seen.push(['text', data.toString('utf8', start, end)]),
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

/**
 * Feeds `bytes` the way LeanSocket does: every piece is read into the same buffer (at an offset,
 * to exercise `start`), and the buffer is scribbled over after each push, so anything the reader
 * kept a reference to instead of copying comes out damaged.
 */
function feedReused(target: FrameReader, bytes: Buffer, sizes: () => number, bufferBytes = 4096): void {
  const shared = Buffer.alloc(bufferBytes + 7);
  let offset = 0;
  while (offset < bytes.length) {
    const size = Math.min(Math.max(1, sizes()), bufferBytes, bytes.length - offset);
    bytes.copy(shared, 7, offset, offset + size);
    target.push(shared, 7, 7 + size);
    shared.fill(0xee);
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

  it.each([1, 7, 99])('gives the same messages from one reused read buffer, overwritten after each push (seed %i)', (seed) => {
    const random = seeded(seed);
    const { reader: r, seen, errors } = reader();
    feedReused(r, stream, () => Math.floor(random() * 3000));
    expect(errors).toEqual([]);
    expect(seen).toEqual(expected);
  });

  it('gives the same messages fed one byte at a time through a reused buffer', () => {
    const { reader: r, seen, errors } = reader();
    feedReused(r, stream, () => 1);
    expect(errors).toEqual([]);
    expect(seen).toEqual(expected);
  });

  // Without the 70 000-byte frame, so every offset stays cheap: 7-bit and 16-bit headers, a
  // fragmented message with a ping inside, binary, and a close.
  const small = Buffer.concat([
    serverFrame(1, '{"op":11}'),
    serverFrame(1, medium),
    serverFrame(2, Buffer.from([9, 8, 7])),
    serverFrame(1, 'frag', { fin: false }),
    serverFrame(9, 'ping'),
    serverFrame(0, 'ment', { fin: false }),
    serverFrame(0, 'ed'),
    serverFrame(8, closeBody(1000, 'done')),
  ]);
  const smallExpected: Seen = [
    ['text', '{"op":11}'],
    ['text', medium],
    ['binary', '090807'],
    ['ping', 'ping'],
    ['text', 'fragmented'],
    ['close', '1000 done'],
  ];

  it('gives the same messages when the stream is split in two reads at every byte offset', () => {
    for (let split = 1; split < small.length; split++) {
      const { reader: r, seen, errors } = reader();
      const shared = Buffer.alloc(small.length);
      small.copy(shared, 0, 0, split);
      r.push(shared, 0, split);
      shared.fill(0xee);
      small.copy(shared, 0, split);
      r.push(shared, 0, small.length - split);
      expect({ split, errors, seen }).toEqual({ split, errors: [], seen: smallExpected });
    }
  });

  it('reads a 64-bit-length frame split at every offset of its header and around its end', () => {
    const payload = 'q'.repeat(65_536);
    const bytes = Buffer.concat([serverFrame(1, payload), serverFrame(1, 'next')]);
    const end = bytes.length - 6;
    const splits = [...Array.from({ length: 12 }, (_, i) => i + 1), end - 2, end - 1, end, end + 1, end + 3];
    for (const split of splits) {
      const { reader: r, seen, errors } = reader(1 << 17);
      r.push(bytes.subarray(0, split));
      r.push(bytes.subarray(split));
      expect({ split, errors, count: seen.length }).toEqual({ split, errors: [], count: 2 });
      expect(seen[0]?.[1] === payload && seen[1]?.[1] === 'next').toBe(true);
    }
  });

  it('reads frames whose ends fall exactly on read boundaries, and a read that ends right after a header', () => {
    const { reader: r, seen, errors } = reader();
    const frames = [serverFrame(1, 'one'), serverFrame(1, 't'.repeat(300)), serverFrame(1, 'three')];
    for (const frame of frames) r.push(frame);
    // Header of a 16-bit-length frame alone, then its payload alone.
    const fourth = serverFrame(1, 'f'.repeat(200));
    r.push(fourth.subarray(0, 4));
    r.push(fourth.subarray(4));
    expect(errors).toEqual([]);
    expect(seen).toEqual([
      ['text', 'one'],
      ['text', 't'.repeat(300)],
      ['text', 'three'],
      ['text', 'f'.repeat(200)],
    ]);
  });

  it('reads a thousand frames from one chunk, in order', () => {
    const { reader: r, seen, errors } = reader();
    const texts = Array.from({ length: 1000 }, (_, i) => JSON.stringify({ op: 0, s: i, d: { content: 'm'.repeat(i % 300) } }));
    r.push(Buffer.concat(texts.map((text) => serverFrame(1, text))));
    expect(errors).toEqual([]);
    expect(seen).toEqual(texts.map((text) => ['text', text]));
  });

  it('hands on binary and ping payloads that stay intact after the read buffer is reused', () => {
    const kept: Buffer[] = [];
    const r = new FrameReader({ text: () => undefined, binary: (data) => kept.push(data), ping: (data) => kept.push(data), close: () => undefined, error: (error) => { throw error; } }, 1 << 20);
    const bytes = Buffer.concat([
      serverFrame(2, Buffer.from('whole binary')),
      serverFrame(9, 'ping body'),
      serverFrame(2, Buffer.from('frag'), { fin: false }),
      serverFrame(0, Buffer.from('mented binary')),
      serverFrame(2, Buffer.alloc(20_000, 0x61)),
    ]);
    feedReused(r, bytes, () => 1000);
    expect(kept.map((data) => data.toString())).toEqual(['whole binary', 'ping body', 'fragmented binary', 'a'.repeat(20_000)]);
  });

  it('reads a frame far larger than a read, then small frames split inside their headers', () => {
    const { reader: r, seen, errors } = reader(4 << 20);
    const huge = 'h'.repeat(1_500_000);
    const bytes = Buffer.concat([serverFrame(1, huge), serverFrame(1, 'a'.repeat(130)), serverFrame(1, 'b')]);
    // 64 KiB reads, then the tail in pieces that cut the next headers after their first byte.
    const tailStart = serverFrame(1, huge).length;
    feedReused(r, bytes.subarray(0, tailStart + 1), () => 65_536, 65_536);
    feedReused(r, bytes.subarray(tailStart + 1), () => 132);
    expect(errors).toEqual([]);
    expect(seen.map(([kind, value]) => [kind, typeof value === 'string' ? value.length : value])).toEqual([
      ['text', 1_500_000],
      ['text', 130],
      ['text', 1],
    ]);
    expect(seen[0]?.[1] === huge).toBe(true);
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
