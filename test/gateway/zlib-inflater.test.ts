import { constants, createDeflate } from 'node:zlib';
import { ZlibInflater } from '../../src/gateway';

/** Compresses messages the way Discord's zlib-stream does: one context, a sync flush per message. */
async function compress(messages: string[]): Promise<Buffer[]> {
  const deflate = createDeflate();
  const out: Buffer[] = [];
  for (const message of messages) {
    const chunks: Buffer[] = [];
    const onData = (chunk: Buffer): number => chunks.push(chunk);
    deflate.on('data', onData);
    deflate.write(message);
    await new Promise<void>((resolve) => deflate.flush(constants.Z_SYNC_FLUSH, () => resolve()));
    deflate.off('data', onData);
    out.push(Buffer.concat(chunks));
  }
  deflate.close();
  return out;
}

function collect(count: number, feed: (inflater: ZlibInflater) => void): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const seen: string[] = [];
    const inflater = new ZlibInflater(
      (text) => {
        seen.push(text);
        if (seen.length === count) {
          inflater.close();
          resolve(seen);
        }
      },
      reject,
    );
    feed(inflater);
  });
}

describe('ZlibInflater', () => {
  const messages = Array.from({ length: 50 }, (_, i) =>
    JSON.stringify({ op: 0, t: 'MESSAGE_CREATE', s: i + 1, d: { id: String(i), content: 'hello '.repeat(i) } }),
  );

  it('inflates every message of a shared-context stream, in order', async () => {
    const frames = await compress(messages);
    for (const frame of frames) expect(frame.subarray(-4)).toEqual(Buffer.from([0, 0, 0xff, 0xff]));
    const seen = await collect(messages.length, (inflater) => frames.forEach((frame) => inflater.push(frame)));
    expect(seen).toEqual(messages);
  });

  it('joins a message split across several frames until the 00 00 ff ff suffix', async () => {
    const frames = await compress(messages.slice(0, 5));
    const split: Buffer[] = [];
    for (const frame of frames) {
      const third = Math.max(1, Math.floor(frame.length / 3));
      split.push(frame.subarray(0, third), frame.subarray(third, 2 * third), frame.subarray(2 * third));
    }
    const seen = await collect(5, (inflater) => split.forEach((frame) => inflater.push(frame)));
    expect(seen).toEqual(messages.slice(0, 5));
  });

  it('reports a corrupt stream through onError', async () => {
    const error = await new Promise<Error>((resolve) => {
      const inflater = new ZlibInflater(() => undefined, (failure) => {
        inflater.close();
        resolve(failure);
      });
      inflater.push(Buffer.from([1, 2, 3, 4, 5, 0, 0, 0xff, 0xff]));
    });
    expect((error as NodeJS.ErrnoException).code).toBe('Z_DATA_ERROR');
  });
});
