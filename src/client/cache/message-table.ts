import type { APIAttachment, APIEmbed, MessageType } from 'discord-api-types/v10';
import type { Snowflake } from '../../snowflake';
import type { CachedMessage } from './cached-entities';
import { parseIsoTime } from './iso-time';
import { idStringHash, parsedKey, parseNewSnowflakeKey, parseSnowflakeKey, snowflakeKeyString } from './snowflake-key';
import { TextPool, type TextPoolOwner } from './text-pool';
import { ChannelRing } from './channel-ring';
import {
  AUTHOR_HI,
  AUTHOR_LO,
  CREATED,
  EDITED,
  HAS_LISTS,
  HAS_REFERENCE,
  ID_HI,
  ID_LO,
  KIND,
  LIVE,
  type MessageLists,
  REFERENCE_HI,
  REFERENCE_LO,
  STRIDE,
  TEXT_BYTES,
  TEXT_START,
  TYPE_MASK,
} from './message-slot';

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

const MIN_SLOTS = 4;
const RING_CACHE_SLOTS = 1024;
// Content is at most 4,000 characters; the cap only guards the pool against a hostile payload.
const MAX_CONTENT_BYTES = 64 * 1024;
const NO_ATTACHMENTS: readonly APIAttachment[] = Object.freeze([]) as readonly APIAttachment[];
const NO_EMBEDS: readonly APIEmbed[] = Object.freeze([]) as readonly APIEmbed[];

/** The store's own frozen copy of a payload list: a handler editing its payload must not edit the cache. */
function ownList<T>(list: readonly T[] | undefined, empty: readonly T[]): readonly T[] {
  return list === undefined || list.length === 0 ? empty : Object.freeze(list.slice());
}

/**
 * The last messages of every channel, a ring of fixed-size slots per channel: ids, author and
 * reference ids as Uint32 halves, times as floats, content as UTF-8 in one byte pool shared by all
 * channels. A cached message is no heap object at all (only its attachments and embeds, when it has
 * them), which matters because each one outlives thousands of dispatches: as objects, every message
 * was copied by the scavenges it survived, promoted, and then marked by every full collection while
 * the cache held it. `CachedMessage` objects are built when read.
 *
 * @example
 * ```ts
 * const table = new MessageTable(50, (hi, lo) => users.releaseKey(hi, lo));
 * table.add(payload);
 * table.get(payload.channel_id, payload.id)?.content;
 * ```
 */
