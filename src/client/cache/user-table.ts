import type { Snowflake } from '../../snowflake';
import type { CachedUser } from './cached-entities';
import { copyInto, ROW_LIVE, RowTable } from './row-table';
import { parsedKey, parseSnowflakeKey } from './snowflake-key';
import { TextPool, type TextPoolOwner } from './text-pool';

/** The user fields the table reads (`APIUser` and the full users in member payloads). */
export interface UserPayload {
  readonly id: string;
  readonly username: string;
  readonly global_name?: string | null | undefined;
  readonly avatar: string | null;
  readonly bot?: boolean | undefined;
}

const BOT = 2;
/** The avatar is a hash kept as 16 bytes. */
const AVATAR_HASH = 4;
/** ... with Discord's `a_` prefix for animated avatars. */
const AVATAR_ANIMATED = 8;
/** The avatar is not a plain hash and sits in the sparse text map. */
const AVATAR_TEXT = 16;
/** Never dropped when its last reference goes (the bot itself). */
const PINNED = 32;
const NO_GLOBAL_NAME = 0xffff;
const MAX_TEXT_BYTES = 0xfffe;
/**
 * Rows whose last written payload strings are remembered (direct-mapped by row). Rows are numbered
 * in the order users are first met, so the busiest authors, met first, mostly get slots of their own.
 */
