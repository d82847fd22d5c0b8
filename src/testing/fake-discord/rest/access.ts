import { PermissionFlagsBits, RESTJSONErrorCodes, type APIMessage } from 'discord-api-types/v10';
import type { StoredChannel } from '../world/stored-channel';
import type { GuildRecord, World } from '../world/world';
import { DiscordHttpError } from './discord-http-error';

/**
 * Lookups that fail the way Discord fails: unknown ids are 404 with the resource's code, a channel
 * the bot cannot see is 403 / 50001, a missing permission is 403 / 50013.
 */

export function channelOr404(world: World, channelId: string): StoredChannel {
  const channel = world.channels.get(channelId);
  if (channel === undefined) throw DiscordHttpError.notFound(RESTJSONErrorCodes.UnknownChannel, 'Unknown Channel');
  return channel;
}

export function guildOr404(world: World, guildId: string): GuildRecord {
  const record = world.guilds.get(guildId);
  if (record === undefined) throw DiscordHttpError.notFound(RESTJSONErrorCodes.UnknownGuild, 'Unknown Guild');
  if (!record.members.has(world.botUser.id)) throw DiscordHttpError.forbidden(RESTJSONErrorCodes.MissingAccess, 'Missing Access');
  return record;
}

export function messageOr404(world: World, channelId: string, messageId: string): APIMessage {
  const message = world.messages.get(channelId, messageId);
  if (message === undefined) throw DiscordHttpError.notFound(RESTJSONErrorCodes.UnknownMessage, 'Unknown Message');
  return message;
}

/** Checks the bot's permissions in a guild (and channel); DMs need none. */
export function requireBotPermissions(world: World, guildId: string | undefined, required: bigint, channel?: StoredChannel): void {
  if (guildId === undefined) return;
  const record = world.guilds.get(guildId);
  if (record === undefined || !record.members.has(world.botUser.id)) throw DiscordHttpError.forbidden(RESTJSONErrorCodes.MissingAccess, 'Missing Access');
  const permissions = world.permissionsOf(guildId, world.botUser.id, channel);
  if (channel !== undefined && (permissions & PermissionFlagsBits.ViewChannel) === 0n) {
    throw DiscordHttpError.forbidden(RESTJSONErrorCodes.MissingAccess, 'Missing Access');
  }
  if ((permissions & required) !== required) throw DiscordHttpError.forbidden(RESTJSONErrorCodes.MissingPermissions, 'Missing Permissions');
}

/** A channel the bot can see, with the given permissions. */
export function accessibleChannel(world: World, channelId: string, required: bigint = PermissionFlagsBits.ViewChannel): StoredChannel {
  const channel = channelOr404(world, channelId);
  requireBotPermissions(world, channel.guild_id, required, channel);
  return channel;
}

/** `limit` query parameter within Discord's bounds, else 50035 on `limit`. */
export function readLimit(query: URLSearchParams, fallback: number, max: number): number {
  const raw = query.get('limit');
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw DiscordHttpError.invalidForm({
      limit: { _errors: [Number.isInteger(value) ? { code: value < 1 ? 'NUMBER_TYPE_MIN' : 'NUMBER_TYPE_MAX', message: value < 1 ? 'int value should be greater than or equal to 1.' : `int value should be less than or equal to ${max}.` } : { code: 'NUMBER_TYPE_COERCE', message: `Value "${raw}" is not int.` }] },
    });
  }
  return value;
}

/** A snowflake query parameter, else 50035 on that name. */
export function readSnowflake(query: URLSearchParams, name: string): string | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  if (!/^(0|[1-9][0-9]{0,19})$/.test(raw)) throw DiscordHttpError.invalidForm({ [name]: { _errors: [{ code: 'NUMBER_TYPE_COERCE', message: `Value "${raw}" is not snowflake.` }] } });
  return raw;
}

/** 403 / 50013 unless the bot's highest role sits strictly above `position`. */
export function requireBotAbove(world: World, guildId: string, position: number): void {
  if (!world.outranks(guildId, world.botUser.id, position)) throw DiscordHttpError.forbidden(RESTJSONErrorCodes.MissingPermissions, 'Missing Permissions');
}

/** 403 / 50013 for moderating the owner or a member whose highest role is not below the bot's. */
export function requireBotAboveMember(world: World, record: GuildRecord, userId: string): void {
  if (record.guild.owner_id === userId) throw DiscordHttpError.forbidden(RESTJSONErrorCodes.MissingPermissions, 'Missing Permissions');
  if (record.members.has(userId)) requireBotAbove(world, record.guild.id, world.highestRolePosition(record.guild.id, userId));
}
