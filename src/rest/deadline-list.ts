/** One pending deadline; `cancel()` is O(1). */
export interface Deadline {
  cancel(): void;
}

export interface Lane {
  entries: Array<Entry | undefined>;
  head: number;
  timer: NodeJS.Timeout | undefined;
}

/** A class rather than an object with a `cancel` closure: one allocation per deadline, not two. */
class Entry implements Deadline {
  public constructor(
    public readonly at: number,
    public fire: (() => void) | undefined,
    private readonly list: DeadlineList,
    private readonly lane: Lane,
  ) {}

  public cancel(): void {
    this.fire = undefined;
    // Attempts mostly finish in start order: dropping the dead prefix keeps the lane short.
    this.list.trim(this.lane);
  }
}

/**
 * Per-attempt timeouts without a timer per attempt. Attempts with the same timeout reach their
 * deadlines in the order they started, so each distinct duration gets one FIFO lane and one
 * unref'ed timer armed for the lane's oldest live entry. Thousands of attempts in flight cost one
 * timer, and a finished attempt only flags its entry; setTimeout and clearTimeout per attempt showed
 * up as several percent of the client's CPU in the benchmark.
 */
export class DeadlineList {
  private readonly lanes = new Map<number, Lane>();

  /** Calls `fire` once `ms` have passed, unless cancelled first. */
  public add(ms: number, fire: () => void): Deadline {
    let lane = this.lanes.get(ms);
    if (lane === undefined) {
      lane = { entries: [], head: 0, timer: undefined };
      this.lanes.set(ms, lane);
    }
    const entry = new Entry(performance.now() + ms, fire, this, lane);
    lane.entries.push(entry);
    if (lane.timer === undefined) this.arm(ms, lane, ms);
    return entry;
  }

  /** Live deadlines, for tests. */
  public get size(): number {
    let count = 0;
    for (const lane of this.lanes.values()) {
      for (let index = lane.head; index < lane.entries.length; index += 1) if (lane.entries[index]?.fire !== undefined) count += 1;
    }
    return count;
  }

  /** Stops every timer; pending deadlines never fire. */
  public clear(): void {
    for (const lane of this.lanes.values()) if (lane.timer !== undefined) clearTimeout(lane.timer);
    this.lanes.clear();
  }

  private arm(ms: number, lane: Lane, delay: number): void {
    lane.timer = setTimeout(() => this.expire(ms, lane), Math.max(0, delay));
    lane.timer.unref();
  }

  private expire(ms: number, lane: Lane): void {
    lane.timer = undefined;
    const now = performance.now();
    while (lane.head < lane.entries.length) {
      const entry = lane.entries[lane.head]!;
      if (entry.fire !== undefined && entry.at > now) break;
      lane.entries[lane.head] = undefined;
      lane.head += 1;
      const fire = entry.fire;
      entry.fire = undefined;
      fire?.();
    }
    this.compact(lane);
    if (lane.head < lane.entries.length) this.arm(ms, lane, lane.entries[lane.head]!.at - now);
    else if (this.lanes.get(ms) === lane) this.lanes.delete(ms);
  }

  /** @internal Drops the cancelled prefix of `lane` (called by an entry's `cancel()`). */
  public trim(lane: Lane): void {
    while (lane.head < lane.entries.length && lane.entries[lane.head]!.fire === undefined) {
      lane.entries[lane.head] = undefined;
      lane.head += 1;
    }
    this.compact(lane);
  }

  private compact(lane: Lane): void {
    if (lane.head === lane.entries.length) {
      lane.entries = [];
      lane.head = 0;
    } else if (lane.head > 1024 && lane.head * 2 > lane.entries.length) {
      lane.entries = lane.entries.slice(lane.head);
      lane.head = 0;
    }
  }
}
