const MIN_SQUEEZED_BYTES = 64 * 1024;
/**
 * What `Buffer#write(value, offset, length, 'utf8')` calls once it has checked its arguments:
 * every write here is within the buffer by construction, and the checks cost about as much as a
 * short message's copy (the JSON decoder reads with `latin1Slice` and `utf8Slice` the same way).
 */
const utf8Write = Buffer.prototype.utf8Write as (this: Buffer, value: string, offset: number, length: number) => number;

/** Whether `bytes[start, start + length)` is `value` in UTF-8, decoding only when `value` is not ASCII. */
function utf8Equals(bytes: Buffer, start: number, length: number, value: string): boolean {
  if (value.length !== length) return value.length < length && bytes.toString('utf8', start, start + length) === value;
  for (let i = 0; i < length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0x80 || bytes[start + i] !== code) return code >= 0x80 && bytes.toString('utf8', start, start + length) === value;
  }
  return true;
}

/** What a {@link TextPool} asks of its owner when it squeezes out dead bytes. */
export interface TextPoolOwner {
  /**
   * Calls `move` once for every live segment (start and length in bytes, any order) and stores the
   * start `move` returns in its place.
   */
  forEachSegment(move: (start: number, length: number) => number): void;
}

/**
 * UTF-8 text of many table rows in one growing byte buffer: a row keeps a start and a length, not
 * a string, so cached text costs the garbage collector nothing (a retained string is copied by
 * every scavenge it survives and marked by every full collection after). Freed bytes are counted
 * and squeezed out, with the owner's help, once they are half of what is in use.
 *
 * @example
 * ```ts
 * const pool = new TextPool(owner);
 * const start = pool.write('hello');
 * pool.read(start, pool.written); // 'hello'
 * ```
 */
export class TextPool {
  /** Bytes the last `write` stored (of its first text, for `writePair`). */
  public written = 0;
  /** Bytes of the second text the last `writePair` stored. */
  public writtenSecond = 0;
  private bytes: Buffer;
  /** Where the region being written starts: 0, or with `keepSpare` the start of either half. */
  private base = 0;
  /** Where that region ends: the buffer's end, or with `keepSpare` the end of its half. */
  private limit: number;
  private end = 0;
  private garbage = 0;

  public constructor(
    private readonly owner: TextPoolOwner,
    initialBytes = 256,
    /**
     * A squeezed pool holds this many times its live bytes: more copies less often (each byte
     * written is copied about 1 / (slack - 1) times), less keeps the pool smaller.
     */
    private readonly slack = 1.5,
    /**
     * One buffer of two halves: a squeeze copies the live text into the other half instead of a
     * new buffer. Writing into pages never touched costs a page fault per 4 KiB, about 30 ns per
     * 84-byte message, and a copy within one buffer (`copyWithin`) costs less than half what
     * `Buffer#copy` between two does per segment. For pools that squeeze often (messages); the
     * second half costs its memory.
     */
    private readonly keepSpare = false,
  ) {
    this.bytes = Buffer.allocUnsafe(keepSpare ? initialBytes * 2 : initialBytes);
    this.limit = initialBytes;
  }

  /** Bytes held, live or freed. */
  public get used(): number {
    return this.end - this.base;
  }

  /**
   * Stores `value` (cut at `maxBytes` on a character boundary) and returns its start; its length in
   * bytes is then in `written`. The owner's stored starts may change during the call (a squeeze).
   */
  public write(value: string, maxBytes = Number.POSITIVE_INFINITY): number {
    // Room for the worst case (3 bytes per UTF-16 unit) without measuring first; what is not used
    // stays at the end of the buffer and is taken back at once.
    const room = Math.min(value.length * 3, maxBytes);
    const start = this.reserve(room);
    const written = room === 0 ? 0 : utf8Write.call(this.bytes, value, start, room);
    const at = start + written;
    this.end = at;
    this.written = at - start;
    return start;
  }

