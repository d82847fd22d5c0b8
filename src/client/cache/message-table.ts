import type { APIAttachment, APIEmbed, MessageType } from 'discord-api-types/v10';
import type { Snowflake } from '../../snowflake';
import type { CachedMessage } from './cached-entities';
import { parseIsoTime } from './iso-time';
import { copyInto, RowTable } from './row-table';
import { parsedKey, parseSnowflakeKey, snowflakeKeyString } from './snowflake-key';
import { TextPool, type TextPoolOwner } from './text-pool';

/** The message fields the table reads (`APIMessage` as MESSAGE_CREATE carries it). */
export interface MessagePayload {
  readonly id: string;
  readonly channel_id: string;
  readonly guild_id?: string | undefined;
  readonly author: { readonly id: string };
  readonly content: string;
  readonly type: MessageType;
  readonly timestamp: string;
  readonly edited_timestamp: string | null;
  readonly message_reference?: { readonly message_id?: string | undefined } | undefined;
  readonly attachments: readonly APIAttachment[];
  readonly embeds: readonly APIEmbed[];
}

/** The fields of a MESSAGE_UPDATE the cache reads; each may be absent (only what changed is sent). */
export interface MessagePatch {
  readonly content?: string | undefined;
  readonly edited_timestamp?: string | null | undefined;
  readonly embeds?: readonly APIEmbed[] | undefined;
  readonly attachments?: readonly APIAttachment[] | undefined;
}

/** One channel's messages: a list through the table's rows, oldest first. */
interface ChannelList {
  readonly id: Snowflake;
  readonly guildId: Snowflake | null;
  /** This list's number in `MessageTable.lists`, kept per row. */
  readonly slot: number;
  head: number;
  tail: number;
  count: number;
}

/** Per-row lists that are not empty, kept out of the columns (most messages have neither). */
interface MessageLists {
  attachments: readonly APIAttachment[];
  embeds: readonly APIEmbed[];
}

const HAS_REFERENCE = 2;
const NO_EDIT = Number.NaN;
// Content is at most 4,000 characters; the cap only guards the pool against a hostile payload.
const MAX_CONTENT_BYTES = 64 * 1024;
const NO_ATTACHMENTS: readonly APIAttachment[] = Object.freeze([]) as readonly APIAttachment[];
const NO_EMBEDS: readonly APIEmbed[] = Object.freeze([]) as readonly APIEmbed[];

/** The store's own frozen copy of a payload list: a handler editing its payload must not edit the cache. */
function ownList<T>(list: readonly T[] | undefined, empty: readonly T[]): readonly T[] {
  return list === undefined || list.length === 0 ? empty : Object.freeze(list.slice());
}

/**
 * The last messages of every channel in one table: ids, author ids and reference ids as Uint32
 * halves, times as float columns, content as UTF-8 in a byte pool, and a linked list per channel
 * through the rows for its order and limit. A cached message is no heap object at all (only
 * attachments and embeds, when a message has them), which matters because each one outlives
 * thousands of dispatches: as objects, every message was copied by the scavenges it survived,
 * promoted, and then marked by every full collection while the cache held it. `CachedMessage`
 * objects are built when read.
 */
export class MessageTable extends RowTable implements TextPoolOwner {
  /** Channels with cached messages, by id. */
  private readonly byChannel = new Map<string, ChannelList>();
  private readonly lists: Array<ChannelList | undefined> = [];
  private readonly freeSlots: number[] = [];
  private readonly pool: TextPool;
  private readonly extras = new Map<number, MessageLists>();
  private listSlot: Int32Array;
  private prev: Int32Array;
  private next: Int32Array;
  private authorHi: Uint32Array;
  private authorLo: Uint32Array;
  private referenceHi: Uint32Array;
  private referenceLo: Uint32Array;
  private created: Float64Array;
  private edited: Float64Array;
  private kind: Uint16Array;
  private textStart: Uint32Array;
  private textBytes: Uint32Array;

