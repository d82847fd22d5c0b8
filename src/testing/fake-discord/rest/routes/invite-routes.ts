import { AuditLogEvent, ChannelType, InviteTargetType, PermissionFlagsBits, RESTJSONErrorCodes } from 'discord-api-types/v10';
import { accessibleChannel, guildOr404, readSnowflake, requireBotPermissions } from '../access';
import { audit } from '../audit';
import { DiscordHttpError } from '../discord-http-error';
import type { RouteContext, RouteDefinition } from '../route';
import type { ValidationSchema } from '../validation';
import { toApiInvite, type StoredInvite } from '../../world/invite-store';
import { toApiScheduledEvent } from '../../world/scheduled-event-store';
import type { StoredChannel } from '../../world/stored-channel';
import type { World } from '../../world/world';

// Discord caps a guild at 1000 invites (30016).
const MAX_INVITES_PER_GUILD = 1000;
// Channels a guild invite can point at: no threads, categories or DMs.
const INVITABLE = new Set<ChannelType>([ChannelType.GuildText, ChannelType.GuildVoice, ChannelType.GuildAnnouncement, ChannelType.GuildStageVoice, ChannelType.GuildForum, ChannelType.GuildMedia]);

interface InviteBody {
  max_age?: number | null;
  max_uses?: number | null;
  temporary?: boolean | null;
  unique?: boolean | null;
  target_type?: InviteTargetType | null;
  target_user_id?: string | null;
  target_application_id?: string | null;
}

// CreateGuildInviteRequest in the oracle: every field optional and nullable, max_age up to 5 184 000 s.
const inviteSchema: ValidationSchema = {
  kind: 'object',
  fields: {
    max_age: { kind: 'integer', min: 0, max: 5_184_000, nullable: true },
    max_uses: { kind: 'integer', min: 0, max: 100, nullable: true },
    temporary: { kind: 'boolean', nullable: true },
    unique: { kind: 'boolean', nullable: true },
    target_type: { kind: 'choice', values: [InviteTargetType.Stream, InviteTargetType.EmbeddedApplication], nullable: true },
    target_user_id: { kind: 'snowflake', nullable: true },
    target_application_id: { kind: 'snowflake', nullable: true },
  },
};

function inviteOr404(world: World, code: string): StoredInvite {
  const invite = world.invites.get(code);
  if (invite === undefined) throw DiscordHttpError.notFound(RESTJSONErrorCodes.UnknownInvite, 'Unknown Invite');
  return invite;
}

function view(world: World, invite: StoredInvite, withMetadata: boolean, withCounts = false): unknown {
  const record = world.guilds.get(invite.guildId);
  const channel = world.channels.get(invite.channelId) as StoredChannel;
  if (record === undefined) throw DiscordHttpError.notFound(RESTJSONErrorCodes.UnknownInvite, 'Unknown Invite');
  return toApiInvite(invite, record.guild, channel, withMetadata, withCounts ? { members: record.members.size } : undefined);
}

function requiredField(name: string): DiscordHttpError {
  return DiscordHttpError.invalidForm({ [name]: { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }] } });
}

/** Reuses the bot's live invite with the same settings, as Discord does unless `unique` is true. */
function reusable(world: World, channel: StoredChannel, body: InviteBody): StoredInvite | undefined {
  if (body.unique === true || body.target_type != null) return undefined;
  const maxAge = body.max_age ?? 86_400;
  const maxUses = body.max_uses ?? 0;
  const temporary = body.temporary ?? false;
  return world.invites.list((i) => i.channelId === channel.id && i.inviter?.id === world.botUser.id && i.maxAge === maxAge && i.maxUses === maxUses && i.temporary === temporary && i.targetType === undefined)[0];
}

