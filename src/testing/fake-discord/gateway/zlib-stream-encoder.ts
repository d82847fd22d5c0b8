import { constants, createDeflate, type Deflate } from 'node:zlib';

/**
 * Transport compression `compress=zlib-stream`: one deflate context for the whole connection, each
 * payload flushed with Z_SYNC_FLUSH so its frame ends in `00 00 ff ff` and a client's single inflate
 * context can decode it on its own. Node's deflate runs off-thread, so frames come out through
 * `output` asynchronously but in write order.
 */
export class ZlibStreamEncoder {
  private readonly deflate: Deflate = createDeflate();
  private chunks: Buffer[] = [];
  private pending = 0;
  private idleWaiters: (() => void)[] = [];

  public constructor(private readonly output: (frame: Buffer) => void) {
    this.deflate.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    // A deflate error can only follow a destroyed connection; the socket's own close reports that.
    this.deflate.on('error', () => undefined);
  }

  /** Compresses one payload; its frame reaches `output` after all earlier ones. */
  public write(text: string): void {
    this.pending += 1;
    this.deflate.write(text);
    this.deflate.flush(constants.Z_SYNC_FLUSH, () => {
      const frame = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks);
      this.chunks = [];
      this.pending -= 1;
      if (frame.length > 0) this.output(frame);
      if (this.pending === 0) this.runIdle();
    });
  }

  /** Runs `callback` once every written payload has been output (at once when none is pending). */
  public whenIdle(callback: () => void): void {
    if (this.pending === 0) callback();
    else this.idleWaiters.push(callback);
  }

  /** Releases the deflate context. */
  public close(): void {
    this.idleWaiters = [];
    this.deflate.close();
  }

  private runIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const waiter of waiters) waiter();
  }
}
