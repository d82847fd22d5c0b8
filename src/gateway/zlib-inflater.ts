import { constants, createInflate, type Inflate } from 'node:zlib';

const SUFFIX = Buffer.from([0x00, 0x00, 0xff, 0xff]);

/**
 * Decodes a `compress=zlib-stream` gateway connection: one inflate context for the whole
 * connection (Discord compresses every message against the same dictionary), binary frames joined
 * until one ends with the Z_SYNC_FLUSH marker `00 00 ff ff`, which closes one gateway message.
 * Messages come out through `onMessage` in the order their last frame arrived.
 *
 * @example
 * ```ts
 * const inflater = new ZlibInflater((text) => handle(JSON.parse(text)), (error) => socket.close(4000));
 * socket.on('message', (data) => inflater.push(data as Buffer));
 * ```
 */
export class ZlibInflater {
  private readonly inflate: Inflate;
  private frames: Buffer[] = [];
  private output: Buffer[] = [];
  private closed = false;

  public constructor(
    private readonly onMessage: (text: string) => void,
    private readonly onError: (error: Error) => void,
  ) {
    this.inflate = createInflate({ chunkSize: 64 * 1024, flush: constants.Z_SYNC_FLUSH });
    this.inflate.on('data', (chunk: Buffer) => this.output.push(chunk));
    this.inflate.on('error', (error: Error) => {
      if (!this.closed) this.onError(error);
    });
  }

  /** Feeds one binary WebSocket frame. */
  public push(frame: Buffer): void {
    if (this.closed) return;
    this.frames.push(frame);
    if (frame.length < 4 || frame.compare(SUFFIX, 0, 4, frame.length - 4) !== 0) return;
    const message = this.frames.length === 1 ? frame : Buffer.concat(this.frames);
    this.frames = [];
    // zlib runs writes one after another and emits a write's output before its callback, so the
    // buffered output at callback time is exactly this message.
    this.inflate.write(message, () => {
      if (this.closed || this.output.length === 0) return;
      const text = this.output.length === 1 ? (this.output[0] as Buffer).toString() : Buffer.concat(this.output).toString();
      this.output = [];
      this.onMessage(text);
    });
  }

  /** Releases the inflate context; later frames are ignored. */
  public close(): void {
    if (this.closed) return;
    this.closed = true;
    this.frames = [];
    this.output = [];
    this.inflate.close();
  }
}
