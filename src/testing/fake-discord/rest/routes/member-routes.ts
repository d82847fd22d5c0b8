import { AuditLogEvent, GatewayIntentBits, PermissionFlagsBits, RESTJSONErrorCodes, type APIGuildMember } from 'discord-api-types/v10';
import { guildOr404, readLimit, readSnowflake, requireBotAbove, requireBotAboveMember, requireBotPermissions } from '../access';
import { audit } from '../audit';
import { DiscordHttpError } from '../discord-http-error';
import type { RouteContext, RouteDefinition } from '../route';
import type { GuildRecord } from '../../world/world';

const MAX_TIMEOUT_MS = 28 * 24 * 3600 * 1000;

function memberOr404(record: GuildRecord, userId: string): APIGuildMember {
  const member = record.members.get(userId);
  if (member === undefined) throw DiscordHttpError.notFound(RESTJSONErrorCodes.UnknownMember, 'Unknown Member');
  return member;
}

/** Sorting by id as BigInt matches Discord's member and ban pagination order. */
function byId(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function guildOf(context: RouteContext): GuildRecord {
  return guildOr404(context.world, context.params.guild_id as string);
}

/** Members (list with after/limit, get, modify, kick) and bans (list, get, create, remove). */
export const memberRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/guilds/{guild_id}/members',
    auth: 'bot',
    handle: (context) => {
      const record = guildOf(context);
      // Listing members needs the privileged GUILD_MEMBERS intent enabled for the application.
      if ((context.world.allowedPrivilegedIntents & GatewayIntentBits.GuildMembers) === 0) {
        throw DiscordHttpError.forbidden(RESTJSONErrorCodes.MissingAccess, 'Missing Access');
      }
      const limit = readLimit(context.query, 1, 1000);
      const after = readSnowflake(context.query, 'after') ?? '0';
      const ids = [...record.members.keys()].filter((id) => byId(id, after) > 0).sort(byId).slice(0, limit);
      return { status: 200, body: ids.map((id) => record.members.get(id)) };
    },
  },
  {
    method: 'GET',
    path: '/guilds/{guild_id}/members/search',
    auth: 'bot',
    handle: (context) => {
      const record = guildOf(context);
      const query = context.query.get('query');
      if (query === null) throw DiscordHttpError.invalidForm({ query: { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }] } });
      const limit = readLimit(context.query, 1, 1000);
      const needle = query.toLowerCase();
      // Discord matches the start of the username, global name or nickname, case-insensitively.
      const matches = [...record.members.values()].filter((member) =>
        [member.user.username, member.user.global_name, member.nick].some((name) => typeof name === 'string' && name.toLowerCase().startsWith(needle)),
      );
      return { status: 200, body: matches.slice(0, limit) };
    },
  },
  {
    method: 'GET',
    path: '/guilds/{guild_id}/members/{user_id}',
    auth: 'bot',
    handle: (context) => ({ status: 200, body: memberOr404(guildOf(context), context.params.user_id as string) }),
  },
  {
    method: 'PATCH',
    path: '/guilds/{guild_id}/members/{user_id}',
    auth: 'bot',
    schema: {
      kind: 'object',
      fields: {
        nick: { kind: 'string', max: 32, nullable: true },
        roles: { kind: 'array', nullable: true, items: { kind: 'snowflake' } },
        mute: { kind: 'boolean', nullable: true },
        deaf: { kind: 'boolean', nullable: true },
        channel_id: { kind: 'snowflake', nullable: true },
        communication_disabled_until: { kind: 'string', nullable: true },
        flags: { kind: 'integer', nullable: true },
      },
    },
    handle: (context) => {
      const { world } = context;
      const record = guildOf(context);
      const userId = context.params.user_id as string;
      const member = memberOr404(record, userId);
      const input = (context.body ?? {}) as { nick?: string | null; roles?: string[]; mute?: boolean; deaf?: boolean; communication_disabled_until?: string | null };
      let required = 0n;
      if ('nick' in input) required |= PermissionFlagsBits.ManageNicknames;
      if (input.roles !== undefined) required |= PermissionFlagsBits.ManageRoles;
      if (input.mute !== undefined) required |= PermissionFlagsBits.MuteMembers;
      if (input.deaf !== undefined) required |= PermissionFlagsBits.DeafenMembers;
      if ('communication_disabled_until' in input) required |= PermissionFlagsBits.ModerateMembers;
      requireBotPermissions(world, record.guild.id, required);
      // Nicknames and timeouts of others follow the hierarchy; so does every role added or removed.
      if (userId !== world.botUser.id && ('nick' in input || 'communication_disabled_until' in input)) requireBotAboveMember(world, record, userId);
      const patch: Partial<APIGuildMember> = {};
      if ('nick' in input) patch.nick = input.nick ?? null;
      if (input.roles !== undefined) {
        const roles = input.roles.map(String);
        const unknown = roles.find((id) => !record.roles.has(id) || id === record.guild.id);
        if (unknown !== undefined) throw DiscordHttpError.notFound(RESTJSONErrorCodes.UnknownRole, 'Unknown Role');
        const changed = [...roles.filter((id) => !member.roles.includes(id)), ...member.roles.filter((id) => !roles.includes(id))];
        for (const id of changed) requireBotAbove(world, record.guild.id, record.roles.get(id)?.position ?? 0);
        patch.roles = roles;
      }
      if (input.mute !== undefined) patch.mute = input.mute;
      if (input.deaf !== undefined) patch.deaf = input.deaf;
      if ('communication_disabled_until' in input) {
        const until = input.communication_disabled_until ?? null;
        if (until !== null) {
          const time = Date.parse(until);
          if (Number.isNaN(time) || time - Date.now() > MAX_TIMEOUT_MS) {
            throw DiscordHttpError.invalidForm({ communication_disabled_until: { _errors: [{ code: 'BASE_TYPE_BAD_TIME', message: 'Timeouts must be a valid ISO8601 timestamp no more than 28 days in the future.' }] } });
          }
        }
        patch.communication_disabled_until = until;
      }
      const before = { ...member, roles: [...member.roles] };
      const updated = world.updateMember(record.guild.id, member, patch);
      if (patch.roles !== undefined) {
        const added = patch.roles.filter((id) => !before.roles.includes(id));
        const removed = before.roles.filter((id) => !patch.roles?.includes(id));
        const named = (ids: string[]) => ids.map((id) => ({ id, name: record.roles.get(id)?.name ?? '' }));
        const changes = [...(added.length > 0 ? [{ key: '$add', new_value: named(added) }] : []), ...(removed.length > 0 ? [{ key: '$remove', new_value: named(removed) }] : [])];
        if (changes.length > 0) audit(context, record.guild.id, AuditLogEvent.MemberRoleUpdate, userId, { changes });
      }
      const keys = (['nick', 'mute', 'deaf', 'communication_disabled_until'] as const).filter((key) => key in patch);
      if (keys.length > 0) audit(context, record.guild.id, AuditLogEvent.MemberUpdate, userId, { changes: keys.map((key) => ({ key, old_value: before[key], new_value: patch[key] })) });
      return { status: 200, body: updated };
    },
  },
  {
    method: 'DELETE',
    path: '/guilds/{guild_id}/members/{user_id}',
    auth: 'bot',
    handle: (context) => {
      const record = guildOf(context);
      const userId = context.params.user_id as string;
      memberOr404(record, userId);
      requireBotPermissions(context.world, record.guild.id, PermissionFlagsBits.KickMembers);
      requireBotAboveMember(context.world, record, userId);
      context.world.removeMember(record.guild.id, userId);
      audit(context, record.guild.id, AuditLogEvent.MemberKick, userId);
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    path: '/guilds/{guild_id}/bans',
    auth: 'bot',
    handle: (context) => {
      const record = guildOf(context);
      requireBotPermissions(context.world, record.guild.id, PermissionFlagsBits.BanMembers);
      const limit = readLimit(context.query, 1000, 1000);
      const before = readSnowflake(context.query, 'before');
      const after = readSnowflake(context.query, 'after');
      let ids = [...record.bans.keys()].sort(byId);
      if (after !== undefined) ids = ids.filter((id) => byId(id, after) > 0).slice(0, limit);
      else if (before !== undefined) ids = ids.filter((id) => byId(id, before) < 0).slice(-limit);
      else ids = ids.slice(0, limit);
      return { status: 200, body: ids.map((id) => record.bans.get(id)) };
    },
  },
  {
    method: 'GET',
    path: '/guilds/{guild_id}/bans/{user_id}',
    auth: 'bot',
    handle: (context) => {
      const record = guildOf(context);
      requireBotPermissions(context.world, record.guild.id, PermissionFlagsBits.BanMembers);
      const ban = record.bans.get(context.params.user_id as string);
      if (ban === undefined) throw DiscordHttpError.notFound(RESTJSONErrorCodes.UnknownBan, 'Unknown Ban');
      return { status: 200, body: ban };
    },
  },
  {
    method: 'PUT',
    path: '/guilds/{guild_id}/bans/{user_id}',
    auth: 'bot',
    schema: { kind: 'object', fields: { delete_message_seconds: { kind: 'integer', min: 0, max: 604800 }, delete_message_days: { kind: 'integer', min: 0, max: 7 } } },
    handle: (context) => {
      const { world } = context;
      const record = guildOf(context);
      const userId = context.params.user_id as string;
      const user = world.users.get(userId);
      if (user === undefined) throw DiscordHttpError.notFound(RESTJSONErrorCodes.UnknownUser, 'Unknown User');
      requireBotPermissions(world, record.guild.id, PermissionFlagsBits.BanMembers);
      requireBotAboveMember(world, record, userId);
      world.ban(record.guild.id, user, context.auditLogReason ?? null);
      audit(context, record.guild.id, AuditLogEvent.MemberBanAdd, userId);
      return { status: 204 };
    },
  },
  {
    method: 'DELETE',
    path: '/guilds/{guild_id}/bans/{user_id}',
    auth: 'bot',
    handle: (context) => {
      const record = guildOf(context);
      requireBotPermissions(context.world, record.guild.id, PermissionFlagsBits.BanMembers);
      if (!context.world.unban(record.guild.id, context.params.user_id as string)) throw DiscordHttpError.notFound(RESTJSONErrorCodes.UnknownBan, 'Unknown Ban');
      audit(context, record.guild.id, AuditLogEvent.MemberBanRemove, context.params.user_id as string);
      return { status: 204 };
    },
  },
];
