import { hashSnowflakeKey, parsedKey, parseSnowflakeKey, snowflakeKeyString } from './snowflake-key';

/** Bit 0 of a row's state byte: the row holds an entry (clear: a tombstone left by a delete). */
export const ROW_LIVE = 1;

const MIN_CAPACITY = 8;

function indexSizeFor(capacity: number): number {
  // At most half full, so linear probing stays short.
  let size = 16;
  while (size < capacity * 2) size *= 2;
  return size;
}

/**
 * Rows of entities keyed by snowflake, stored column by column in typed arrays: no object and no
 * Map entry per entity. Rows are appended in write order and deleted by tombstoning, so row order
 * is a Map's insertion order and the oldest live row is what a bounded table evicts; tombstones
 * are squeezed out (compaction) once they outnumber live rows. An open-addressing index (linear
 * probing, backward-shift deletion) maps an id to its row. Subclasses add their columns through
 * `resizeColumns`, `moveRow` and `clearRow`.
 */
export abstract class RowTable {
  /** Live rows. */
  public size = 0;
  /** Rows in use, live or tombstoned: rows are `[0, end)`. */
  public end = 0;
  /** Bumped by every compaction (rows move), so iterators can find their place again. */
  public epoch = 0;
  protected capacity: number;
  /**
   * Per row, the id's low then high half side by side: a lookup compares both, and two columns
   * were two cache lines per probe.
   */
  protected ids: Uint32Array;
  /** Per row: ROW_LIVE plus subclass flag bits. */
  protected state: Uint8Array;
  /** Index slots: row + 1, or 0 for empty. */
  private slots: Int32Array;
  private mask: number;
  /** No live row sits before `head`. */
  private head = 0;

  protected constructor(
    /** Most live rows kept; adding past it evicts the oldest. */
    public readonly limit: number,
    capacity: number,
  ) {
    this.capacity = Math.max(MIN_CAPACITY, Math.min(capacity, limit === Number.POSITIVE_INFINITY ? capacity : limit + 1));
    this.ids = new Uint32Array(this.capacity * 2);
    this.state = new Uint8Array(this.capacity);
    this.slots = new Int32Array(indexSizeFor(this.capacity));
    this.mask = this.slots.length - 1;
  }

  /** The row of an id, or -1 (also for ids that are not canonical snowflakes). */
  public rowOf(id: string): number {
    return parseSnowflakeKey(id) ? this.find(parsedKey.hi, parsedKey.lo) : -1;
  }

  /** The row of an id given as its two halves, or -1. */
  public rowOfKey(hi: number, lo: number): number {
    return this.find(hi, lo);
  }

  public hiAt(row: number): number {
    return this.ids[row * 2 + 1]!;
  }

  public loAt(row: number): number {
    return this.ids[row * 2]!;
  }

  public isLive(row: number): boolean {
    return row < this.end && (this.state[row]! & ROW_LIVE) !== 0;
  }

  public idAt(row: number): string {
    return snowflakeKeyString(this.ids[row * 2 + 1]!, this.ids[row * 2]!);
  }

  /** Makes room for `extra` more rows at once (a GUILD_CREATE's member list), sized exactly. */
  public reserve(extra: number): void {
    const needed = this.end + Math.min(extra, this.limit);
    if (needed > this.capacity) this.resize(needed);
  }

  /** Forgets every row, keeping the allocated columns. */
  public clear(): void {
    this.state.fill(0, 0, this.end);
    this.slots.fill(0);
    this.size = 0;
    this.end = 0;
    this.head = 0;
    this.epoch++;
    this.afterEmpty();
  }

  /** Deletes a live row (a tombstone until the next compaction). */
  public remove(row: number): void {
    if (!this.isLive(row)) return;
    this.unindex(row);
    this.state[row] = 0;
    this.clearRow(row);
    this.size--;
    if (row === this.head) this.head++;
    if (this.size === 0) {
      this.end = 0;
      this.head = 0;
      this.afterEmpty();
    } else if (this.end - this.size > 32 && this.end - this.size > this.size) {
      this.compact();
    }
  }

  protected find(hi: number, lo: number): number {
    const mask = this.mask;
    let slot = hashSnowflakeKey(hi, lo) & mask;
    for (;;) {
      const entry = this.slots[slot]!;
      if (entry === 0) return -1;
      const row = entry - 1;
      if (this.ids[row * 2] === lo && this.ids[row * 2 + 1] === hi) return row;
      slot = (slot + 1) & mask;
    }
  }

