import { constants, deflateSync } from 'node:zlib';
import { GatewayDecodeError, GatewayOptionError } from '../../src/gateway';
import { ZlibInflater } from '../../src/gateway/zlib-inflater';
import { compress, gatewayMessages, incompressibleMessage, Recorder, SUFFIX } from './zlib-frames';

describe.each([
  { engine: 'auto' as const, expected: 'sync' },
  { engine: 'stream' as const, expected: 'stream' },
])('ZlibInflater ($engine engine)', ({ engine, expected }) => {
  const recorders: Recorder[] = [];
  const recorder = (options: { maxMessageBytes?: number } = {}): Recorder => {
    const made = new Recorder({ engine, ...options });
    recorders.push(made);
    return made;
  };
  afterEach(() => recorders.splice(0).forEach((made) => made.close()));

  it(`uses the ${expected} engine on this Node`, () => {
    expect(recorder().inflater.engine).toBe(expected);
  });

  it('inflates many messages of one shared-context stream, in order, one delivery per message', async () => {
    // 64 KiB and more of text outgrows the sync engine's output buffer; the rest are chat-sized.
    const messages = [...gatewayMessages(300), incompressibleMessage(200_000), ...gatewayMessages(20), incompressibleMessage(65_536)];
    const frames = await compress(messages);
    for (const frame of frames) expect(frame.subarray(-4)).toEqual(SUFFIX);
    const made = recorder();
    made.push(...frames);
    await made.until(() => made.messages.length === messages.length);
    expect(made.messages).toEqual(messages);
    expect(made.errors).toEqual([]);
    // The sync engine delivers inside push; the stream engine after the thread pool's work.
    expect(made.duringPush).toBe(expected === 'sync' ? messages.length : 0);
  });

  it('finds the suffix split across frames at every byte offset of it, and of the whole message', async () => {
    const messages = gatewayMessages(3);
    const [first, middle, last] = (await compress(messages)) as [Buffer, Buffer, Buffer];
    const cuts: number[][] = [];
    // Two frames, cut at every offset (those in the last four bytes split the suffix).
    for (let cut = 1; cut < middle.length; cut++) cuts.push([cut]);
    // Three and four frames, each holding part of the suffix.
    const n = middle.length;
    cuts.push([n - 3, n - 1], [n - 4, n - 2], [n - 3, n - 2, n - 1], [n - 4, n - 3, n - 2, n - 1]);
    for (const at of cuts) {
      const made = recorder();
      const pieces = [0, ...at, n].slice(1).map((end, i, ends) => middle.subarray(i === 0 ? 0 : (ends[i - 1] as number), end));
      made.push(first, ...pieces, last);
      await made.until(() => made.messages.length >= 3);
      expect({ at, messages: made.messages }).toEqual({ at, messages });
      made.close();
    }
  });

  it('takes a message fed one byte per frame', async () => {
    const messages = gatewayMessages(2);
    const frames = await compress(messages);
    const made = recorder();
    for (const frame of frames) for (let i = 0; i < frame.length; i++) made.push(frame.subarray(i, i + 1));
    await made.until(() => made.messages.length === 2);
    expect(made.messages).toEqual(messages);
  });

  it('delivers everything inflated up to a suffix as one text, as before (Discord sends one message per flush)', async () => {
    const messages = gatewayMessages(3);
    const frames = await compress(messages);
    const made = recorder();
    made.push(Buffer.concat([frames[0] as Buffer, frames[1] as Buffer]), frames[2] as Buffer);
    await made.until(() => made.messages.length === 2);
    expect(made.messages).toEqual([(messages[0] as string) + (messages[1] as string), messages[2]]);
  });

  it('reports a corrupt stream once through onError, then ignores later frames', async () => {
    const frames = await compress(gatewayMessages(2));
    const made = recorder();
    made.push(frames[0] as Buffer, Buffer.from([1, 2, 3, 4, 5, 0, 0, 0xff, 0xff]), frames[1] as Buffer);
    await made.until(() => made.errors.length > 0);
    await made.settle();
    expect(made.messages).toHaveLength(1);
    expect(made.errors).toHaveLength(1);
    expect((made.errors[0] as NodeJS.ErrnoException).code).toBe('Z_DATA_ERROR');
  });

  it('reports a stream that ended and went on', async () => {
    const made = recorder();
    // A whole zlib stream (ended by Z_FINISH), then a message as Discord would flush it.
    made.push(deflateSync('{"op":11}'), deflateSync('{"op":11}', { finishFlush: constants.Z_SYNC_FLUSH }));
    await made.until(() => made.errors.length > 0);
    await made.settle();
    expect(made.errors).toHaveLength(1);
    expect(made.errors[0]).toBeInstanceOf(GatewayDecodeError);
    expect((made.errors[0] as GatewayDecodeError).code).toBe('OVEN_ERR_GATEWAY_DECODE');
  });

  it('delivers a message of exactly maxMessageBytes and rejects one a byte larger', async () => {
    const message = incompressibleMessage(100_000);
    const bytes = Buffer.byteLength(message);
    const [frame] = (await compress([message])) as [Buffer];
    const fits = recorder({ maxMessageBytes: bytes });
    fits.push(frame);
    await fits.until(() => fits.messages.length === 1);
    expect(fits.errors).toEqual([]);
    const tooBig = recorder({ maxMessageBytes: bytes - 1 });
    tooBig.push(frame);
    await tooBig.until(() => tooBig.errors.length > 0);
    expect(tooBig.messages).toEqual([]);
    expect(tooBig.errors[0]).toBeInstanceOf(GatewayDecodeError);
    expect((tooBig.errors[0] as Error).message).toContain(`${bytes - 1} bytes (maxMessageBytes)`);
  });

  it('bounds a message whose suffix never comes', async () => {
    const [frame] = (await compress([incompressibleMessage(50_000)])) as [Buffer];
    const made = recorder({ maxMessageBytes: 20_000 });
    // Without its suffix, the message keeps growing frame after frame.
    for (let at = 0; at + 1000 <= frame.length - 4; at += 1000) made.push(frame.subarray(at, at + 1000));
    await made.until(() => made.errors.length > 0);
    expect(made.errors).toHaveLength(1);
    expect(made.errors[0]).toBeInstanceOf(GatewayDecodeError);
  });

  it('drops what is pending on close and ignores later frames', async () => {
    const messages = gatewayMessages(3);
    const frames = await compress(messages);
    const closed = recorder();
    const open = recorder();
    for (const made of [closed, open]) made.push(frames[0] as Buffer, (frames[1] as Buffer).subarray(0, 5));
    await closed.until(() => closed.messages.length === 1);
    closed.close();
    for (const made of [closed, open]) made.push((frames[1] as Buffer).subarray(5), frames[2] as Buffer);
    await open.until(() => open.messages.length === 3);
    await closed.settle();
    expect(open.messages).toEqual(messages);
    expect(closed.messages).toEqual([messages[0]]);
    expect(closed.errors).toEqual([]);
  });

  it('rejects invalid options with a typed error', () => {
    for (const maxMessageBytes of [0, -1, 1.5, Number.NaN]) {
      expect(() => new ZlibInflater(() => undefined, () => undefined, { maxMessageBytes })).toThrow(GatewayOptionError);
    }
    expect(() => new ZlibInflater(() => undefined, () => undefined, { engine: 'fast' as 'auto' })).toThrow(/engine must be 'auto' or 'stream'/);
  });
});

describe('ZlibInflater with the stream engine', () => {
  it('does not deliver a message still being inflated when closed', async () => {
    const messages = gatewayMessages(1);
    const frames = await compress(messages);
    const closed = new Recorder({ engine: 'stream' });
    const open = new Recorder({ engine: 'stream' });
    closed.push(...frames);
    open.push(...frames);
    closed.close();
    await open.until(() => open.messages.length === 1);
    await closed.settle();
    open.close();
    expect(closed.messages).toEqual([]);
    expect(closed.errors).toEqual([]);
  });
});
