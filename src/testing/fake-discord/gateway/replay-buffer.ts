/**
 * The dispatches a session may replay on resume. Sequence numbers are consecutive per session, so
 * frame `s` lives at `s % capacity`: pushing is one array store, with no per-event allocation.
 */
export class ReplayBuffer {
  private readonly frames: (string | undefined)[];
  private last = 0;

  public constructor(private readonly capacity: number) {
    this.frames = new Array<string | undefined>(capacity);
  }

  /** Sequence number of the newest stored frame (0 before the first). */
  public get lastSeq(): number {
    return this.last;
  }

  /** The oldest sequence number still held. */
  public get firstSeq(): number {
    return Math.max(1, this.last - this.capacity + 1);
  }

  /** Stores the frame carrying sequence `seq`, which must be `lastSeq + 1`. */
  public push(seq: number, frame: string): void {
    this.frames[seq % this.capacity] = frame;
    this.last = seq;
  }

  /** True when every dispatch after `seq` is still held. */
  public canReplayAfter(seq: number): boolean {
    return seq <= this.last && seq + 1 >= this.firstSeq;
  }

  /** Frames with a sequence number greater than `seq`, oldest first. */
  public framesAfter(seq: number): string[] {
    const out: string[] = [];
    for (let s = seq + 1; s <= this.last; s += 1) {
      const frame = this.frames[s % this.capacity];
      if (frame !== undefined) out.push(frame);
    }
    return out;
  }
}
