import { types } from 'node:util';
import { constants, createInflate, deflateSync, type Inflate } from 'node:zlib';
import { GatewayDecodeError } from './errors';
import { messageTooLargeError, streamEndedError, type InflateEngine, type InflateSink } from './zlib-inflate-engine';

/**
 * The native context behind a `node:zlib` stream (`inflate._handle`). Undocumented: its
 * `writeSync` is what `zlib.inflateSync` runs, and it writes what is left of the output and of the
 * input into the stream's `_writeState` (output first). Everything here is feature-detected and
 * checked once per process by `SyncInflate.probe`; without it `ZlibInflater` uses the stream engine.
 */
interface NativeZlibHandle {
  writeSync(flush: number, input: Uint8Array, inOffset: number, inLength: number, output: Uint8Array, outOffset: number, outLength: number): void;
}

type InflateInternals = Inflate & { _handle?: unknown; _writeState?: unknown };

/**
 * Output buffer kept per connection. A MESSAGE_CREATE (about 1 KB) inflates into it and is decoded
 * from it without a copy; a larger message fills several and pays one concat. Tried 16 KiB to
 * 1 MiB: no difference for small messages, and within the noise for an 8 MB GUILD_CREATE.
 */
const OUTPUT_CHUNK = 64 * 1024;

function handleOf(inflate: Inflate): NativeZlibHandle | undefined {
  const handle = (inflate as InflateInternals)._handle;
  if (typeof handle !== 'object' || handle === null) return undefined;
  return typeof (handle as Partial<NativeZlibHandle>).writeSync === 'function' ? (handle as NativeZlibHandle) : undefined;
}

function writeStateOf(inflate: Inflate): Uint32Array | undefined {
  const state = (inflate as InflateInternals)._writeState;
  // Not instanceof: under a vm context (jest) the stream's array comes from Node's own realm.
  return types.isUint32Array(state) && state.length >= 2 ? state : undefined;
}

/**
 * Inflates each frame on the calling thread, straight into a reused buffer. A `node:zlib` stream
 * does the same work on the thread pool, but its write/callback round trip, Transform machinery and
 * per-chunk buffers cost the main thread about 4 µs per ~930-byte gateway message, four times this
 * engine's whole cost (measured on Node 20). Frames are inflated as they arrive, so an unfinished
 * message holds its inflated bytes only, bounded by `maxMessageBytes`.
 */
export class SyncInflate implements InflateEngine {
  private output = Buffer.allocUnsafe(OUTPUT_CHUNK);
  /** Bytes of `output` holding the current message. */
  private used = 0;
  /** Filled output buffers of the current message, when it outgrew one. */
  private filled: Buffer[] = [];
  private filledBytes = 0;
  private stopped = false;

  private constructor(
    private readonly inflate: Inflate,
    private readonly handle: NativeZlibHandle,
    private readonly state: Uint32Array,
    private readonly sink: InflateSink,
    private readonly maxMessageBytes: number,
  ) {
    // A corrupt stream is seen synchronously after writeSync (the stream is destroyed by then);
    // destroy() also re-emits the error a tick later, which has nobody else to listen.
    inflate.on('error', () => undefined);
  }

  /** A sync engine, or undefined when this runtime's `node:zlib` does not expose what it drives. */
  public static open(sink: InflateSink, maxMessageBytes: number): SyncInflate | undefined {
    SyncInflate.works ??= SyncInflate.probe();
    return SyncInflate.works ? SyncInflate.create(sink, maxMessageBytes) : undefined;
  }

  /** Whether this engine decoded the probe correctly; undefined until the first `open`. */
  private static works: boolean | undefined;

  /**
   * Decodes a known stream once per process: the internals this engine drives are undocumented,
   * and a Node release that changed them (say, the order of `_writeState`) must switch to the
   * stream engine rather than garble messages.
   */
  private static probe(): boolean {
    const expected = '{"op":11,"d":"zlib-stream probe \u00e9\u00e9"}';
    const frame = deflateSync(expected, { finishFlush: constants.Z_SYNC_FLUSH });
    let text: string | undefined;
    let failed = false;
    try {
      const engine = SyncInflate.create({ message: (data, start, end) => (text = data.toString('utf8', start, end)), error: () => (failed = true) }, 1024);
      if (engine === undefined) return false;
      // In two frames, so the probe also covers a message split across WebSocket messages.
      const half = frame.length >> 1;
      engine.write(frame.subarray(0, half), false);
      engine.write(frame.subarray(half), true);
      engine.close();
    } catch {
      return false;
    }
    return !failed && text === expected;
  }

