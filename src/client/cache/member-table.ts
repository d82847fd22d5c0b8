import type { Snowflake } from '../../snowflake';
import type { CachedMember } from './cached-entities';
import { parseIsoTime } from './iso-time';
import { copyInto, RowTable } from './row-table';
import { parsedKey, parseSnowflakeKey } from './snowflake-key';

/** The member fields the table reads, as GUILD_CREATE, GUILD_MEMBER_* and chunks carry them. */
export interface MemberPayload {
  readonly roles: readonly string[];
  readonly nick?: string | null | undefined;
  readonly avatar?: string | null | undefined;
  readonly joined_at?: string | null | undefined;
  readonly premium_since?: string | null | undefined;
  readonly communication_disabled_until?: string | null | undefined;
  readonly flags?: number | undefined;
  readonly pending?: boolean | undefined;
}

/** Gives the guild's own role id string for an id, so materialised members share it. */
export type RoleIdResolver = (id: string) => Snowflake;

/** A member's own values, read before a partial write replaces the row. */
interface KeptFields {
  readonly nick: string | undefined;
  readonly avatar: string | undefined;
  readonly joined: number;
  readonly premium: number;
  readonly timeout: number;
  readonly flags: number;
  readonly pending: boolean;
}

const PENDING = 2;
/** The member has a nick (in the sparse `nicks` map). */
const NICKED = 4;
/** A member lists each role once and a guild has at most 250; the count column is a byte. */
const MAX_MEMBER_ROLES = 255;
/** Role slots are Uint16. */
const MAX_ROLE_SLOTS = 0xffff;
const NO_ROLES: readonly Snowflake[] = Object.freeze([]) as readonly Snowflake[];
/** Recently materialised members kept per guild (direct-mapped by row), so hot reads do not allocate. */
const VIEW_SLOTS = 64;
/** Role slots of the write in progress (interned before the pool is touched). */
const slotScratch = new Int32Array(MAX_MEMBER_ROLES);

function timeOf(iso: string | null | undefined): number {
  return iso === null || iso === undefined ? Number.NaN : parseIsoTime(iso);
}

function nullIfNaN(value: number | undefined): number | null {
  return value === undefined || Number.isNaN(value) ? null : value;
}

/**
 * One guild's members, column by column: ids as two Uint32 halves, timestamps in Float64Arrays
 * (NaN for null; the premium and timeout columns exist only once some member has a value), flags
 * in a Uint32Array allocated on the first non-zero value, pending as a state bit, roles as Uint16
 * slots of the guild's role table packed in one pool with a start and count per member, and
 * nick and avatar (set for few members) in sparse maps by row. About 30 bytes a member plus
 * two bytes per role, against several hundred for an object per member.
 */
export class MemberTable extends RowTable {
  private joined: Float64Array;
  private premium: Float64Array | null = null;
  private timeout: Float64Array | null = null;
  private flagBits: Uint32Array | null = null;
  private roleStart: Uint32Array;
  private roleCount: Uint8Array;
  private rolePool: Uint16Array;
  private rolePoolEnd = 0;
  /** Pool entries no member points at any more (freed or outgrown role lists). */
  private roleGarbage = 0;
  private readonly nicks = new Map<number, string>();
  private readonly avatars = new Map<number, string>();
  /** Role table: slot -> the guild's role id string; slots freed by GUILD_ROLE_DELETE are reused. */
  private readonly roleIds: (Snowflake | undefined)[] = [];
  private readonly roleSlots = new Map<string, number>();
  private readonly freeRoleSlots: number[] = [];
  /** Row of each view slot (-1 empty); allocated on the first read, so a cache nobody reads costs nothing. */
  private viewRows: Int32Array | null = null;
  private views: (CachedMember | undefined)[] = [];
  /** Whether the last `set` cached a member that was not cached before. */
  public lastSetAdded = false;
  /** Set while `set` moves a member to the back: the member stays, `onRemove` must not hear of it. */
  private moving = false;

  public constructor(limit: number, capacity = 0, private readonly onRemove?: (hi: number, lo: number) => void) {
    super(limit, capacity);
    this.joined = new Float64Array(this.capacity).fill(Number.NaN);
    this.roleStart = new Uint32Array(this.capacity);
    this.roleCount = new Uint8Array(this.capacity);
    this.rolePool = new Uint16Array(Math.max(16, this.capacity * 2));
  }

