import { AuditLogEvent, ChannelType, PermissionFlagsBits, RESTJSONErrorCodes } from 'discord-api-types/v10';
import { accessibleChannel, channelOr404, requireBotPermissions } from '../access';
import { audit } from '../audit';
import { DiscordHttpError } from '../discord-http-error';
import type { RouteDefinition } from '../route';
import type { ValidationSchema } from '../validation';
import type { StoredChannel } from '../../world/stored-channel';
import { isThread, toApiChannel } from '../../world/stored-channel';

const overwriteSchema: ValidationSchema = {
  kind: 'object',
  fields: { id: { kind: 'snowflake', required: true }, type: { kind: 'choice', values: [0, 1], required: true }, allow: { kind: 'string' }, deny: { kind: 'string' } },
};

/** Fields `PATCH /channels/{id}` accepts for guild channels. */
export const channelPatchSchema: ValidationSchema = {
  kind: 'object',
  fields: {
    name: { kind: 'string', min: 1, max: 100 },
    topic: { kind: 'string', max: 1024, nullable: true },
    nsfw: { kind: 'boolean', nullable: true },
    position: { kind: 'integer', nullable: true },
    rate_limit_per_user: { kind: 'integer', min: 0, max: 21600, nullable: true },
    bitrate: { kind: 'integer', min: 8000, nullable: true },
    user_limit: { kind: 'integer', min: 0, max: 99, nullable: true },
    parent_id: { kind: 'snowflake', nullable: true },
    permission_overwrites: { kind: 'array', nullable: true, max: 100, items: overwriteSchema },
  },
};

/** Copies the accepted fields of a patch body (and nothing else) onto a channel patch. */
export function channelPatch(body: Record<string, unknown>): Partial<StoredChannel> {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys((channelPatchSchema as { fields: object }).fields)) {
    if (body[key] !== undefined) patch[key] = key === 'permission_overwrites' ? (body[key] as { allow?: string; deny?: string }[]).map((o) => ({ allow: '0', deny: '0', ...o })) : body[key];
  }
  return patch as Partial<StoredChannel>;
}

/** `GET`, `PATCH` and `DELETE /channels/{channel_id}`. */
export const channelRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/channels/{channel_id}',
    auth: 'bot',
    handle: ({ world, params }) => ({ status: 200, body: toApiChannel(accessibleChannel(world, params.channel_id as string)) }),
  },
  {
    method: 'PATCH',
    path: '/channels/{channel_id}',
    auth: 'bot',
    schema: channelPatchSchema,
    // Renames and topic changes: 2 per 10 minutes per channel, whatever the route's bucket says.
    sublimit: {
      name: 'channel-rename',
      limit: { limit: 2, windowMs: 600_000 },
      applies: (body) => typeof body === 'object' && body !== null && ('name' in body || 'topic' in body),
    },
    handle: (context) => {
      const { world, params, body } = context;
      const channel = channelOr404(world, params.channel_id as string);
      if (channel.guild_id === undefined) throw DiscordHttpError.badRequest(RESTJSONErrorCodes.CannotExecuteActionOnDMChannel, 'Cannot execute action on a DM channel');
      const patch = channelPatch((body ?? {}) as Record<string, unknown>);
      requireBotPermissions(world, channel.guild_id, PermissionFlagsBits.ManageChannels | (patch.permission_overwrites === undefined ? 0n : PermissionFlagsBits.ManageRoles), channel);
      const changes = Object.entries(patch).map(([key, value]) => ({ key, old_value: channel[key as keyof StoredChannel], new_value: value }));
      const updated = toApiChannel(world.updateChannel(channel, patch));
      audit(context, channel.guild_id, AuditLogEvent.ChannelUpdate, channel.id, { changes });
      return { status: 200, body: updated };
    },
  },
  {
    method: 'DELETE',
    path: '/channels/{channel_id}',
    auth: 'bot',
    handle: (context) => {
      const { world, params } = context;
      const channel = channelOr404(world, params.channel_id as string);
      if (channel.type !== ChannelType.DM) requireBotPermissions(world, channel.guild_id, PermissionFlagsBits.ManageChannels, channel);
      const snapshot = toApiChannel(channel);
      if (channel.type !== ChannelType.DM) {
        world.deleteChannel(channel);
        audit(context, channel.guild_id, isThread(channel) ? AuditLogEvent.ThreadDelete : AuditLogEvent.ChannelDelete, channel.id, { changes: [{ key: 'name', old_value: channel.name }] });
      }
      return { status: 200, body: snapshot };
    },
  },
];