  public constructor(
    /** Most messages kept per channel; past it the channel's oldest goes. */
    public readonly perChannel: number,
    /** Hears of each message that leaves the table (evicted, deleted, dropped), by author id halves. */
    private readonly onRemove: (authorHi: number, authorLo: number) => void,
    /**
     * Hears of each new message, before anything is evicted for it: its author is referenced from
     * then on (an eviction first could drop the author's last reference, and the author with it).
     */
    private readonly onAdd: () => void = () => undefined,
  ) {
    super(Number.POSITIVE_INFINITY, 64);
    this.pool = new TextPool(this, 4096);
    this.listSlot = new Int32Array(this.capacity);
    this.prev = new Int32Array(this.capacity);
    this.next = new Int32Array(this.capacity);
    this.authorHi = new Uint32Array(this.capacity);
    this.authorLo = new Uint32Array(this.capacity);
    this.referenceHi = new Uint32Array(this.capacity);
    this.referenceLo = new Uint32Array(this.capacity);
    this.created = new Float64Array(this.capacity);
    this.edited = new Float64Array(this.capacity);
    this.kind = new Uint16Array(this.capacity);
    this.textStart = new Uint32Array(this.capacity);
    this.textBytes = new Uint32Array(this.capacity);
  }

  /** Messages cached for a channel. */
  public countIn(channelId: string): number {
    return this.byChannel.get(channelId)?.count ?? 0;
  }

  /** The guild a channel's cached messages belong to (undefined when none are cached). */
  public guildOf(channelId: string): Snowflake | null | undefined {
    return this.byChannel.get(channelId)?.guildId;
  }

  /** Ids of the channels that have cached messages. */
  public channelIds(): Snowflake[] {
    return [...this.byChannel.values()].map((list) => list.id);
  }

  /** The row of a message of this channel, or -1. */
  public rowIn(channelId: string, messageId: string): number {
    const list = this.byChannel.get(channelId);
    if (list === undefined) return -1;
    const row = this.rowOf(messageId);
    return row >= 0 && this.listSlot[row] === list.slot ? row : -1;
  }

  /**
   * The ids (as halves: hi, lo, hi, lo, ...) of a channel's messages, oldest first: a stable list
   * to walk while rows move.
   */
  public keysIn(channelId: string): number[] {
    const list = this.byChannel.get(channelId);
    const keys: number[] = [];
    if (list === undefined) return keys;
    for (let row = list.head; row >= 0; row = this.next[row]!) keys.push(this.idHi[row]!, this.idLo[row]!);
    return keys;
  }

  /**
   * Caches a message as its channel's newest, pushing the channel's oldest out past the limit. A
   * message already cached is replaced and becomes the newest (`onAdd` is not called: the copy it
   * replaces already referenced the author). Messages whose id or author id is not a snowflake are
   * not cached (Discord sends none). Returns the row, or -1.
   */
  public add(message: MessagePayload): number {
    if (!parseSnowflakeKey(message.author.id)) return -1;
    const authorHi = parsedKey.hi;
    const authorLo = parsedKey.lo;
    if (!parseSnowflakeKey(message.id)) return -1;
    const idHi = parsedKey.hi;
    const idLo = parsedKey.lo;
    const existing = this.rowOfKey(idHi, idLo);
    if (existing >= 0) this.removeRow(existing, false);
    else this.onAdd();
    const channelId = message.channel_id;
    let list = this.byChannel.get(channelId);
    if (list !== undefined && list.count >= this.perChannel) {
      // The oldest goes first: its removal may compact the rows (the new row is appended after), and
      // may close the list when the limit is 1.
      this.removeRow(list.head);
      list = this.byChannel.get(channelId);
    }
    list ??= this.openList(channelId as Snowflake, (message.guild_id as Snowflake | undefined) ?? null);
    const row = this.append(idHi, idLo);
    this.listSlot[row] = list.slot;
    this.prev[row] = list.tail;
    this.next[row] = -1;
    if (list.tail >= 0) this.next[list.tail] = row;
    else list.head = row;
    list.tail = row;
    list.count++;
    this.authorHi[row] = authorHi;
    this.authorLo[row] = authorLo;
    const reference = message.message_reference?.message_id;
    if (reference !== undefined && parseSnowflakeKey(reference)) {
      this.referenceHi[row] = parsedKey.hi;
      this.referenceLo[row] = parsedKey.lo;
      this.state[row] = this.state[row]! | HAS_REFERENCE;
    }
    this.created[row] = parseIsoTime(message.timestamp);
    this.edited[row] = message.edited_timestamp === null ? NO_EDIT : parseIsoTime(message.edited_timestamp);
    this.kind[row] = message.type;
    // A reused row number still holds its last occupant's text position.
    this.textBytes[row] = 0;
    this.writeContent(row, message.content);
    if (message.attachments.length > 0 || message.embeds.length > 0) {
      this.extras.set(row, { attachments: ownList(message.attachments, NO_ATTACHMENTS), embeds: ownList(message.embeds, NO_EMBEDS) });
    }
    return row;
  }