  /**
   * Caches or replaces a member from its payload. With a finite limit a write moves the member to
   * the back of the eviction order, as `BoundedMap.set` does; ids that are not snowflakes are
   * ignored. With `keepAbsent` (GUILD_MEMBER_UPDATE, which leaves out what did not change) a field
   * the payload does not carry keeps its cached value, while `null` still clears it; without it
   * (full member objects) every field is replaced. Returns whether the member is now cached.
   */
  public set(userId: string, member: MemberPayload, resolveRole: RoleIdResolver, keepAbsent = false): boolean {
    this.lastSetAdded = false;
    if (!parseSnowflakeKey(userId)) return false;
    const { hi, lo } = parsedKey;
    let row = this.find(hi, lo);
    this.lastSetAdded = row < 0;
    // Read before a move to the back clears the row.
    const kept = keepAbsent && row >= 0 ? this.fieldsAt(row) : undefined;
    if (row >= 0 && this.limit !== Number.POSITIVE_INFINITY) {
      this.moving = true;
      this.remove(row);
      this.moving = false;
      row = -1;
    }
    if (row < 0) {
      row = this.append(hi, lo);
      // A reused row number (after a compaction or clear) still holds its last occupant's role
      // list position, which may now belong to another member.
      this.roleCount[row] = 0;
    }
    this.writeRoles(row, member.roles, resolveRole);
    this.setNick(row, member.nick === undefined && kept !== undefined ? kept.nick : member.nick);
    this.setSparse(this.avatars, row, member.avatar === undefined && kept !== undefined ? kept.avatar : member.avatar);
    this.joined[row] = member.joined_at === undefined && kept !== undefined ? kept.joined : timeOf(member.joined_at);
    this.writePremium(row, member.premium_since === undefined && kept !== undefined ? kept.premium : timeOf(member.premium_since));
    const timeout = member.communication_disabled_until;
    this.writeTimeout(row, timeout === undefined && kept !== undefined ? kept.timeout : timeOf(timeout));
    this.writeFlags(row, member.flags ?? kept?.flags ?? 0);
    const pending = member.pending ?? kept?.pending ?? false;
    this.state[row] = pending ? this.state[row]! | PENDING : this.state[row]! & ~PENDING;
    this.forgetView(row);
    return true;
  }

  /**
   * Refreshes nick and roles of a cached member in place (MESSAGE_CREATE carries a partial
   * member): no move in the eviction order, no write when nothing changed. Returns false when the
   * member is not cached.
   */
  public patchNickAndRoles(userId: string, nick: string | null | undefined, roles: readonly string[], resolveRole: RoleIdResolver): boolean {
    return parseSnowflakeKey(userId) && this.patchNickAndRolesKey(parsedKey.hi, parsedKey.lo, nick, roles, resolveRole);
  }

  /** `patchNickAndRoles` for a user id the caller has already read into its halves. */
  public patchNickAndRolesKey(hi: number, lo: number, nick: string | null | undefined, roles: readonly string[], resolveRole: RoleIdResolver): boolean {
    const row = this.find(hi, lo);
    if (row < 0) return false;
    // A partial member without `nick` says nothing about it; `null` clears it. The state bit
    // answers for members without a nick (most) without a lookup in the nick map.
    if (nick !== undefined && (nick === null ? (this.state[row]! & NICKED) !== 0 : this.nicks.get(row) !== nick)) {
      this.setNick(row, nick);
      this.forgetView(row);
    }
    if (!this.sameRoles(row, roles)) {
      this.writeRoles(row, roles, resolveRole);
      this.forgetView(row);
    }
    return true;
  }

  /** Removes a role from every member and frees its slot (GUILD_ROLE_DELETE). */
  public removeRole(roleId: string): void {
    const slot = this.roleSlots.get(roleId);
    if (slot === undefined) return;
    for (let row = 0; row < this.end; row++) {
      if (!this.isLive(row)) continue;
      const start = this.roleStart[row]!;
      const count = this.roleCount[row]!;
      let kept = 0;
      for (let i = 0; i < count; i++) {
        const value = this.rolePool[start + i]!;
        if (value !== slot) this.rolePool[start + kept++] = value;
      }
      if (kept !== count) {
        this.roleCount[row] = kept;
        this.roleGarbage += count - kept;
      }
    }
    this.roleSlots.delete(roleId);
    this.roleIds[slot] = undefined;
    this.freeRoleSlots.push(slot);
    this.forgetViews();
  }

  public delete(userId: string): boolean {
    const row = this.rowOf(userId);
    if (row < 0) return false;
    this.remove(row);
    return true;
  }

