import { AuditLogEvent, ChannelType, GatewayDispatchEvents, GatewayIntentBits, PermissionFlagsBits, RESTJSONErrorCodes } from 'discord-api-types/v10';
import { accessibleChannel, messageOr404, readLimit, readSnowflake } from '../access';
import { audit } from '../audit';
import { DiscordHttpError } from '../discord-http-error';
import { parseMessageBody } from '../message-body';
import { createMessage, editMessage } from '../message-factory';
import type { RouteDefinition } from '../route';

// Categories hold no messages; forum and media channels take posts only as threads.
const NOT_TEXT = new Set<ChannelType>([ChannelType.GuildCategory, ChannelType.GuildForum, ChannelType.GuildMedia, ChannelType.GuildDirectory]);
const TWO_WEEKS_MS = 14 * 24 * 3600 * 1000;
const DISCORD_EPOCH = 1_420_070_400_000n;

function createdAt(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/** Channel messages: list (before/after/around/limit), create (JSON or multipart), get, edit, delete, bulk delete. */
export const messageRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/channels/{channel_id}/messages',
    auth: 'bot',
    handle: ({ world, params, query }) => {
      const channel = accessibleChannel(world, params.channel_id as string, PermissionFlagsBits.ViewChannel);
      const limit = readLimit(query, 50, 100);
      const anchors = (['before', 'after', 'around'] as const).map((name) => [name, readSnowflake(query, name)] as const).filter(([, value]) => value !== undefined);
      if ((world.permissionsOf(channel.guild_id ?? '', world.botUser.id, channel) & PermissionFlagsBits.ReadMessageHistory) === 0n && channel.guild_id !== undefined) {
        return { status: 200, body: [] };
      }
      const [anchor] = anchors;
      const list = world.messages.list(channel.id, anchor === undefined ? { limit } : { [anchor[0]]: anchor[1], limit });
      return { status: 200, body: list };
    },
  },
  {
    method: 'POST',
    path: '/channels/{channel_id}/messages',
    auth: 'bot',
    multipart: true,
    limit: { limit: 5, windowMs: 5000 },
    handle: ({ world, params, body, files }) => {
      const channel = accessibleChannel(world, params.channel_id as string, PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages);
      if (NOT_TEXT.has(channel.type)) throw DiscordHttpError.badRequest(RESTJSONErrorCodes.CannotSendMessagesInNonTextChannel, 'Cannot send messages in a non-text channel');
      const message = parseMessageBody(body, files, true);
      if (files.length > 0 && channel.guild_id !== undefined && (world.permissionsOf(channel.guild_id, world.botUser.id, channel) & PermissionFlagsBits.AttachFiles) === 0n) {
        throw DiscordHttpError.forbidden(RESTJSONErrorCodes.MissingPermissions, 'Missing Permissions');
      }
      return { status: 200, body: createMessage(world, channel, world.botUser, message, files) };
    },
  },
  {
    method: 'POST',
    path: '/channels/{channel_id}/typing',
    auth: 'bot',
    handle: ({ world, params }) => {
      const channel = accessibleChannel(world, params.channel_id as string, PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages);
      const guildId = channel.guild_id ?? null;
      const d: Record<string, unknown> = { channel_id: channel.id, user_id: world.botUser.id, timestamp: Math.floor(Date.now() / 1000) };
      if (guildId !== null) d.guild_id = guildId;
      world.dispatch({ t: GatewayDispatchEvents.TypingStart, d, guildId, intents: guildId === null ? GatewayIntentBits.DirectMessageTyping : GatewayIntentBits.GuildMessageTyping });
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    path: '/channels/{channel_id}/messages/{message_id}',
    auth: 'bot',
    handle: ({ world, params }) => {
      const channel = accessibleChannel(world, params.channel_id as string, PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ReadMessageHistory);
      return { status: 200, body: messageOr404(world, channel.id, params.message_id as string) };
    },
  },
  {
    method: 'PATCH',
    path: '/channels/{channel_id}/messages/{message_id}',
    auth: 'bot',
    multipart: true,
    handle: ({ world, params, body, files }) => {
      const channel = accessibleChannel(world, params.channel_id as string);
      const message = messageOr404(world, channel.id, params.message_id as string);
      return { status: 200, body: editMessage(world, message, parseMessageBody(body, files, false), files) };
    },
  },
  {
    method: 'DELETE',
    path: '/channels/{channel_id}/messages/{message_id}',
    auth: 'bot',
    handle: (context) => {
      const { world, params } = context;
      const channel = accessibleChannel(world, params.channel_id as string);
      const message = messageOr404(world, channel.id, params.message_id as string);
      if (message.author.id !== world.botUser.id) {
        accessibleChannel(world, channel.id, PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ManageMessages);
        // Only deleting someone else's message leaves an audit entry, as on Discord.
        audit(context, channel.guild_id, AuditLogEvent.MessageDelete, message.author.id, { options: { channel_id: channel.id, count: '1' } });
      }
      world.deleteMessages(channel, [message.id]);
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    path: '/channels/{channel_id}/messages/bulk-delete',
    auth: 'bot',
    schema: { kind: 'object', fields: { messages: { kind: 'array', required: true, min: 2, max: 100, items: { kind: 'snowflake' } } } },
    handle: (context) => {
      const { world, params, body } = context;
      const channel = accessibleChannel(world, params.channel_id as string, PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ManageMessages);
      if (channel.guild_id === undefined) throw DiscordHttpError.badRequest(RESTJSONErrorCodes.CannotExecuteActionOnDMChannel, 'Cannot execute action on a DM channel');
      const ids = [...new Set((body as { messages: string[] }).messages.map(String))];
      const now = Date.now();
      if (ids.some((id) => now - createdAt(id) > TWO_WEEKS_MS)) {
        throw DiscordHttpError.badRequest(RESTJSONErrorCodes.OneOfTheMessagesProvidedWasTooOldForBulkDelete, 'You can only bulk delete messages that are under 14 days old.');
      }
      const existing = ids.filter((id) => world.messages.get(channel.id, id) !== undefined);
      if (existing.length > 0) {
        world.deleteMessages(channel, existing, true);
        audit(context, channel.guild_id, AuditLogEvent.MessageBulkDelete, channel.id, { options: { count: String(existing.length) } });
      }
      return { status: 204 };
    },
  },
];
