import type {
  APIAttachment,
  APIChannel,
  APIEmbed,
  APIMessage,
  APIOverwrite,
  APIRole,
  APIUser,
} from 'discord-api-types/v10';
import type { Snowflake } from '../../snowflake';
import { parseIsoTime } from './iso-time';
import type { CachedChannel, CachedMessage, CachedRole, CachedUser } from './cached-entities';

// A shared empty: most channels have no overwrites; one instance serves all.
const NO_OVERWRITES: readonly APIOverwrite[] = Object.freeze([]) as readonly APIOverwrite[];

/**
 * The store's own frozen copy of a payload list (shallow): handlers get the same payload objects,
 * and one that edits a list must not edit the cache, nor a reader the store through what it reads.
 */
function ownList<T>(list: readonly T[], empty: readonly T[]): readonly T[] {
  return list.length === 0 ? empty : Object.freeze(list.slice());
}

/** Epoch ms of an ISO timestamp, or null. */
export function toTime(iso: string | null | undefined): number | null {
  return iso === null || iso === undefined ? null : parseIsoTime(iso);
}

export function toUser(user: APIUser): CachedUser {
  return {
    id: user.id as Snowflake,
    username: user.username,
    globalName: user.global_name ?? null,
    avatar: user.avatar,
    bot: user.bot === true,
  };
}

/** The bot's own user is the one user kept as an object (`store.me`), updated in place. */
export type SelfUser = { -readonly [K in keyof CachedUser]: CachedUser[K] };

/** Updates the bot's own user object in place, so every reference to it sees the change. */
export function patchUser(target: SelfUser, user: APIUser): void {
  // Skip the writes in the common case (nothing changed): they would dirty the object for nothing.
  if (target.username === user.username && target.avatar === user.avatar && target.globalName === (user.global_name ?? null)) return;
  target.username = user.username;
  target.globalName = user.global_name ?? null;
  target.avatar = user.avatar;
  target.bot = user.bot === true;
}

export function toRole(role: APIRole): CachedRole {
  return {
    id: role.id as Snowflake,
    name: role.name,
    color: role.color,
    position: role.position,
    permissions: role.permissions,
    hoist: role.hoist,
    managed: role.managed,
    mentionable: role.mentionable,
  };
}

export function toChannel(channel: APIChannel, guildId: Snowflake | null): CachedChannel {
  // The APIChannel union spreads these fields over its members; read them through one view.
  const view = channel as Partial<{
    guild_id: string;
    name: string | null;
    parent_id: string | null;
    position: number;
    topic: string | null;
    nsfw: boolean;
    permission_overwrites: APIOverwrite[];
  }>;
  const overwrites = view.permission_overwrites;
  return {
    id: channel.id as Snowflake,
    type: channel.type,
    guildId: ((view.guild_id as Snowflake | undefined) ?? guildId) || null,
    name: view.name ?? null,
    parentId: (view.parent_id as Snowflake | null | undefined) ?? null,
    position: view.position ?? 0,
    topic: view.topic ?? null,
    nsfw: view.nsfw === true,
    permissionOverwrites: overwrites === undefined ? NO_OVERWRITES : ownList(overwrites, NO_OVERWRITES),
  };
}

