import { AuditLogEvent, ChannelType, GatewayDispatchEvents, GatewayIntentBits, PermissionFlagsBits, RESTJSONErrorCodes } from 'discord-api-types/v10';
import { guildOr404, requireBotPermissions } from '../access';
import { audit } from '../audit';
import { DiscordHttpError } from '../discord-http-error';
import type { RouteDefinition } from '../route';
import type { ValidationSchema } from '../validation';
import { channelPatch, channelPatchSchema } from './channel-routes';
import { toApiChannel, type StoredChannel } from '../../world/stored-channel';

const MAX_ROLES = 250;
const MAX_CHANNELS = 500;
const CREATABLE = [ChannelType.GuildText, ChannelType.GuildVoice, ChannelType.GuildCategory, ChannelType.GuildAnnouncement, ChannelType.GuildStageVoice, ChannelType.GuildForum, ChannelType.GuildMedia];

/** The guild object, its channels (list, create) and its roles (list, create). */
export const guildRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/guilds/{guild_id}',
    auth: 'bot',
    handle: ({ world, params, query }) => {
      const record = guildOr404(world, params.guild_id as string);
      const guild = world.guildView(record);
      const withCounts = query.get('with_counts');
      if (withCounts === 'true' || withCounts === 'True' || withCounts === '1') {
        return { status: 200, body: { ...guild, approximate_member_count: record.members.size, approximate_presence_count: 0 } };
      }
      return { status: 200, body: guild };
    },
  },
  {
    method: 'PATCH',
    path: '/guilds/{guild_id}',
    auth: 'bot',
    schema: {
      kind: 'object',
      fields: {
        name: { kind: 'string', min: 2, max: 100 },
        description: { kind: 'string', max: 120, nullable: true },
        system_channel_id: { kind: 'snowflake', nullable: true },
        rules_channel_id: { kind: 'snowflake', nullable: true },
        afk_timeout: { kind: 'choice', values: [60, 300, 900, 1800, 3600] },
        verification_level: { kind: 'choice', values: [0, 1, 2, 3, 4] },
        preferred_locale: { kind: 'string', nullable: true },
      },
    },
    handle: (context) => {
      const { world, params, body } = context;
      const record = guildOr404(world, params.guild_id as string);
      requireBotPermissions(world, record.guild.id, PermissionFlagsBits.ManageGuild);
      const input = (body ?? {}) as Record<string, unknown>;
      for (const key of ['system_channel_id', 'rules_channel_id'] as const) {
        const id = input[key];
        if (typeof id === 'string' && !record.channelIds.includes(id)) {
          throw DiscordHttpError.invalidForm({ [key]: { _errors: [{ code: 'CHANNEL_INVALID', message: 'Unknown channel' }] } });
        }
      }
      const changes: { key: string; old_value: unknown; new_value: unknown }[] = [];
      const guild = record.guild as unknown as Record<string, unknown>;
      for (const key of ['name', 'description', 'system_channel_id', 'rules_channel_id', 'afk_timeout', 'verification_level', 'preferred_locale']) {
        if (input[key] === undefined) continue;
        changes.push({ key, old_value: guild[key], new_value: input[key] });
        guild[key] = input[key];
      }
      const view = world.guildView(record);
      world.dispatch({ t: GatewayDispatchEvents.GuildUpdate, d: view, guildId: record.guild.id, intents: GatewayIntentBits.Guilds });
      if (changes.length > 0) audit(context, record.guild.id, AuditLogEvent.GuildUpdate, record.guild.id, { changes });
      return { status: 200, body: view };
    },
  },
  {
    method: 'GET',
    path: '/guilds/{guild_id}/channels',
    auth: 'bot',
    handle: ({ world, params }) => {
      const record = guildOr404(world, params.guild_id as string);
      return { status: 200, body: record.channelIds.map((id) => toApiChannel(world.channels.get(id) as StoredChannel)) };
    },
  },
  {
    method: 'POST',
    path: '/guilds/{guild_id}/channels',
    auth: 'bot',
    schema: {
      kind: 'object',
      fields: { ...(channelPatchSchema as { fields: object }).fields, name: { kind: 'string', required: true, min: 1, max: 100 }, type: { kind: 'choice', values: CREATABLE } },
    } as ValidationSchema,
    handle: (context) => {
      const { world, params, body } = context;
      const record = guildOr404(world, params.guild_id as string);
      requireBotPermissions(world, record.guild.id, PermissionFlagsBits.ManageChannels);
      if (record.channelIds.length >= MAX_CHANNELS) throw DiscordHttpError.badRequest(RESTJSONErrorCodes.MaximumNumberOfGuildChannelsReached, 'Maximum number of guild channels reached (500)');
      const input = body as { name: string; type?: ChannelType } & Record<string, unknown>;
      const parentId = input.parent_id;
      if (typeof parentId === 'string' && world.channels.get(parentId)?.type !== ChannelType.GuildCategory) {
        throw DiscordHttpError.invalidForm({ parent_id: { _errors: [{ code: 'CHANNEL_PARENT_INVALID', message: 'Category does not exist' }] } });
      }
      const channel = world.createChannel(record.guild.id, { ...channelPatch(input), name: input.name, type: input.type ?? ChannelType.GuildText });
      audit(context, record.guild.id, AuditLogEvent.ChannelCreate, channel.id, { changes: [{ key: 'name', new_value: channel.name }, { key: 'type', new_value: channel.type }] });
      return { status: 201, body: toApiChannel(channel) };
    },
  },
  {
    method: 'GET',
    path: '/guilds/{guild_id}/roles',
    auth: 'bot',
    handle: ({ world, params }) => ({ status: 200, body: [...guildOr404(world, params.guild_id as string).roles.values()] }),
  },
  {
    method: 'POST',
    path: '/guilds/{guild_id}/roles',
    auth: 'bot',
    schema: {
      kind: 'object',
      fields: {
        name: { kind: 'string', max: 100 },
        permissions: { kind: 'string', pattern: /^\d{1,20}$/, patternMessage: 'Must be a permission bitfield string.' },
        color: { kind: 'integer', min: 0, max: 0xffffff },
        hoist: { kind: 'boolean' },
        mentionable: { kind: 'boolean' },
        unicode_emoji: { kind: 'string', nullable: true },
      },
    },
    handle: (context) => {
      const { world, params, body } = context;
      const record = guildOr404(world, params.guild_id as string);
      requireBotPermissions(world, record.guild.id, PermissionFlagsBits.ManageRoles);
      if (record.roles.size >= MAX_ROLES) throw DiscordHttpError.badRequest(RESTJSONErrorCodes.MaximumNumberOfGuildRolesReached, 'Maximum number of guild roles reached (250)');
      const input = (body ?? {}) as { name?: string; permissions?: string; color?: number; hoist?: boolean; mentionable?: boolean };
      const role = world.createRole(record.guild.id, {
        name: input.name ?? 'new role',
        permissionBits: BigInt(input.permissions ?? '0'),
        color: input.color ?? 0,
        colors: { primary_color: input.color ?? 0, secondary_color: null, tertiary_color: null },
        hoist: input.hoist ?? false,
        mentionable: input.mentionable ?? false,
      });
      audit(context, record.guild.id, AuditLogEvent.RoleCreate, role.id, { changes: [{ key: 'name', new_value: role.name }, { key: 'permissions', new_value: role.permissions }] });
      return { status: 200, body: role };
    },
  },
];
