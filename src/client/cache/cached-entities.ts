import type { APIAttachment, APIEmbed, APIOverwrite, ChannelType, MessageType } from 'discord-api-types/v10';
import type { Snowflake } from '../../snowflake';

/**
 * The cached shapes keep what bots read (names, ids, permissions, positions, timestamps) and drop
 * the rest of the payload, with timestamps as epoch milliseconds and ids shared between entities
 * instead of copied: that is what keeps 1,000 large guilds in a fraction of discord.js's heap.
 * Fields keep Discord's meaning; the full payload still reaches event handlers.
 */

/** A user (`APIUser`, trimmed). */
export interface CachedUser {
  readonly id: Snowflake;
  username: string;
  globalName: string | null;
  avatar: string | null;
  bot: boolean;
}

/** A guild member (`APIGuildMember`, trimmed); the user itself is in `EntityStore.users`. */
export interface CachedMember {
  readonly userId: Snowflake;
  nick: string | null;
  avatar: string | null;
  /** Role ids, the same string instances as the guild's role keys. */
  roles: readonly Snowflake[];
  joinedAt: number | null;
  premiumSince: number | null;
  communicationDisabledUntil: number | null;
  flags: number;
  pending: boolean;
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

/** A message (`APIMessage`, trimmed). */
export interface CachedMessage {
  readonly id: Snowflake;
  readonly channelId: Snowflake;
  readonly guildId: Snowflake | null;
  readonly authorId: Snowflake;
  content: string;
  type: MessageType;
  createdAt: number;
  editedAt: number | null;
  referencedMessageId: Snowflake | null;
  attachments: readonly APIAttachment[];
  embeds: readonly APIEmbed[];
}
