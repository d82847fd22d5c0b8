import { AuditLogEvent, PermissionFlagsBits, RESTJSONErrorCodes, type APIRole } from 'discord-api-types/v10';
import { guildOr404, requireBotAbove, requireBotPermissions } from '../access';
import { audit } from '../audit';
import { DiscordHttpError } from '../discord-http-error';
import type { RouteContext, RouteDefinition } from '../route';
import type { GuildRecord } from '../../world/world';

function roleOr404(record: GuildRecord, roleId: string): APIRole {
  const role = record.roles.get(roleId);
  if (role === undefined) throw DiscordHttpError.notFound(RESTJSONErrorCodes.UnknownRole, 'Unknown Role');
  return role;
}

function managed(context: RouteContext): { record: GuildRecord; role: APIRole } {
  const record = guildOr404(context.world, context.params.guild_id as string);
  requireBotPermissions(context.world, record.guild.id, PermissionFlagsBits.ManageRoles);
  const role = roleOr404(record, context.params.role_id as string);
  requireBotAbove(context.world, record.guild.id, role.position);
  return { record, role };
}

/** One role (get, edit, delete) and adding or removing a role on a member. */
export const roleRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/guilds/{guild_id}/roles/{role_id}',
    auth: 'bot',
    handle: (context) => ({ status: 200, body: roleOr404(guildOr404(context.world, context.params.guild_id as string), context.params.role_id as string) }),
  },
  {
    method: 'PATCH',
    path: '/guilds/{guild_id}/roles/{role_id}',
    auth: 'bot',
    schema: {
      kind: 'object',
      fields: {
        name: { kind: 'string', max: 100, nullable: true },
        permissions: { kind: 'string', pattern: /^\d{1,20}$/, patternMessage: 'Must be a permission bitfield string.', nullable: true },
        color: { kind: 'integer', min: 0, max: 0xffffff, nullable: true },
        hoist: { kind: 'boolean', nullable: true },
        mentionable: { kind: 'boolean', nullable: true },
      },
    },
    handle: (context) => {
      const { record, role } = managed(context);
      const input = (context.body ?? {}) as { name?: string; permissions?: string; color?: number; hoist?: boolean; mentionable?: boolean };
      const patch: Partial<APIRole> = {};
      if (typeof input.name === 'string') patch.name = input.name;
      if (typeof input.permissions === 'string') patch.permissions = BigInt(input.permissions).toString();
      if (typeof input.color === 'number') {
        patch.color = input.color;
        patch.colors = { primary_color: input.color, secondary_color: null, tertiary_color: null };
      }
      if (typeof input.hoist === 'boolean') patch.hoist = input.hoist;
      if (typeof input.mentionable === 'boolean') patch.mentionable = input.mentionable;
      const changes = Object.entries(patch).map(([key, value]) => ({ key, old_value: role[key as keyof typeof role], new_value: value }));
      const updated = context.world.updateRole(record.guild.id, role, patch);
      audit(context, record.guild.id, AuditLogEvent.RoleUpdate, role.id, { changes });
      return { status: 200, body: updated };
    },
  },
  {
    method: 'DELETE',
    path: '/guilds/{guild_id}/roles/{role_id}',
    auth: 'bot',
    handle: (context) => {
      const { record, role } = managed(context);
      // @everyone and integration-managed roles cannot be deleted.
      if (role.id === record.guild.id || role.managed) throw DiscordHttpError.badRequest(RESTJSONErrorCodes.InvalidRole, 'Invalid Role');
      context.world.deleteRole(record.guild.id, role.id);
      audit(context, record.guild.id, AuditLogEvent.RoleDelete, role.id, { changes: [{ key: 'name', old_value: role.name }] });
      return { status: 204 };
    },
  },
  ...(['PUT', 'DELETE'] as const).map(
    (method): RouteDefinition => ({
      method,
      path: '/guilds/{guild_id}/members/{user_id}/roles/{role_id}',
      auth: 'bot',
      handle: (context) => {
        const { record, role } = managed(context);
        const member = record.members.get(context.params.user_id as string);
        if (member === undefined) throw DiscordHttpError.notFound(RESTJSONErrorCodes.UnknownMember, 'Unknown Member');
        if (role.id === record.guild.id || role.managed) throw DiscordHttpError.badRequest(RESTJSONErrorCodes.InvalidRole, 'Invalid Role');
        const has = member.roles.includes(role.id);
        if (method === 'PUT' && !has) context.world.updateMember(record.guild.id, member, { roles: [...member.roles, role.id] });
        if (method === 'DELETE' && has) context.world.updateMember(record.guild.id, member, { roles: member.roles.filter((id) => id !== role.id) });
        if (has !== (method === 'PUT')) audit(context, record.guild.id, AuditLogEvent.MemberRoleUpdate, member.user.id, { changes: [{ key: method === 'PUT' ? '$add' : '$remove', new_value: [{ id: role.id, name: role.name }] }] });
        return { status: 204 };
      },
    }),
  ),
];