  /** Applies a MESSAGE_UPDATE to a cached message: what the payload leaves out stays as it was. */
  public patch(row: number, update: MessagePatch): void {
    if (update.content !== undefined) {
      this.pool.free(this.textBytes[row]!);
      // Not a live segment while the new text is written (a squeeze then would copy it).
      this.textBytes[row] = 0;
      this.writeContent(row, update.content);
    }
    if (update.edited_timestamp !== undefined) this.edited[row] = update.edited_timestamp === null ? NO_EDIT : parseIsoTime(update.edited_timestamp);
    if (update.attachments !== undefined || update.embeds !== undefined) {
      const lists = this.extras.get(row);
      const attachments = update.attachments === undefined ? (lists?.attachments ?? NO_ATTACHMENTS) : ownList(update.attachments, NO_ATTACHMENTS);
      const embeds = update.embeds === undefined ? (lists?.embeds ?? NO_EMBEDS) : ownList(update.embeds, NO_EMBEDS);
      if (attachments.length === 0 && embeds.length === 0) this.extras.delete(row);
      else this.extras.set(row, { attachments, embeds });
    }
  }

  /** Removes one cached message (its author is reported to `onRemove` when `notify`). */
  public removeRow(row: number, notify = true): void {
    if (!this.isLive(row)) return;
    const list = this.lists[this.listSlot[row]!]!;
    const before = this.prev[row]!;
    const after = this.next[row]!;
    if (before >= 0) this.next[before] = after;
    else list.head = after;
    if (after >= 0) this.prev[after] = before;
    else list.tail = before;
    list.count--;
    const authorHi = this.authorHi[row]!;
    const authorLo = this.authorLo[row]!;
    if (list.count === 0) this.closeList(list);
    this.remove(row);
    if (notify) this.onRemove(authorHi, authorLo);
  }

  /** Removes every cached message of a channel. */
  public dropChannel(channelId: string): void {
    const keys = this.keysIn(channelId);
    // Looked up again one by one: a removal may compact the table and move the rows after it.
    for (let i = 0; i < keys.length; i += 2) this.removeRow(this.rowOfKey(keys[i]!, keys[i + 1]!));
  }

  public materialise(row: number, id?: string): CachedMessage {
    const list = this.lists[this.listSlot[row]!]!;
    const edited = this.edited[row]!;
    const lists = this.extras.get(row);
    return Object.freeze({
      id: (id ?? this.idAt(row)) as Snowflake,
      channelId: list.id,
      guildId: list.guildId,
      authorId: snowflakeKeyString(this.authorHi[row]!, this.authorLo[row]!) as Snowflake,
      content: this.pool.read(this.textStart[row]!, this.textBytes[row]!),
      type: this.kind[row]! as MessageType,
      createdAt: this.created[row]!,
      editedAt: Number.isNaN(edited) ? null : edited,
      referencedMessageId: (this.state[row]! & HAS_REFERENCE) === 0 ? null : (snowflakeKeyString(this.referenceHi[row]!, this.referenceLo[row]!) as Snowflake),
      attachments: lists?.attachments ?? NO_ATTACHMENTS,
      embeds: lists?.embeds ?? NO_EMBEDS,
    });
  }

