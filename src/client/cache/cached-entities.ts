import type { APIAttachment, APIEmbed, APIOverwrite, ChannelType, MessageType } from 'discord-api-types/v10';
import type { Snowflake } from '../../snowflake';

/**
 * The cached shapes keep what bots read (names, ids, permissions, positions, timestamps) and drop
 * the rest of the payload, with timestamps as epoch milliseconds and ids shared between entities
 * instead of copied. Members and users, most of a large bot's cache, are not kept as these objects
 * at all but in typed-array columns (see `MemberTable`, `UserTable`), and materialised on read.
 * Fields keep Discord's meaning; the full payload still reaches event handlers.
 */

/**
 * A user (`APIUser`, trimmed). Read from `EntityStore.users` it is a snapshot of the user's current
 * values (the store keeps users in compact columns, not as objects): read it again after an event.
 */
export interface CachedUser {
  readonly id: Snowflake;
  readonly username: string;
  readonly globalName: string | null;
  readonly avatar: string | null;
  readonly bot: boolean;
}

/**
 * A guild member (`APIGuildMember`, trimmed); the user itself is in `EntityStore.users`. A snapshot
 * of the member's current values, built from the guild's compact member table and frozen (roles
 * too): readers that get the member again before it changes share the object.
 */
export interface CachedMember {
  readonly userId: Snowflake;
  readonly nick: string | null;
  readonly avatar: string | null;
  /** Role ids, the same string instances as the guild's role keys. */
  readonly roles: readonly Snowflake[];
  readonly joinedAt: number | null;
  readonly premiumSince: number | null;
  readonly communicationDisabledUntil: number | null;
  readonly flags: number;
  readonly pending: boolean;
}

/** A role (`APIRole`, trimmed). */
export interface CachedRole {
  readonly id: Snowflake;
  name: string;
  color: number;
  position: number;
  /** Permission bitfield as Discord sends it (a decimal string); `BigInt(role.permissions)` to test bits. */
  permissions: string;
  hoist: boolean;
  managed: boolean;
  mentionable: boolean;
}

/** A guild channel, thread or DM channel (`APIChannel`, trimmed). */
export interface CachedChannel {
  readonly id: Snowflake;
  type: ChannelType;
  guildId: Snowflake | null;
  name: string | null;
  parentId: Snowflake | null;
  position: number;
  topic: string | null;
  nsfw: boolean;
  permissionOverwrites: readonly APIOverwrite[];
}

/** A guild (`APIGuild`, trimmed) with its roles and members. */
export interface CachedGuild {
  readonly id: Snowflake;
  name: string;
  icon: string | null;
  ownerId: Snowflake | null;
  memberCount: number;
  /** True during an outage, or between READY and this guild's GUILD_CREATE. */
  unavailable: boolean;
  large: boolean;
  joinedAt: number | null;
  readonly roles: ReadonlyMap<Snowflake, CachedRole>;
  readonly members: ReadonlyMap<Snowflake, CachedMember>;
  readonly channelIds: ReadonlySet<Snowflake>;
}

/** A message (`APIMessage`, trimmed): a frozen snapshot, built when read from the cache. */
export interface CachedMessage {
  readonly id: Snowflake;
  readonly channelId: Snowflake;
  readonly guildId: Snowflake | null;
  readonly authorId: Snowflake;
  readonly content: string;
  readonly type: MessageType;
  readonly createdAt: number;
  readonly editedAt: number | null;
  readonly referencedMessageId: Snowflake | null;
  readonly attachments: readonly APIAttachment[];
  readonly embeds: readonly APIEmbed[];
}
