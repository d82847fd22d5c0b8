import { constants, createInflate, type Inflate } from 'node:zlib';
import { messageTooLargeError, streamEndedError, type InflateEngine, type InflateSink } from './zlib-inflate-engine';

/**
 * Inflates through a documented `node:zlib` stream: the work runs on the thread pool and each
 * message is delivered from a write callback, asynchronously but in order. The fallback for
 * runtimes where the sync engine's internals are missing, and `{ engine: 'stream' }`.
 */
export class StreamInflate implements InflateEngine {
  private readonly inflate: Inflate;
  /** Frames of the unfinished message, joined once its suffix arrives. */
  private frames: Buffer[] = [];
  private frameBytes = 0;
  /** Inflated chunks of the message being written. */
  private output: Buffer[] = [];
  private outputBytes = 0;
  private stopped = false;

  public constructor(
    private readonly sink: InflateSink,
    private readonly maxMessageBytes: number,
  ) {
    this.inflate = createInflate({ chunkSize: 64 * 1024, flush: constants.Z_SYNC_FLUSH });
    this.inflate.on('data', (chunk: Buffer) => {
      if (this.stopped) return;
      this.outputBytes += chunk.length;
      if (this.outputBytes > this.maxMessageBytes) this.fail(messageTooLargeError(this.maxMessageBytes));
      else this.output.push(chunk);
    });
    this.inflate.on('error', (error: Error) => this.fail(error));
    // zlib pushes the end of the readable side when the stream ended with input left.
    this.inflate.on('end', () => this.fail(streamEndedError()));
  }

  public write(frame: Buffer, last: boolean): void {
    if (this.stopped) return;
    this.frames.push(frame);
    this.frameBytes += frame.length;
    // A message compresses to at most its own size plus a few bytes per block, so the bound on
    // inflated bytes also bounds the frames that wait for the suffix.
    if (this.frameBytes > this.maxMessageBytes) {
      this.fail(messageTooLargeError(this.maxMessageBytes));
      return;
    }
    if (!last) return;
    const message = this.frames.length === 1 ? frame : Buffer.concat(this.frames, this.frameBytes);
    this.frames = [];
    this.frameBytes = 0;
    // zlib runs writes one after another and emits a write's output before its callback, so the
    // buffered output at callback time is exactly this message.
    this.inflate.write(message, () => {
      if (this.stopped) return;
      const chunks = this.output;
      const bytes = this.outputBytes;
      this.output = [];
      this.outputBytes = 0;
      if (bytes === 0) return;
      const message = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, bytes);
      this.sink.message(message, 0, message.length);
    });
  }

  public close(): void {
    if (this.stopped) return;
    this.stop();
    this.inflate.close();
  }

  private fail(error: Error): void {
    if (this.stopped) return;
    this.stop();
    // Frees the context now (after a zlib error it is destroyed already): nothing more is decoded.
    this.inflate.close();
    this.sink.error(error);
  }

  private stop(): void {
    this.stopped = true;
    this.frames = [];
    this.frameBytes = 0;
    this.output = [];
    this.outputBytes = 0;
  }
}
