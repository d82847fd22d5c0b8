import type { Snowflake } from '../../snowflake';
import { ID_HI, ID_LO, KIND, LIVE, STRIDE, type MessageLists } from './message-slot';

/** One channel's last messages: a ring of slots, oldest at `head`. */
export class ChannelRing {
  public words: Uint32Array;
  public times: Float64Array;
  /** Slots in the ring. */
  public capacity: number;
  public head = 0;
  /** Slots in use from `head`, deleted ones (holes) included. */
  public used = 0;
  public live = 0;
  /** Whether ids rise from oldest to newest (Discord's order), so a lookup can bisect. */
  public ascending = true;
  /** The highest id added since the ring was last empty: only an id up to it can be a repeat. */
  public maxHi = 0;
  public maxLo = 0;
  public lists: Map<number, MessageLists> | undefined;

  public constructor(
    public readonly id: Snowflake,
    public readonly guildId: Snowflake | null,
    slots: number,
  ) {
    const buffer = new ArrayBuffer(slots * STRIDE * 4);
    this.words = new Uint32Array(buffer);
    this.times = new Float64Array(buffer);
    this.capacity = slots;
  }

  /** The slot of the k-th message in use, oldest first. */
  public slotAt(k: number): number {
    const at = this.head + k;
    const capacity = this.capacity;
    return at < capacity ? at : at - capacity;
  }

  /** The slot holding this id, or -1. */
  public find(hi: number, lo: number): number {
    const words = this.words;
    if (this.ascending) {
      let low = 0;
      let high = this.used - 1;
      while (low <= high) {
        const mid = (low + high) >>> 1;
        const base = this.slotAt(mid) * STRIDE;
        const midHi = words[base + ID_HI]!;
        const midLo = words[base + ID_LO]!;
        if (midHi === hi && midLo === lo) return (words[base + KIND]! & LIVE) === 0 ? -1 : base / STRIDE;
        if (midHi < hi || (midHi === hi && midLo < lo)) low = mid + 1;
        else high = mid - 1;
      }
      return -1;
    }
    for (let k = 0; k < this.used; k++) {
      const base = this.slotAt(k) * STRIDE;
      if (words[base + ID_LO] === lo && words[base + ID_HI] === hi && (words[base + KIND]! & LIVE) !== 0) return base / STRIDE;
    }
    return -1;
  }

  /** Copies the live messages, oldest first, into `slots` fresh slots from slot 0. */
  public rebuild(slots: number): void {
    const buffer = new ArrayBuffer(slots * STRIDE * 4);
    const words = new Uint32Array(buffer);
    const times = new Float64Array(buffer);
    const lists = this.lists === undefined ? undefined : new Map<number, MessageLists>();
    let to = 0;
    for (let k = 0; k < this.used; k++) {
      const from = this.slotAt(k);
      if ((this.words[from * STRIDE + KIND]! & LIVE) === 0) continue;
      words.set(this.words.subarray(from * STRIDE, from * STRIDE + STRIDE), to * STRIDE);
      const carried = this.lists?.get(from);
      if (carried !== undefined) lists!.set(to, carried);
      to++;
    }
    this.words = words;
    this.times = times;
    this.capacity = slots;
    this.lists = lists !== undefined && lists.size > 0 ? lists : undefined;
    this.head = 0;
    this.used = to;
  }
}
