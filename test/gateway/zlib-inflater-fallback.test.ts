import type * as Zlib from 'node:zlib';
import type { ZlibInflater as ZlibInflaterClass } from '../../src/gateway/zlib-inflater';
import { compress, gatewayMessages } from './zlib-frames';

type Tamper = (inflate: Zlib.Inflate) => void;

/**
 * Loads a fresh ZlibInflater (so its once-per-process probe runs again) over a `node:zlib` whose
 * sync-engine inflates are altered by `tamper`, as a Node release changing the internals could.
 * Only those: Node's own stream code reads the same internals, so the stream engine's inflate
 * (created with a 64 KiB chunk size, the sync engine's with the minimum) is left alone.
 */
function inflaterOver(tamper: Tamper): typeof ZlibInflaterClass {
  let loaded: typeof ZlibInflaterClass | undefined;
  jest.isolateModules(() => {
    jest.doMock('node:zlib', () => {
      const actual = jest.requireActual<typeof Zlib>('node:zlib');
      return {
        ...actual,
        createInflate: (options?: Zlib.ZlibOptions): Zlib.Inflate => {
          const inflate = actual.createInflate(options);
          if (options?.chunkSize === actual.constants.Z_MIN_CHUNK) tamper(inflate);
          return inflate;
        },
      };
    });
    loaded = (jest.requireActual('../../src/gateway/zlib-inflater') as { ZlibInflater: typeof ZlibInflaterClass }).ZlibInflater;
  });
  jest.dontMock('node:zlib');
  return loaded as typeof ZlibInflaterClass;
}

async function roundTrip(Inflater: typeof ZlibInflaterClass, messages: string[]): Promise<{ engine: string; seen: string[] }> {
  const frames = await compress(messages);
  return new Promise((resolve, reject) => {
    const seen: string[] = [];
    const inflater: ZlibInflaterClass = new Inflater(
      (data, start, end) => {
        seen.push(data.toString('utf8', start, end));
        if (seen.length === messages.length) {
          inflater.close();
          resolve({ engine: inflater.engine, seen });
        }
      },
      reject,
    );
    frames.forEach((frame) => inflater.push(frame));
  });
}

describe('ZlibInflater falls back to the zlib stream', () => {
  const messages = gatewayMessages(40);

  it('uses the sync engine when node:zlib is untouched (the control for the cases below)', async () => {
    const Inflater = inflaterOver(() => undefined);
    expect(await roundTrip(Inflater, messages)).toEqual({ engine: 'sync', seen: messages });
  });

  it('when the native handle is not exposed', async () => {
    const Inflater = inflaterOver((inflate) => Object.defineProperty(inflate, '_handle', { value: undefined }));
    expect(await roundTrip(Inflater, messages)).toEqual({ engine: 'stream', seen: messages });
  });

  it('when the write state is not a Uint32Array', async () => {
    const Inflater = inflaterOver((inflate) => Object.defineProperty(inflate, '_writeState', { value: [0, 0] }));
    expect(await roundTrip(Inflater, messages)).toEqual({ engine: 'stream', seen: messages });
  });

  it('when the internals exist but decode the probe wrongly', async () => {
    // A write state the native side never writes to: the engine would read garbage lengths.
    const Inflater = inflaterOver((inflate) => Object.defineProperty(inflate, '_writeState', { value: new Uint32Array(2) }));
    expect(await roundTrip(Inflater, messages)).toEqual({ engine: 'stream', seen: messages });
  });

  it('when the native write throws', async () => {
    const Inflater = inflaterOver((inflate) => {
      const handle = (inflate as unknown as { _handle: { writeSync: () => void } })._handle;
      handle.writeSync = () => {
        throw new TypeError('writeSync is gone');
      };
    });
    expect(await roundTrip(Inflater, messages)).toEqual({ engine: 'stream', seen: messages });
  });
});