  public forEachSegment(move: (start: number, length: number) => number): void {
    for (let row = 0; row < this.end; row++) if (this.isLive(row)) this.textStart[row] = move(this.textStart[row]!, this.textBytes[row]!);
  }

  protected resizeColumns(capacity: number, used: number): void {
    this.listSlot = copyInto(new Int32Array(capacity), this.listSlot, used);
    this.prev = copyInto(new Int32Array(capacity), this.prev, used);
    this.next = copyInto(new Int32Array(capacity), this.next, used);
    this.authorHi = copyInto(new Uint32Array(capacity), this.authorHi, used);
    this.authorLo = copyInto(new Uint32Array(capacity), this.authorLo, used);
    this.referenceHi = copyInto(new Uint32Array(capacity), this.referenceHi, used);
    this.referenceLo = copyInto(new Uint32Array(capacity), this.referenceLo, used);
    this.created = copyInto(new Float64Array(capacity), this.created, used);
    this.edited = copyInto(new Float64Array(capacity), this.edited, used);
    this.kind = copyInto(new Uint16Array(capacity), this.kind, used);
    this.textStart = copyInto(new Uint32Array(capacity), this.textStart, used);
    this.textBytes = copyInto(new Uint32Array(capacity), this.textBytes, used);
  }

  protected moveRow(from: number, to: number): void {
    // Rows move down in order and a channel's list runs in row order, so the row before this one
    // in its list has already moved (its `next` was pointed here) and the one after has not.
    const before = this.prev[from]!;
    const after = this.next[from]!;
    const list = this.lists[this.listSlot[from]!]!;
    if (before >= 0) this.next[before] = to;
    else list.head = to;
    if (after >= 0) this.prev[after] = to;
    else list.tail = to;
    this.listSlot[to] = this.listSlot[from]!;
    this.prev[to] = before;
    this.next[to] = after;
    this.authorHi[to] = this.authorHi[from]!;
    this.authorLo[to] = this.authorLo[from]!;
    this.referenceHi[to] = this.referenceHi[from]!;
    this.referenceLo[to] = this.referenceLo[from]!;
    this.created[to] = this.created[from]!;
    this.edited[to] = this.edited[from]!;
    this.kind[to] = this.kind[from]!;
    this.textStart[to] = this.textStart[from]!;
    this.textBytes[to] = this.textBytes[from]!;
    const lists = this.extras.get(from);
    if (lists !== undefined) {
      this.extras.delete(from);
      this.extras.set(to, lists);
    }
  }

  protected clearRow(row: number): void {
    this.pool.free(this.textBytes[row]!);
    this.textBytes[row] = 0;
    this.extras.delete(row);
  }

  protected afterCompact(): void {
    // The pool squeezes itself when it next needs room.
  }

  protected afterEmpty(): void {
    this.pool.clear();
    this.extras.clear();
  }

  private writeContent(row: number, content: string): void {
    this.textStart[row] = this.pool.write(content, MAX_CONTENT_BYTES);
    this.textBytes[row] = this.pool.written;
  }

  private openList(id: Snowflake, guildId: Snowflake | null): ChannelList {
    const slot = this.freeSlots.length > 0 ? this.freeSlots.pop()! : this.lists.length;
    const list: ChannelList = { id, guildId, slot, head: -1, tail: -1, count: 0 };
    this.lists[slot] = list;
    this.byChannel.set(id, list);
    return list;
  }

  private closeList(list: ChannelList): void {
    this.byChannel.delete(list.id);
    this.lists[list.slot] = undefined;
    this.freeSlots.push(list.slot);
  }
}