function createInvite(context: RouteContext): { status: 200; body: unknown } {
  const { world, params } = context;
  const channel = accessibleChannel(world, params.channel_id as string, PermissionFlagsBits.ViewChannel | PermissionFlagsBits.CreateInstantInvite);
  if (channel.guild_id === undefined || !INVITABLE.has(channel.type)) {
    throw DiscordHttpError.badRequest(RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType, 'Cannot execute action on this channel type');
  }
  const body = (context.body ?? {}) as InviteBody;
  const existing = reusable(world, channel, body);
  if (existing !== undefined) return { status: 200, body: view(world, existing, true) };
  if (body.target_type === InviteTargetType.Stream && body.target_user_id == null) throw requiredField('target_user_id');
  if (body.target_type === InviteTargetType.EmbeddedApplication && body.target_application_id == null) throw requiredField('target_application_id');
  if (body.target_user_id != null && !world.users.has(body.target_user_id)) throw DiscordHttpError.notFound(RESTJSONErrorCodes.UnknownUser, 'Unknown User');
  if (world.invites.list((i) => i.guildId === channel.guild_id).length >= MAX_INVITES_PER_GUILD) {
    throw DiscordHttpError.badRequest(RESTJSONErrorCodes.MaximumNumberOfInvitesReached, `Maximum number of invites reached (${MAX_INVITES_PER_GUILD})`);
  }
  const invite = world.createInvite(channel, world.botUser, {
    ...(body.max_age == null ? {} : { maxAge: body.max_age }),
    ...(body.max_uses == null ? {} : { maxUses: body.max_uses }),
    ...(body.temporary == null ? {} : { temporary: body.temporary }),
    ...(body.target_type == null ? {} : { targetType: body.target_type }),
    ...(body.target_user_id == null ? {} : { targetUserId: body.target_user_id }),
  });
  audit(context, channel.guild_id, AuditLogEvent.InviteCreate, null, {
    changes: [
      { key: 'code', new_value: invite.code },
      { key: 'channel_id', new_value: invite.channelId },
      { key: 'max_age', new_value: invite.maxAge },
      { key: 'max_uses', new_value: invite.maxUses },
    ],
  });
  // The oracle's create_channel_invite lists 200 (not 201) for a new invite.
  return { status: 200, body: view(world, invite, true) };
}

/**
 * Guild invites: create on a channel (reusing an equal one unless `unique`), list per channel or
 * guild (with metadata), resolve by code (no auth needed; `with_counts`, `guild_scheduled_event_id`)
 * and revoke. INVITE_CREATE and
 * INVITE_DELETE go to shards with GUILD_INVITES. Channel routes share the channel's major
 * parameter; the `/invites/{code}` routes have none, so each is one bucket per token.
 */
export const inviteRoutes: RouteDefinition[] = [
  {
    method: 'POST',
    path: '/channels/{channel_id}/invites',
    auth: 'bot',
    schema: inviteSchema,
    handle: createInvite,
  },
  {
    method: 'GET',
    path: '/channels/{channel_id}/invites',
    auth: 'bot',
    handle: ({ world, params }) => {
      const channel = accessibleChannel(world, params.channel_id as string, PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ManageChannels);
      return { status: 200, body: world.invites.list((i) => i.channelId === channel.id).map((i) => view(world, i, true)) };
    },
  },
  {
    method: 'GET',
    path: '/guilds/{guild_id}/invites',
    auth: 'bot',
    handle: ({ world, params }) => {
      const record = guildOr404(world, params.guild_id as string);
      requireBotPermissions(world, record.guild.id, PermissionFlagsBits.ManageGuild);
      return { status: 200, body: world.invites.list((i) => i.guildId === record.guild.id).map((i) => view(world, i, true)) };
    },
  },
  {
    method: 'GET',
    path: '/invites/{code}',
    auth: 'none',
    handle: ({ world, params, query }) => {
      const invite = inviteOr404(world, params.code as string);
      const body = view(world, invite, false, query.get('with_counts') === 'true') as Record<string, unknown>;
      // `guild_scheduled_event_id` attaches that event of the invite's guild; an unknown id adds nothing.
      const eventId = readSnowflake(query, 'guild_scheduled_event_id');
      const event = eventId === undefined ? undefined : world.scheduledEvents.get(invite.guildId, eventId);
      if (event !== undefined) body.guild_scheduled_event = toApiScheduledEvent(event);
      return { status: 200, body };
    },
  },
  {
    method: 'DELETE',
    path: '/invites/{code}',
    auth: 'bot',
    handle: (context) => {
      const { world, params } = context;
      const invite = inviteOr404(world, params.code as string);
      const channel = world.channels.get(invite.channelId) as StoredChannel;
      // MANAGE_CHANNELS on the invite's channel, or MANAGE_GUILD anywhere in the guild.
      const inChannel = world.permissionsOf(invite.guildId, world.botUser.id, channel);
      if ((inChannel & PermissionFlagsBits.ManageChannels) === 0n) requireBotPermissions(world, invite.guildId, PermissionFlagsBits.ManageGuild);
      const body = view(world, invite, false);
      world.deleteInvite(invite.code);
      audit(context, invite.guildId, AuditLogEvent.InviteDelete, null, { changes: [{ key: 'code', old_value: invite.code }, { key: 'channel_id', old_value: invite.channelId }] });
      return { status: 200, body };
    },
  },
];