  private static create(sink: InflateSink, maxMessageBytes: number): SyncInflate | undefined {
    // The stream's own output buffer goes unused; the smallest chunk size keeps it tiny.
    const inflate = createInflate({ chunkSize: constants.Z_MIN_CHUNK });
    const handle = handleOf(inflate);
    const state = writeStateOf(inflate);
    if (handle === undefined || state === undefined) {
      inflate.close();
      return undefined;
    }
    return new SyncInflate(inflate, handle, state, sink, maxMessageBytes);
  }

  public write(frame: Buffer, last: boolean): void {
    if (this.stopped) return;
    if (frame.length > 0 && !this.inflateFrame(frame)) return;
    if (last) this.finishMessage();
  }

  public close(): void {
    if (this.stopped) return;
    this.stop();
    this.inflate.close();
  }

  /** Inflates all of `frame` into the current message; false once the stream failed. */
  private inflateFrame(frame: Buffer): boolean {
    const state = this.state;
    let inOffset = 0;
    let inLength = frame.length;
    for (;;) {
      const room = this.output.length - this.used;
      try {
        this.handle.writeSync(constants.Z_SYNC_FLUSH, frame, inOffset, inLength, this.output, this.used, room);
      } catch (cause) {
        // Not zlib's way of failing (that is below), but a broken internal must end the stream
        // through onError like any decode failure, not throw into the transport.
        return this.fail(cause instanceof Error ? cause : new GatewayDecodeError('The zlib-stream inflate context threw; the stream is dropped.', cause));
      }
      // zlib reports an error synchronously: the stream is destroyed (and its handle closed) by now.
      if (this.inflate.destroyed) {
        return this.fail(this.inflate.errored ?? new GatewayDecodeError('The zlib-stream inflate context failed without an error; the stream is dropped.'));
      }
      const outLeft = state[0] as number;
      const inLeft = state[1] as number;
      this.used += room - outLeft;
      inOffset += inLength - inLeft;
      inLength = inLeft;
      if (this.filledBytes + this.used > this.maxMessageBytes) return this.fail(messageTooLargeError(this.maxMessageBytes));
      if (outLeft === 0) {
        // Output full: zlib may hold more, so continue into a fresh buffer even with no input left.
        this.filled.push(this.output);
        this.filledBytes += this.output.length;
        this.output = Buffer.allocUnsafe(OUTPUT_CHUNK);
        this.used = 0;
        continue;
      }
      // Room left yet input unread: zlib reached the end of the stream.
      return inLeft === 0 ? true : this.fail(streamEndedError());
    }
  }

  private finishMessage(): void {
    const used = this.used;
    // The message is message[0, length): `output` itself when it fits there (the sink reads it
    // during the call, before the next write reuses it), else the filled chunks joined.
    let message = this.output;
    let length = used;
    if (this.filled.length === 0) {
      // As before: a message that inflates to nothing is not delivered.
      if (used === 0) return;
    } else {
      const chunks = this.filled;
      chunks.push(this.output.subarray(0, used));
      length = this.filledBytes + used;
      message = Buffer.concat(chunks, length);
      this.filled = [];
      this.filledBytes = 0;
    }
    // State is reset before the sink runs: it may close this engine or throw.
    this.used = 0;
    this.sink.message(message, 0, length);
  }

  private fail(error: Error): false {
    this.stop();
    // Frees the context now (after a zlib error it is destroyed already): nothing more is decoded.
    this.inflate.close();
    this.sink.error(error);
    return false;
  }

  private stop(): void {
    this.stopped = true;
    this.filled = [];
    this.filledBytes = 0;
    this.used = 0;
  }
}