export class MessageTable implements TextPoolOwner {
  /** Messages cached, all channels together. */
  public size = 0;
  private readonly rings = new Map<string, ChannelRing>();
  // Messages come and go all the time: the pool squeezes from one half of its buffer into the other
  // (pages already touched), each half twice the live text, so each byte written is copied about
  // once. Four times the live text in all: about what the content strings and their object headers
  // took when messages were objects, with the per-message objects themselves gone.
  private readonly pool = new TextPool(this, 4096, 2, true);
  /** The slot `locate` found. */
  private foundSlot = -1;
  /**
   * The ring the last message went to: a busy channel's messages come in runs, and comparing the
   * id string is far cheaper than hashing a fresh one for the map. Cleared when its ring closes.
   */
  private lastRing: ChannelRing | undefined;
  /** Rings by `idStringHash` of their channel id, direct-mapped: the same saving for channels that take turns. */
  private readonly ringCache: (ChannelRing | undefined)[] = new Array<ChannelRing | undefined>(RING_CACHE_SLOTS).fill(undefined);

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
  ) {}

  /** Messages cached for a channel. */
  public countIn(channelId: string): number {
    return this.rings.get(channelId)?.live ?? 0;
  }

  /** The guild a channel's cached messages belong to (undefined when none are cached). */
  public guildOf(channelId: string): Snowflake | null | undefined {
    return this.rings.get(channelId)?.guildId;
  }

  /** Ids of the channels that have cached messages. */
  public channelIds(): Snowflake[] {
    return [...this.rings.values()].map((ring) => ring.id);
  }

  /** The ids of a channel's cached messages, oldest first. */
  public idsIn(channelId: string): Snowflake[] {
    const ring = this.rings.get(channelId);
    const ids: Snowflake[] = [];
    if (ring === undefined) return ids;
    for (let k = 0; k < ring.used; k++) {
      const base = ring.slotAt(k) * STRIDE;
      if ((ring.words[base + KIND]! & LIVE) !== 0) ids.push(snowflakeKeyString(ring.words[base + ID_HI]!, ring.words[base + ID_LO]!) as Snowflake);
    }
    return ids;
  }

  public has(channelId: string, id: string): boolean {
    return this.locate(channelId, id) !== undefined;
  }

  /** A cached message as a frozen snapshot, or undefined. */
  public get(channelId: string, id: string): CachedMessage | undefined {
    const ring = this.locate(channelId, id);
    return ring === undefined ? undefined : this.materialise(ring, this.foundSlot, id);
  }

  /**
   * Caches a message as its channel's newest, pushing the channel's oldest out past the limit. A
   * message already cached is replaced and becomes the newest (`onAdd` is not called: the copy it
   * replaces already referenced the author). Messages whose id or author id is not a snowflake are
   * not cached (Discord sends none).
   */
  public add(message: MessagePayload): void {
    if (parseSnowflakeKey(message.author.id)) this.addByAuthor(message, parsedKey.hi, parsedKey.lo);
  }

  /** `add` for a message whose author id the caller has already read into its halves. */
  public addByAuthor(message: MessagePayload, authorHi: number, authorLo: number): void {
    if (!parseNewSnowflakeKey(message.id)) return;
    const hi = parsedKey.hi;
    const lo = parsedKey.lo;
    const channelId = message.channel_id;
    let ring = this.lastRing;
    if (ring === undefined || ring.id !== channelId) {
      const cached = idStringHash(channelId) & (RING_CACHE_SLOTS - 1);
      ring = this.ringCache[cached];
      if (ring === undefined || ring.id !== channelId) {
        ring = this.rings.get(channelId);
        if (ring === undefined) {
          ring = new ChannelRing(channelId as Snowflake, (message.guild_id as Snowflake | undefined) ?? null, Math.min(MIN_SLOTS, this.perChannel));
          this.rings.set(channelId, ring);
        }
        this.ringCache[cached] = ring;
      }
      this.lastRing = ring;
    }
    let repeat = -1;
    // An id above every one added, the common case, needs no lookup for a repeat.
    const inOrder = ring.used === 0 || hi > ring.maxHi || (hi === ring.maxHi && lo > ring.maxLo);
    if (!inOrder) {
      repeat = ring.find(hi, lo);
      if (repeat >= 0) this.vacate(ring, repeat, false);
    }
    if (repeat < 0) this.onAdd();
    // The head is always live (vacate trims holes off the ends): the channel's oldest message.
    if (ring.live >= this.perChannel) this.vacate(ring, ring.head, true);
    // After the removals, which reset an emptied ring. Out of order, lookups scan instead of
    // bisecting until the ring empties.
    if (!inOrder && ring.live > 0) ring.ascending = false;
    if (hi > ring.maxHi || (hi === ring.maxHi && lo > ring.maxLo)) {
      ring.maxHi = hi;
      ring.maxLo = lo;
    }
    if (ring.used === ring.capacity) {
      // Grow while under the limit; at it, the ring is full of holes: squeeze them out.
      ring.rebuild(ring.capacity < this.perChannel ? Math.min(this.perChannel, ring.capacity * 2) : ring.capacity);
    }
    const slot = ring.slotAt(ring.used);
    ring.used++;
    ring.live++;
    this.size++;
    const base = slot * STRIDE;
    const words = ring.words;
    words[base + ID_LO] = lo;
    words[base + ID_HI] = hi;
    words[base + AUTHOR_LO] = authorLo;
    words[base + AUTHOR_HI] = authorHi;
    let kind = LIVE | (message.type & TYPE_MASK);
    const reference = message.message_reference?.message_id;
    if (reference !== undefined && parseNewSnowflakeKey(reference)) {
      words[base + REFERENCE_LO] = parsedKey.lo;
      words[base + REFERENCE_HI] = parsedKey.hi;
      kind |= HAS_REFERENCE;
    }
    if (message.attachments.length > 0 || message.embeds.length > 0) {
      ring.lists ??= new Map();
      ring.lists.set(slot, { attachments: ownList(message.attachments, NO_ATTACHMENTS), embeds: ownList(message.embeds, NO_EMBEDS) });
      kind |= HAS_LISTS;
    }
    words[base + KIND] = kind;
    ring.times[slot * 8 + CREATED] = parseIsoTime(message.timestamp);
    ring.times[slot * 8 + EDITED] = message.edited_timestamp === null ? Number.NaN : parseIsoTime(message.edited_timestamp);
    // Written last: a squeeze of the pool during the write walks the live slots, this one included.
    words[base + TEXT_BYTES] = 0;
    words[base + TEXT_START] = this.pool.write(message.content, MAX_CONTENT_BYTES);
    ring.words[base + TEXT_BYTES] = this.pool.written;
  }

  /**
   * Applies a MESSAGE_UPDATE to a cached message (what the payload leaves out stays as it was) and
   * returns the message as it was, or undefined when it is not cached.
   */
  public patch(channelId: string, id: string, update: MessagePatch): CachedMessage | undefined {
    const ring = this.locate(channelId, id);
    if (ring === undefined) return undefined;
    const slot = this.foundSlot;
    const before = this.materialise(ring, slot, id);
    const base = slot * STRIDE;
    if (update.edited_timestamp !== undefined) ring.times[slot * 8 + EDITED] = update.edited_timestamp === null ? Number.NaN : parseIsoTime(update.edited_timestamp);
    if (update.attachments !== undefined || update.embeds !== undefined) {
      const attachments = update.attachments === undefined ? before.attachments : ownList(update.attachments, NO_ATTACHMENTS);
      const embeds = update.embeds === undefined ? before.embeds : ownList(update.embeds, NO_EMBEDS);
      if (attachments.length === 0 && embeds.length === 0) {
        ring.lists?.delete(slot);
        ring.words[base + KIND] = ring.words[base + KIND]! & ~HAS_LISTS;
      } else {
        ring.lists ??= new Map();
        ring.lists.set(slot, { attachments, embeds });
        ring.words[base + KIND] = ring.words[base + KIND]! | HAS_LISTS;
      }
    }
    if (update.content !== undefined) {
      this.pool.free(ring.words[base + TEXT_BYTES]!);
      // Not a live segment while the new text is written (a squeeze then would copy it).
      ring.words[base + TEXT_BYTES] = 0;
      ring.words[base + TEXT_START] = this.pool.write(update.content, MAX_CONTENT_BYTES);
      ring.words[base + TEXT_BYTES] = this.pool.written;
    }
    return before;
  }

  /** Removes a cached message (its author goes to `onRemove`) and returns it, or undefined. */
  public remove(channelId: string, id: string): CachedMessage | undefined {
    const ring = this.locate(channelId, id);
    if (ring === undefined) return undefined;
    const removed = this.materialise(ring, this.foundSlot, id);
    this.vacate(ring, this.foundSlot, true);
    this.closeIfEmpty(ring);
    return removed;
  }

  /** Removes every cached message of a channel. */
  public dropChannel(channelId: string): void {
    const ring = this.rings.get(channelId);
    if (ring === undefined) return;
    // Oldest first; the head is always live (vacate trims holes off the ends).
    while (ring.live > 0) this.vacate(ring, ring.head, true);
    this.closeIfEmpty(ring);
  }

  /** Forgets every message (without `onRemove`: the caller clears what they referred to). */
  public clear(): void {
    this.rings.clear();
    this.lastRing = undefined;
    this.ringCache.fill(undefined);
    this.pool.clear();
    this.size = 0;
  }

  public forEachSegment(move: (start: number, length: number) => number): void {
    for (const ring of this.rings.values()) {
      const words = ring.words;
      for (let k = 0; k < ring.used; k++) {
        const base = ring.slotAt(k) * STRIDE;
        if ((words[base + KIND]! & LIVE) !== 0) words[base + TEXT_START] = move(words[base + TEXT_START]!, words[base + TEXT_BYTES]!);
      }
    }
  }

  /** The ring holding a live message with this id (its slot in `foundSlot`), or undefined. */
  private locate(channelId: string, id: string): ChannelRing | undefined {
    const ring = this.rings.get(channelId);
    if (ring === undefined || !parseSnowflakeKey(id)) return undefined;
    const slot = ring.find(parsedKey.hi, parsedKey.lo);
    if (slot < 0) return undefined;
    this.foundSlot = slot;
    return ring;
  }

  /** Empties a slot and trims holes off both ends of the ring (an empty ring stays in the map). */
  private vacate(ring: ChannelRing, slot: number, notify: boolean): void {
    const base = slot * STRIDE;
    const words = ring.words;
    if ((words[base + KIND]! & HAS_LISTS) !== 0) ring.lists?.delete(slot);
    words[base + KIND] = 0;
    this.pool.free(words[base + TEXT_BYTES]!);
    words[base + TEXT_BYTES] = 0;
    ring.live--;
    this.size--;
    if (ring.live === ring.used - 1) {
      // The ring had no holes (the common case: the oldest goes to make room), so this slot is the
      // only dead one and its neighbours need not be read, each a cache line of its own.
      if (slot === ring.head) {
        ring.head = ring.slotAt(1);
        ring.used--;
      } else if (slot === ring.slotAt(ring.used - 1)) {
        ring.used--;
      }
    } else {
      while (ring.used > 0 && (words[ring.head * STRIDE + KIND]! & LIVE) === 0) {
        ring.head = ring.slotAt(1);
        ring.used--;
      }
      while (ring.used > 0 && (words[ring.slotAt(ring.used - 1) * STRIDE + KIND]! & LIVE) === 0) ring.used--;
    }
    if (ring.live === 0) {
      ring.head = 0;
      ring.used = 0;
      ring.ascending = true;
      ring.maxHi = 0;
      ring.maxLo = 0;
    }
    if (notify) this.onRemove(words[base + AUTHOR_HI]!, words[base + AUTHOR_LO]!);
  }

  /** Forgets a channel whose last message went. */
  private closeIfEmpty(ring: ChannelRing): void {
    if (ring.live !== 0) return;
    this.rings.delete(ring.id);
    if (this.lastRing === ring) this.lastRing = undefined;
    const cached = idStringHash(ring.id) & (RING_CACHE_SLOTS - 1);
    if (this.ringCache[cached] === ring) this.ringCache[cached] = undefined;
  }

  private materialise(ring: ChannelRing, slot: number, id?: string): CachedMessage {
    const words = ring.words;
    const base = slot * STRIDE;
    const kind = words[base + KIND]!;
    const edited = ring.times[slot * 8 + EDITED]!;
    const lists = (kind & HAS_LISTS) === 0 ? undefined : ring.lists?.get(slot);
    return Object.freeze({
      id: (id ?? snowflakeKeyString(words[base + ID_HI]!, words[base + ID_LO]!)) as Snowflake,
      channelId: ring.id,
      guildId: ring.guildId,
      authorId: snowflakeKeyString(words[base + AUTHOR_HI]!, words[base + AUTHOR_LO]!) as Snowflake,
      content: this.pool.read(words[base + TEXT_START]!, words[base + TEXT_BYTES]!),
      type: (kind & TYPE_MASK) as MessageType,
      createdAt: ring.times[slot * 8 + CREATED]!,
      editedAt: Number.isNaN(edited) ? null : edited,
      referencedMessageId: (kind & HAS_REFERENCE) === 0 ? null : (snowflakeKeyString(words[base + REFERENCE_HI]!, words[base + REFERENCE_LO]!) as Snowflake),
      attachments: lists?.attachments ?? NO_ATTACHMENTS,
      embeds: lists?.embeds ?? NO_EMBEDS,
    });
  }
}
