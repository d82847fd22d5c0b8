// Guilds joining and leaving the world, and the shapes REST and GUILD_CREATE show them in.
import { ChannelType, GatewayDispatchEvents, GatewayIntentBits, PermissionFlagsBits, type APIGuild, type GatewayGuildCreateDispatchData } from 'discord-api-types/v10';
import { makeGuild, makeGuildChannel, makeMember, makeRole } from './entity-defaults';
import type { CreateGuildOptions } from './world-options';
import type { GuildRecord } from './guild-record';
import { toApiScheduledEvent } from './scheduled-event-store';
import { toApiChannel, type StoredChannel } from './stored-channel';
import type { World } from './world';

const DEFAULT_EVERYONE =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles;

export function createGuild(world: World, options: CreateGuildOptions, botPermissions: bigint): APIGuild {
  const id = world.ids.next();
  const owner = options.ownerId === undefined ? world.createUser({ username: `${options.name} owner` }) : world.requireUser(options.ownerId);
  const guild = makeGuild(id, options.name, owner.id, null);
  const now = new Date().toISOString();
  const record: GuildRecord = { guild, roles: new Map(), members: new Map(), channelIds: [], threadIds: [], bans: new Map(), joinedAt: now };
  record.roles.set(id, makeRole(id, '@everyone', 0, options.everyonePermissions ?? DEFAULT_EVERYONE));
  const botRole = makeRole(world.ids.next(), world.botUser.username, 1, botPermissions, { managed: true, tags: { bot_id: world.botUser.id } });
  record.roles.set(botRole.id, botRole);
  record.members.set(owner.id, makeMember(owner, [], now, null));
  record.members.set(world.botUser.id, makeMember(world.botUser, [botRole.id], now, null));
  world.guilds.set(id, record);
  if (options.withGeneralChannel !== false) {
    const general = makeGuildChannel(world.ids.next(), id, 'general', ChannelType.GuildText, 0);
    world.channels.set(general.id, general);
    record.channelIds.push(general.id);
    guild.system_channel_id = general.id;
  }
  const payload = world.guildCreatePayload(id);
  if (payload !== undefined) world.dispatch({ t: GatewayDispatchEvents.GuildCreate, d: payload, guildId: id, intents: GatewayIntentBits.Guilds });
  return world.guildView(record);
}

/** The guild object REST returns (roles and emojis filled in). */
export function guildView(world: World, record: GuildRecord): APIGuild {
  return { ...record.guild, roles: [...record.roles.values()] };
}

export function guildCreatePayload(world: World, guildId: string): GatewayGuildCreateDispatchData | undefined {
  const record = world.guilds.get(guildId);
  if (record === undefined || !record.members.has(world.botUser.id)) return undefined;
  const channels = record.channelIds.map((id) => toApiChannel(world.channels.get(id) as StoredChannel));
  return {
    ...world.guildView(record),
    joined_at: record.joinedAt,
    large: record.members.size > 250,
    unavailable: false,
    member_count: record.members.size,
    voice_states: [],
    members: [...record.members.values()],
    channels: channels as GatewayGuildCreateDispatchData['channels'],
    threads: record.threadIds.map((id) => toApiChannel(world.channels.get(id) as StoredChannel)) as GatewayGuildCreateDispatchData['threads'],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: world.scheduledEvents.list(guildId).map((e) => toApiScheduledEvent(e)),
    soundboard_sounds: [],
  };
}

/** The bot leaves a guild: its membership ends and shards get GUILD_DELETE. */
export function leaveGuild(world: World, guildId: string): void {
  const record = world.requireGuild(guildId);
  record.members.delete(world.botUser.id);
  world.dispatch({ t: GatewayDispatchEvents.GuildDelete, d: { id: guildId }, guildId, intents: GatewayIntentBits.Guilds });
}