const MEMO_SLOTS = 1024;
/** A memo slot's four entries, side by side (one or two cache lines): row, username, global name, avatar. */
const MEMO_ROW = 0;
const MEMO_NAME = 1;
const MEMO_GLOBAL = 2;
const MEMO_AVATAR = 3;

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** Value of a lower-case hex digit by char code, -1 for anything else (Discord's hashes are lower case). */
const HEX_VALUE = new Int8Array(256).fill(-1);
for (let digit = 0; digit < 16; digit++) HEX_VALUE[digit.toString(16).charCodeAt(0)] = digit;

/**
 * Every cached user once, however many guilds they share with the bot: ids as two Uint32 halves,
 * username and global name as UTF-8 in one byte pool (start plus two lengths per user), the avatar
 * hash as 16 bytes (odd avatars in a sparse map), bot and animated as state bits, and a count of
 * the cached members and messages referring to the user (the store drops a user with its last
 * reference, so users do not outlive the guilds and messages they came with). About 50 bytes a
 * user against ~200 for an object with three strings.
 */
export class UserTable extends RowTable implements TextPoolOwner {
  private textStart: Uint32Array;
  private nameBytes: Uint16Array;
  private globalBytes: Uint16Array;
  private avatarBytes: Uint8Array;
  private readonly text: TextPool;
  private readonly avatarTexts = new Map<number, string>();
  /** Per row: cached members and messages that refer to the user (see `retainRow`). */
  private refs: Uint32Array;
  /**
   * The payload strings last written to a row, so refreshing an unchanged user (every message's
   * author) is three string comparisons instead of comparing names byte by byte against the pool
   * and decoding the avatar's hex. Slot `row % MEMO_SLOTS` is valid while its row entry names the row:
   * any other write to the row, its removal or a compaction forgets it. A few thousand strings
   * retained at most, so the garbage collector hardly notices them.
   */
  private readonly memo: (number | string | null)[] = Array.from({ length: MEMO_SLOTS * 4 }, (_, i) => (i % 4 === MEMO_ROW ? -1 : null));
  /** The row `setRowKey` last wrote: a message's author is usually released (an old message of theirs evicted) right after. */
  private lastRow = -1;

  public constructor(limit: number, capacity = 0) {
    super(limit, capacity);
    this.textStart = new Uint32Array(this.capacity);
    this.nameBytes = new Uint16Array(this.capacity);
    this.globalBytes = new Uint16Array(this.capacity);
    this.avatarBytes = new Uint8Array(this.capacity * 16);
    this.text = new TextPool(this, Math.max(256, this.capacity * 16));
    this.refs = new Uint32Array(this.capacity);
  }

  /**
   * Caches a new user (evicting the oldest when full) or refreshes a cached one in place, which
   * keeps its place in the eviction order as the Map-based cache did. Ids that are not snowflakes
   * are ignored. Returns whether the user is now cached.
   */
  public set(user: UserPayload): boolean {
    return this.setRow(user) >= 0;
  }

  /** `set`, giving the user's row (-1 for an id that is not a snowflake), valid until the next write. */
  public setRow(user: UserPayload): number {
    return parseSnowflakeKey(user.id) ? this.setRowKey(parsedKey.hi, parsedKey.lo, user) : -1;
  }

  /** `setRow` for a user whose id the caller has already read into its halves. */
  public setRowKey(hi: number, lo: number, user: UserPayload): number {
    let row = this.find(hi, lo);
    const username = user.username;
    const globalName = user.global_name ?? null;
    const avatar = user.avatar;
    if (row < 0) {
      row = this.append(hi, lo);
      this.nameBytes[row] = 0;
      this.globalBytes[row] = NO_GLOBAL_NAME;
      // A reused row number still holds its last occupant's text start, maybe past the pool's end now.
      this.textStart[row] = 0;
      this.refs[row] = 0;
    } else {
      const memo = this.memo;
      const at = (row & (MEMO_SLOTS - 1)) * 4;
      if (memo[at + MEMO_ROW] === row && memo[at + MEMO_NAME] === username && memo[at + MEMO_GLOBAL] === globalName && memo[at + MEMO_AVATAR] === avatar) {
        this.state[row] = user.bot === true ? this.state[row]! | BOT : this.state[row]! & ~BOT;
        this.lastRow = row;
        return row;
      }
    }
    this.writeText(row, username, globalName);
    this.writeAvatar(row, avatar);
    this.state[row] = user.bot === true ? this.state[row]! | BOT : this.state[row]! & ~BOT;
    this.remember(row, username, globalName, avatar);
    this.lastRow = row;
    return row;
  }

  /** Counts one more cached member or message referring to the user of `row`. */
  public retainRow(row: number): void {
    if (this.isLive(row)) this.refs[row]!++;
  }

  /**
   * Counts one reference less; the user goes with the last one unless pinned. A user cached
   * without references (none were counted, or evicted and met again) is left alone.
   */
  public release(id: string): void {
    if (parseSnowflakeKey(id)) this.releaseKey(parsedKey.hi, parsedKey.lo);
  }

  /** `release` by the id's two halves. */
  public releaseKey(hi: number, lo: number): void {
    const last = this.lastRow;
    const row = last >= 0 && last < this.end && this.ids[last * 2] === lo && this.ids[last * 2 + 1] === hi && (this.state[last]! & ROW_LIVE) !== 0 ? last : this.find(hi, lo);
    if (row < 0 || this.refs[row] === 0) return;
    if (--this.refs[row]! === 0 && (this.state[row]! & PINNED) === 0) this.remove(row);
  }

  /**
   * The `users` limit passes over a pinned user (the bot's own) to the oldest of the others, so the
   * bot stays in `cache.users` however many users it meets.
   */
  protected override evictionVictim(): number {
    let row = this.oldest();
    while (row >= 0 && row < this.end && (!this.isLive(row) || (this.state[row]! & PINNED) !== 0)) row++;
    return row < this.end ? row : this.oldest();
  }

  /** Keeps a cached user whatever its references and the `users` limit (the bot's own user). */
  public pin(id: string): void {
    const row = this.rowOf(id);
    if (row >= 0) this.state[row]! |= PINNED;
  }

  /** Refreshes a cached user from a partial one (PRESENCE_UPDATE); unknown users are not added. */
  public patch(user: Partial<UserPayload> & { readonly id: string }): void {
    const row = this.rowOf(user.id);
    if (row < 0) return;
    const username = user.username ?? this.usernameAt(row);
    const globalName = user.global_name === undefined ? this.globalNameAt(row) : user.global_name;
    this.forget(row);
    this.writeText(row, username, globalName);
    if (user.avatar !== undefined) this.writeAvatar(row, user.avatar);
    if (user.bot !== undefined) this.state[row] = user.bot ? this.state[row]! | BOT : this.state[row]! & ~BOT;
  }

  public delete(id: string): boolean {
    const row = this.rowOf(id);
    if (row < 0) return false;
    this.remove(row);
    return true;
  }

  /** A fresh `CachedUser` with the row's current values; `id` saves re-spelling a known id. */
  public materialise(row: number, id?: string): CachedUser {
    return {
      id: (id ?? this.idAt(row)) as Snowflake,
      username: this.usernameAt(row),
      globalName: this.globalNameAt(row),
      avatar: this.avatarAt(row),
      bot: (this.state[row]! & BOT) !== 0,
    };
  }

  protected resizeColumns(capacity: number, used: number): void {
    this.textStart = copyInto(new Uint32Array(capacity), this.textStart, used);
    this.nameBytes = copyInto(new Uint16Array(capacity), this.nameBytes, used);
    this.globalBytes = copyInto(new Uint16Array(capacity), this.globalBytes, used);
    this.avatarBytes = copyInto(new Uint8Array(capacity * 16), this.avatarBytes, used * 16);
    this.refs = copyInto(new Uint32Array(capacity), this.refs, used);
  }

  protected moveRow(from: number, to: number): void {
    this.forget(from);
    this.forget(to);
    this.textStart[to] = this.textStart[from]!;
    this.nameBytes[to] = this.nameBytes[from]!;
    this.globalBytes[to] = this.globalBytes[from]!;
    this.refs[to] = this.refs[from]!;
    this.avatarBytes.copyWithin(to * 16, from * 16, from * 16 + 16);
    const avatar = this.avatarTexts.get(from);
    if (avatar !== undefined) {
      this.avatarTexts.delete(from);
      this.avatarTexts.set(to, avatar);
    }
  }

  public forEachSegment(move: (start: number, length: number) => number): void {
    for (let row = 0; row < this.end; row++) if (this.isLive(row)) this.textStart[row] = move(this.textStart[row]!, this.segmentBytes(row));
  }

  protected clearRow(row: number): void {
    this.forget(row);
    if (this.lastRow === row) this.lastRow = -1;
    this.text.free(this.segmentBytes(row));
    this.nameBytes[row] = 0;
    this.globalBytes[row] = NO_GLOBAL_NAME;
    this.refs[row] = 0;
    this.avatarTexts.delete(row);
  }

  protected afterCompact(): void {
    // The pool squeezes out the names of dropped users when it next needs room.
    this.lastRow = -1;
  }

  protected afterEmpty(): void {
    this.text.clear();
    this.avatarTexts.clear();
    for (let at = 0; at < this.memo.length; at += 4) this.memo[at + MEMO_ROW] = -1;
    this.lastRow = -1;
  }

  private remember(row: number, username: string, globalName: string | null, avatar: string | null): void {
    const at = (row & (MEMO_SLOTS - 1)) * 4;
    this.memo[at + MEMO_ROW] = row;
    this.memo[at + MEMO_NAME] = username;
    this.memo[at + MEMO_GLOBAL] = globalName;
    this.memo[at + MEMO_AVATAR] = avatar;
  }

  private forget(row: number): void {
    const at = (row & (MEMO_SLOTS - 1)) * 4 + MEMO_ROW;
    if (this.memo[at] === row) this.memo[at] = -1;
  }

  private usernameAt(row: number): string {
    return this.text.read(this.textStart[row]!, this.nameBytes[row]!);
  }

  private globalNameAt(row: number): string | null {
    const length = this.globalBytes[row]!;
    if (length === NO_GLOBAL_NAME) return null;
    return this.text.read(this.textStart[row]! + this.nameBytes[row]!, length);
  }

  private avatarAt(row: number): string | null {
    const state = this.state[row]!;
    if ((state & AVATAR_TEXT) !== 0) return this.avatarTexts.get(row) ?? null;
    if ((state & AVATAR_HASH) === 0) return null;
    let hash = (state & AVATAR_ANIMATED) !== 0 ? 'a_' : '';
    for (let i = row * 16; i < row * 16 + 16; i++) hash += HEX[this.avatarBytes[i]!]!;
    return hash;
  }

  private segmentBytes(row: number): number {
    const global = this.globalBytes[row]!;
    return this.nameBytes[row]! + (global === NO_GLOBAL_NAME ? 0 : global);
  }

  private writeText(row: number, username: string, globalName: string | null): void {
    const start = this.textStart[row]!;
    const oldName = this.nameBytes[row]!;
    const oldGlobal = this.globalBytes[row]!;
    // No decoding: the common refresh (a message's author) changes nothing.
    if (
      this.text.equals(start, oldName, username) &&
      (globalName === null ? oldGlobal === NO_GLOBAL_NAME : oldGlobal !== NO_GLOBAL_NAME && this.text.equals(start + oldName, oldGlobal, globalName))
    ) {
      return;
    }
    this.text.free(this.segmentBytes(row));
    // Not a live segment while the new names are written (a squeeze then would copy it).
    this.nameBytes[row] = 0;
    this.globalBytes[row] = NO_GLOBAL_NAME;
    // Past the column's limit the cut falls on a character boundary, so the lengths kept are what
    // was written.
    this.textStart[row] = this.text.writePair(username, globalName ?? '', MAX_TEXT_BYTES);
    this.nameBytes[row] = this.text.written;
    this.globalBytes[row] = globalName === null ? NO_GLOBAL_NAME : this.text.writtenSecond;
  }

  private writeAvatar(row: number, avatar: string | null): void {
    const previous = this.state[row]!;
    const state = previous & ~(AVATAR_HASH | AVATAR_ANIMATED | AVATAR_TEXT);
    // Only odd avatars sit in the sparse map: most refreshes need no map lookup.
    if ((previous & AVATAR_TEXT) !== 0) this.avatarTexts.delete(row);
    if (avatar === null) {
      this.state[row] = state;
      return;
    }
    const offset = avatar.length === 34 && avatar.startsWith('a_') ? 2 : 0;
    if (avatar.length - offset === 32) {
      let ok = true;
      const base = row * 16;
      for (let i = 0; i < 16; i++) {
        // Char codes past 255 index out of the table: undefined, caught by the `>= 0` tests.
        const high = HEX_VALUE[avatar.charCodeAt(offset + i * 2)]!;
        const low = HEX_VALUE[avatar.charCodeAt(offset + i * 2 + 1)]!;
        if (!(high >= 0 && low >= 0)) {
          ok = false;
          break;
        }
        this.avatarBytes[base + i] = (high << 4) | low;
      }
      if (ok) {
        this.state[row] = state | AVATAR_HASH | (offset === 2 ? AVATAR_ANIMATED : 0);
        return;
      }
    }
    this.avatarTexts.set(row, avatar);
    this.state[row] = state | AVATAR_TEXT;
  }
}