  /**
   * The row's current values as a `CachedMember`; `id` saves re-spelling a known id. A member read
   * again before any write to it is the same object (every write forgets its view), so views are
   * shared between readers: they are frozen, roles list included, so a plain-JS caller that writes
   * to one gets a TypeError in strict code (silently nothing otherwise) instead of changing what
   * every other reader sees.
   */
  public materialise(row: number, id?: string): CachedMember {
    if (this.viewRows === null) {
      this.viewRows = new Int32Array(VIEW_SLOTS).fill(-1);
      this.views = new Array<CachedMember | undefined>(VIEW_SLOTS);
    }
    const slot = row & (VIEW_SLOTS - 1);
    if (this.viewRows[slot] === row) return this.views[slot]!;
    const member: CachedMember = Object.freeze({
      userId: (id ?? this.idAt(row)) as Snowflake,
      nick: this.nicks.get(row) ?? null,
      avatar: this.avatars.get(row) ?? null,
      roles: this.rolesAt(row),
      joinedAt: nullIfNaN(this.joined[row]),
      premiumSince: this.premium === null ? null : nullIfNaN(this.premium[row]),
      communicationDisabledUntil: this.timeout === null ? null : nullIfNaN(this.timeout[row]),
      flags: this.flagBits === null ? 0 : this.flagBits[row]!,
      pending: (this.state[row]! & PENDING) !== 0,
    });
    this.viewRows[slot] = row;
    this.views[slot] = member;
    return member;
  }

  /** The row's scalar fields as stored (NaN for a null time), for a partial write to keep. */
  private fieldsAt(row: number): KeptFields {
    return {
      nick: this.nicks.get(row),
      avatar: this.avatars.get(row),
      joined: this.joined[row]!,
      premium: this.premium === null ? Number.NaN : this.premium[row]!,
      timeout: this.timeout === null ? Number.NaN : this.timeout[row]!,
      flags: this.flagBits === null ? 0 : this.flagBits[row]!,
      pending: (this.state[row]! & PENDING) !== 0,
    };
  }

  protected resizeColumns(capacity: number, used: number): void {
    this.joined = copyInto(new Float64Array(capacity).fill(Number.NaN), this.joined, used);
    if (this.premium !== null) this.premium = copyInto(new Float64Array(capacity).fill(Number.NaN), this.premium, used);
    if (this.timeout !== null) this.timeout = copyInto(new Float64Array(capacity).fill(Number.NaN), this.timeout, used);
    if (this.flagBits !== null) this.flagBits = copyInto(new Uint32Array(capacity), this.flagBits, used);
    this.roleStart = copyInto(new Uint32Array(capacity), this.roleStart, used);
    this.roleCount = copyInto(new Uint8Array(capacity), this.roleCount, used);
  }

  protected moveRow(from: number, to: number): void {
    this.joined[to] = this.joined[from]!;
    if (this.premium !== null) this.premium[to] = this.premium[from]!;
    if (this.timeout !== null) this.timeout[to] = this.timeout[from]!;
    if (this.flagBits !== null) this.flagBits[to] = this.flagBits[from]!;
    this.roleStart[to] = this.roleStart[from]!;
    this.roleCount[to] = this.roleCount[from]!;
    moveSparse(this.nicks, from, to);
    moveSparse(this.avatars, from, to);
  }

  protected clearRow(row: number): void {
    if (!this.moving) this.onRemove?.(this.ids[row * 2 + 1]!, this.ids[row * 2]!);
    this.forgetView(row);
    this.roleGarbage += this.roleCount[row]!;
    this.roleCount[row] = 0;
    this.nicks.delete(row);
    this.avatars.delete(row);
    // Compaction leaves rows past `end` as they were; a reused row must not inherit values.
    this.joined[row] = Number.NaN;
    if (this.premium !== null) this.premium[row] = Number.NaN;
    if (this.timeout !== null) this.timeout[row] = Number.NaN;
    if (this.flagBits !== null) this.flagBits[row] = 0;
  }

  protected afterCompact(): void {
    // Rows moved: a view slot may now name another member's row.
    this.forgetViews();
    if (this.roleGarbage > this.rolePoolEnd / 2) this.compactRolePool(0);
  }

  protected afterEmpty(): void {
    this.forgetViews();
    this.rolePoolEnd = 0;
    this.roleGarbage = 0;
    this.nicks.clear();
    this.avatars.clear();
  }

  private forgetView(row: number): void {
    if (this.viewRows !== null && this.viewRows[row & (VIEW_SLOTS - 1)] === row) {
      this.viewRows[row & (VIEW_SLOTS - 1)] = -1;
      this.views[row & (VIEW_SLOTS - 1)] = undefined;
    }
  }

  private forgetViews(): void {
    if (this.viewRows === null) return;
    this.viewRows.fill(-1);
    this.views.fill(undefined);
  }

  private setNick(row: number, nick: string | null | undefined): void {
    this.setSparse(this.nicks, row, nick);
    this.state[row] = nick === null || nick === undefined ? this.state[row]! & ~NICKED : this.state[row]! | NICKED;
  }