  /**
   * Appends a new live row for an id that is not in the table, evicting the oldest row first when
   * the table is full. The caller fills the subclass columns.
   */
  protected append(hi: number, lo: number): number {
    if (this.size >= this.limit) this.remove(this.evictionVictim());
    if (this.end === this.capacity) {
      // Reuse tombstoned space before growing.
      if (this.end - this.size >= this.end / 4) this.compact();
      else this.resize(this.capacity * 2);
    }
    const row = this.end++;
    this.ids[row * 2] = lo;
    this.ids[row * 2 + 1] = hi;
    this.state[row] = ROW_LIVE;
    this.size++;
    this.insertIndex(row);
    return row;
  }

  /** The row a full table evicts: the oldest live one unless a subclass keeps some rows. */
  protected evictionVictim(): number {
    return this.oldest();
  }

  /** The oldest live row, or -1 when empty. */
  protected oldest(): number {
    while (this.head < this.end && (this.state[this.head]! & ROW_LIVE) === 0) this.head++;
    return this.head < this.end ? this.head : -1;
  }

  /** Grows or shrinks every column to `capacity` rows (at least `end`). */
  protected resize(capacity: number): void {
    const next = Math.max(MIN_CAPACITY, capacity, this.end);
    this.ids = copyInto(new Uint32Array(next * 2), this.ids, this.end * 2);
    this.state = copyInto(new Uint8Array(next), this.state, this.end);
    this.resizeColumns(next, this.end);
    this.capacity = next;
    this.rebuildIndex();
  }

  /** Moves every live row down over the tombstones, keeping order, and rebuilds the index. */
  protected compact(): void {
    let to = 0;
    for (let from = 0; from < this.end; from++) {
      if ((this.state[from]! & ROW_LIVE) === 0) continue;
      if (from !== to) {
        this.ids[to * 2] = this.ids[from * 2]!;
        this.ids[to * 2 + 1] = this.ids[from * 2 + 1]!;
        this.state[to] = this.state[from]!;
        this.moveRow(from, to);
      }
      to++;
    }
    this.state.fill(0, to, this.end);
    this.end = to;
    this.head = 0;
    this.epoch++;
    this.afterCompact();
    this.rebuildIndex();
  }

  /** Copies the subclass columns into arrays of `capacity` rows; rows `[0, used)` hold data. */
  protected abstract resizeColumns(capacity: number, used: number): void;
  /** Copies the subclass columns of row `from` to row `to` (`to < from`; `to` is free). */
  protected abstract moveRow(from: number, to: number): void;
  /** Forgets what a deleted row referenced outside its columns (sparse maps, pooled bytes). */
  protected abstract clearRow(row: number): void;
  /** After a compaction: squeeze pooled side storage too. */
  protected abstract afterCompact(): void;
  /** When the last row went: reset pooled side storage. */
  protected abstract afterEmpty(): void;

  private insertIndex(row: number): void {
    const mask = this.mask;
    let slot = hashSnowflakeKey(this.ids[row * 2 + 1]!, this.ids[row * 2]!) & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = row + 1;
  }

  private unindex(row: number): void {
    const mask = this.mask;
    let hole = hashSnowflakeKey(this.ids[row * 2 + 1]!, this.ids[row * 2]!) & mask;
    while (this.slots[hole] !== row + 1) hole = (hole + 1) & mask;
    // Backward-shift deletion: pull later entries of the probe run into the hole when their home
    // slot allows it, so lookups never need tombstones in the index.
    let next = hole;
    for (;;) {
      next = (next + 1) & mask;
      const entry = this.slots[next]!;
      if (entry === 0) break;
      const home = hashSnowflakeKey(this.ids[entry * 2 - 1]!, this.ids[entry * 2 - 2]!) & mask;
      const between = hole <= next ? home > hole && home <= next : home > hole || home <= next;
      if (!between) {
        this.slots[hole] = entry;
        hole = next;
      }
    }
    this.slots[hole] = 0;
  }

  private rebuildIndex(): void {
    const size = indexSizeFor(this.capacity);
    if (size !== this.slots.length) {
      this.slots = new Int32Array(size);
      this.mask = size - 1;
    } else {
      this.slots.fill(0);
    }
    for (let row = 0; row < this.end; row++) if ((this.state[row]! & ROW_LIVE) !== 0) this.insertIndex(row);
  }
}

/** `target` with the first `used` elements of `source` copied in. */
export function copyInto<T extends Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array>(target: T, source: T, used: number): T {
  target.set(source.subarray(0, Math.min(used, target.length)) as never);
  return target;
}