  /**
   * Stores two texts one after the other (each cut at `maxBytes` on a character boundary) and
   * returns the first one's start: one segment for the owner. Their lengths are then in `written`
   * and `writtenSecond`.
   */
  public writePair(first: string, second: string, maxBytes = Number.POSITIVE_INFINITY): number {
    const firstRoom = Math.min(first.length * 3, maxBytes);
    const secondRoom = Math.min(second.length * 3, maxBytes);
    const start = this.reserve(firstRoom + secondRoom);
    const firstWritten = firstRoom === 0 ? 0 : utf8Write.call(this.bytes, first, start, firstRoom);
    const secondWritten = secondRoom === 0 ? 0 : utf8Write.call(this.bytes, second, start + firstWritten, secondRoom);
    this.end = start + firstWritten + secondWritten;
    this.written = firstWritten;
    this.writtenSecond = secondWritten;
    return start;
  }

  /** Whether the bytes at `start` spell `value`, decoding only when `value` is not ASCII. */
  public equals(start: number, length: number, value: string): boolean {
    return utf8Equals(this.bytes, start, length, value);
  }

  /** The text stored at `start`. */
  public read(start: number, length: number): string {
    return length === 0 ? '' : this.bytes.toString('utf8', start, start + length);
  }

  /** Marks `length` bytes as no longer referenced. */
  public free(length: number): void {
    this.garbage += length;
  }

  /** Forgets everything, keeping the buffer. */
  public clear(): void {
    this.base = 0;
    this.end = 0;
    this.garbage = 0;
    this.limit = this.keepSpare ? this.bytes.length / 2 : this.bytes.length;
  }

  /** A start with `bytes` free bytes after it, squeezing or growing the buffer as needed. */
  private reserve(bytes: number): number {
    if (this.end + bytes > this.limit) {
      if (this.garbage > (this.end - this.base) / 2) this.squeeze(bytes);
      if (this.end + bytes > this.limit) this.grow(bytes);
    }
    return this.end;
  }

  /** Makes room for `extra` more bytes in a larger buffer. */
  private grow(extra: number): void {
    const size = Math.max((this.limit - this.base) * 2, this.end - this.base + extra);
    if (this.keepSpare) {
      // Starts move (the live text goes to the new buffer's first half): a squeeze does that.
      this.moveInto(Buffer.allocUnsafe(size * 2), 0, size);
      return;
    }
    const next = Buffer.allocUnsafe(size);
    this.bytes.copy(next, 0, 0, this.end);
    this.bytes = next;
    this.limit = size;
  }

  /** Copies the live segments out of the freed bytes, with room for `extra` more bytes. */
  private squeeze(extra: number): void {
    const live = this.end - this.base - this.garbage;
    const size = Math.max(MIN_SQUEEZED_BYTES, Math.ceil((live + extra) * this.slack));
    if (!this.keepSpare) {
      this.moveInto(Buffer.allocUnsafe(size), 0, size);
      return;
    }
    const half = this.bytes.length / 2;
    // The other half when it is large enough and not far larger (a pool that shrank lets go).
    if (half >= size && half <= size * 2) this.moveInto(this.bytes, this.base === 0 ? half : 0, half);
    else this.moveInto(Buffer.allocUnsafe(size * 2), 0, size);
  }

  /**
   * Copies the live segments to `target` from `base` (the other half of this buffer, or a new
   * buffer) and writes from there on, up to `base + room`.
   */
  private moveInto(target: Buffer, base: number, room: number): void {
    const source = this.bytes;
    const within = target === source;
    let end = base;
    // Segments written one after another are copied as one run: one copy per run, not per row.
    let runFrom = 0;
    let runTo = 0;
    const flush = (): void => {
      if (runTo <= runFrom) return;
      const to = end - (runTo - runFrom);
      // Buffer.copy throws on a start past the source even for zero bytes; the halves never overlap.
      if (within) target.copyWithin(to, runFrom, runTo);
      else source.copy(target, to, runFrom, runTo);
    };
    this.owner.forEachSegment((start, length) => {
      if (length === 0) return end;
      if (start !== runTo || runTo === runFrom) {
        flush();
        runFrom = start;
      }
      runTo = start + length;
      const moved = end;
      end += length;
      return moved;
    });
    flush();
    this.bytes = target;
    this.base = base;
    this.limit = base + room;
    this.end = end;
    this.garbage = 0;
  }
}