  private setSparse(map: Map<number, string>, row: number, value: string | null | undefined): void {
    if (value === null || value === undefined) map.delete(row);
    else map.set(row, value);
  }

  private writePremium(row: number, value: number): void {
    if (this.premium === null) {
      if (Number.isNaN(value)) return;
      this.premium = new Float64Array(this.capacity).fill(Number.NaN);
    }
    this.premium[row] = value;
  }

  private writeTimeout(row: number, value: number): void {
    if (this.timeout === null) {
      if (Number.isNaN(value)) return;
      this.timeout = new Float64Array(this.capacity).fill(Number.NaN);
    }
    this.timeout[row] = value;
  }

  private writeFlags(row: number, value: number): void {
    if (this.flagBits === null) {
      if (value === 0) return;
      this.flagBits = new Uint32Array(this.capacity);
    }
    this.flagBits[row] = value;
  }

  private rolesAt(row: number): readonly Snowflake[] {
    const count = this.roleCount[row]!;
    if (count === 0) return NO_ROLES;
    const start = this.roleStart[row]!;
    const out = new Array<Snowflake>(count);
    for (let i = 0; i < count; i++) out[i] = this.roleIds[this.rolePool[start + i]!]!;
    return Object.freeze(out);
  }

  private sameRoles(row: number, roles: readonly string[]): boolean {
    const count = this.roleCount[row]!;
    if (count !== Math.min(roles.length, MAX_MEMBER_ROLES)) return false;
    const start = this.roleStart[row]!;
    // Each slot's role id string against the payload's: a comparison, where a lookup in roleSlots
    // hashed every fresh id string of every message's member.
    for (let i = 0; i < count; i++) if (this.roleIds[this.rolePool[start + i]!] !== roles[i]) return false;
    return true;
  }

  private writeRoles(row: number, roles: readonly string[], resolveRole: RoleIdResolver): void {
    const old = this.roleCount[row]!;
    let count = 0;
    // Slots first: interning can skip a role, and the count decides where the list goes.
    for (let i = 0; i < roles.length && count < MAX_MEMBER_ROLES; i++) {
      const slot = this.internRole(roles[i]!, resolveRole);
      if (slot >= 0) slotScratch[count++] = slot;
    }
    let start = this.roleStart[row]!;
    if (count > old) {
      this.roleGarbage += old;
      this.roleCount[row] = 0;
      start = this.allocateRoles(count);
      this.roleStart[row] = start;
    } else {
      this.roleGarbage += old - count;
    }
    for (let i = 0; i < count; i++) this.rolePool[start + i] = slotScratch[i]!;
    this.roleCount[row] = count;
  }

  /** The role's slot, taking a free one for a role not seen yet; -1 only past 65,535 distinct roles. */
  private internRole(id: string, resolveRole: RoleIdResolver): number {
    const known = this.roleSlots.get(id);
    if (known !== undefined) return known;
    const slot = this.freeRoleSlots.pop() ?? (this.roleIds.length < MAX_ROLE_SLOTS ? this.roleIds.length : -1);
    if (slot < 0) return -1;
    const shared = resolveRole(id);
    this.roleIds[slot] = shared;
    this.roleSlots.set(shared, slot);
    return slot;
  }

  private allocateRoles(count: number): number {
    if (this.rolePoolEnd + count > this.rolePool.length) {
      if (this.roleGarbage > this.rolePoolEnd / 2) this.compactRolePool(count);
      if (this.rolePoolEnd + count > this.rolePool.length) {
        const next = Math.max(this.rolePool.length * 2, this.rolePoolEnd + count);
        this.rolePool = copyInto(new Uint16Array(next), this.rolePool, this.rolePoolEnd);
      }
    }
    const start = this.rolePoolEnd;
    this.rolePoolEnd += count;
    return start;
  }

  /** Rewrites the live role lists contiguously, in row order, with room for `extra` more. */
  private compactRolePool(extra: number): void {
    const live = this.rolePoolEnd - this.roleGarbage;
    const pool = new Uint16Array(Math.max(16, live + extra, Math.ceil((live + extra) * 1.5)));
    let end = 0;
    for (let row = 0; row < this.end; row++) {
      const count = this.roleCount[row]!;
      if (count === 0 || !this.isLive(row)) continue;
      const start = this.roleStart[row]!;
      pool.set(this.rolePool.subarray(start, start + count), end);
      this.roleStart[row] = end;
      end += count;
    }
    this.rolePool = pool;
    this.rolePoolEnd = end;
    this.roleGarbage = 0;
  }
}

function moveSparse(map: Map<number, string>, from: number, to: number): void {
  const value = map.get(from);
  if (value === undefined) return;
  map.delete(from);
  map.set(to, value);
}
