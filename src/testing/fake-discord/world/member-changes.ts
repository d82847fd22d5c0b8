// Members joining, changing, leaving, banned and unbanned (GUILD_MEMBER_*, GUILD_BAN_*).
import { GatewayDispatchEvents, GatewayIntentBits, type APIGuildMember, type APIUser } from 'discord-api-types/v10';
import { FakeDiscordError } from '../fake-discord-error';
import { makeMember } from './entity-defaults';
import type { World } from './world';

export function addMember(world: World, guildId: string, userId: string, options: { roles?: string[]; nick?: string | null } = {}): APIGuildMember {
  const record = world.requireGuild(guildId);
  const user = world.requireUser(userId);
  for (const roleId of options.roles ?? []) {
    if (!record.roles.has(roleId)) throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_UNKNOWN_ENTITY', `No role ${roleId} in guild ${guildId}; create it with discord.createRole(guildId, { name }).`);
  }
  const member = makeMember(user, [...(options.roles ?? [])], new Date().toISOString(), options.nick ?? null);
  record.members.set(userId, member);
  world.dispatch({ t: GatewayDispatchEvents.GuildMemberAdd, d: { ...member, guild_id: guildId }, guildId, intents: GatewayIntentBits.GuildMembers });
  return member;
}

export function updateMember(world: World, guildId: string, member: APIGuildMember, patch: Partial<APIGuildMember>): APIGuildMember {
  Object.assign(member, patch);
  world.dispatch({ t: GatewayDispatchEvents.GuildMemberUpdate, d: { ...member, guild_id: guildId }, guildId, intents: GatewayIntentBits.GuildMembers });
  return member;
}

export function removeMember(world: World, guildId: string, userId: string): boolean {
  const record = world.requireGuild(guildId);
  const member = record.members.get(userId);
  if (member === undefined) return false;
  record.members.delete(userId);
  world.dispatch({ t: GatewayDispatchEvents.GuildMemberRemove, d: { guild_id: guildId, user: member.user }, guildId, intents: GatewayIntentBits.GuildMembers });
  return true;
}

export function ban(world: World, guildId: string, user: APIUser, reason: string | null): void {
  const record = world.requireGuild(guildId);
  record.bans.set(user.id, { user, reason });
  world.removeMember(guildId, user.id);
  world.dispatch({ t: GatewayDispatchEvents.GuildBanAdd, d: { guild_id: guildId, user }, guildId, intents: GatewayIntentBits.GuildModeration });
}

export function unban(world: World, guildId: string, userId: string): boolean {
  const record = world.requireGuild(guildId);
  const ban = record.bans.get(userId);
  if (ban === undefined) return false;
  record.bans.delete(userId);
  world.dispatch({ t: GatewayDispatchEvents.GuildBanRemove, d: { guild_id: guildId, user: ban.user }, guildId, intents: GatewayIntentBits.GuildModeration });
  return true;
}
