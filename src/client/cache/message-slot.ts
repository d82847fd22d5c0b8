import type { APIAttachment, APIEmbed } from 'discord-api-types/v10';

/** A message's lists when it has any (most have neither), kept beside the slots. */
export interface MessageLists {
  readonly attachments: readonly APIAttachment[];
  readonly embeds: readonly APIEmbed[];
}

// One message is one 64-byte slot of 16 words: a cache line, so adding a message (which overwrites
// the channel's oldest, the slot the ring is about to reuse) touches one or two lines, where a
// column per field touched a line per field at a random row.
export const STRIDE = 16;
export const ID_LO = 0;
export const ID_HI = 1;
export const AUTHOR_LO = 2;
export const AUTHOR_HI = 3;
export const REFERENCE_LO = 4;
export const REFERENCE_HI = 5;
export const TEXT_START = 6;
export const TEXT_BYTES = 7;
/** Low 16 bits: the message type; above: the flags below. */
export const KIND = 8;
/** Float64 index within a slot (words 10-11 and 12-13). */
export const CREATED = 5;
export const EDITED = 6;
export const LIVE = 1 << 16;
export const HAS_REFERENCE = 1 << 17;
export const HAS_LISTS = 1 << 18;
export const TYPE_MASK = 0xffff;
