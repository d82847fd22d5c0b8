import { GatewayDispatchEvents, GatewayIntentBits, PermissionFlagsBits, RESTJSONErrorCodes, type APIEmoji } from 'discord-api-types/v10';
import { accessibleChannel, messageOr404, readLimit, readSnowflake } from '../access';
import { DiscordHttpError } from '../discord-http-error';
import type { RouteContext, RouteDefinition } from '../route';
import { parseEmoji } from '../../world/emoji';
import type { World } from '../../world/world';

const MAX_DISTINCT = 20;

/** The route's emoji, or 10014 Unknown Emoji. */
function emojiOr400(world: World, raw: string): APIEmoji {
  const emoji = parseEmoji(raw);
  // Bots can only use custom emojis of guilds they are in.
  if (emoji === undefined || (emoji.id !== null && world.usableEmoji(emoji.id) === undefined)) throw DiscordHttpError.badRequest(RESTJSONErrorCodes.UnknownEmoji, 'Unknown Emoji');
  return emoji;
}

function target(context: RouteContext, permissions: bigint) {
  const { world, params } = context;
  const channel = accessibleChannel(world, params.channel_id as string, permissions);
  const message = messageOr404(world, channel.id, params.message_id as string);
  return { world, channel, message };
}

function announce(world: World, t: GatewayDispatchEvents, channelId: string, guildId: string | undefined, d: Record<string, unknown>): void {
  const base = guildId === undefined ? { channel_id: channelId } : { channel_id: channelId, guild_id: guildId };
  world.dispatch({ t, d: { ...base, ...d }, guildId: guildId ?? null, intents: guildId === undefined ? GatewayIntentBits.DirectMessageReactions : GatewayIntentBits.GuildMessageReactions });
}

const READ = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ReadMessageHistory;
// Discord gives every reaction route one bucket per channel, famously 1 request per 250 ms.
const shared = { bucket: 'reactions', limit: { limit: 1, windowMs: 250 } } as const;

/** Add, remove (own, someone's, one emoji, all) and list reactions. */
export const reactionRoutes: RouteDefinition[] = [
  {
    method: 'PUT',
    path: '/channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/@me',
    auth: 'bot',
    ...shared,
    handle: (context) => {
      const { world, channel, message } = target(context, READ | PermissionFlagsBits.AddReactions);
      const emoji = emojiOr400(context.world, context.params.emoji_name as string);
      const already = world.messages.reactors(message.id, emoji).length > 0;
      if (!already && world.messages.distinctEmojiCount(message.id) >= MAX_DISTINCT) {
        throw DiscordHttpError.badRequest(RESTJSONErrorCodes.MaximumNumberOfReactionsReached, 'Maximum number of reactions reached (20)');
      }
      if (world.messages.react(message, emoji, world.botUser.id, world.botUser.id)) {
        announce(world, GatewayDispatchEvents.MessageReactionAdd, channel.id, channel.guild_id, { user_id: world.botUser.id, message_id: message.id, emoji, burst: false, type: 0 });
      }
      return { status: 204 };
    },
  },
  {
    method: 'DELETE',
    path: '/channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/@me',
    auth: 'bot',
    ...shared,
    handle: (context) => {
      const { world, channel, message } = target(context, READ);
      const emoji = emojiOr400(context.world, context.params.emoji_name as string);
      if (world.messages.unreact(message, world.botUser.id, emoji, world.botUser.id)) {
        announce(world, GatewayDispatchEvents.MessageReactionRemove, channel.id, channel.guild_id, { user_id: world.botUser.id, message_id: message.id, emoji, burst: false, type: 0 });
      }
      return { status: 204 };
    },
  },
  {
    method: 'DELETE',
    path: '/channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/{user_id}',
    auth: 'bot',
    ...shared,
    handle: (context) => {
      const { world, channel, message } = target(context, READ | PermissionFlagsBits.ManageMessages);
      const emoji = emojiOr400(context.world, context.params.emoji_name as string);
      const userId = context.params.user_id as string;
      if (world.messages.unreact(message, world.botUser.id, emoji, userId)) {
        announce(world, GatewayDispatchEvents.MessageReactionRemove, channel.id, channel.guild_id, { user_id: userId, message_id: message.id, emoji, burst: false, type: 0 });
      }
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    path: '/channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}',
    auth: 'bot',
    ...shared,
    handle: (context) => {
      const { world, message } = target(context, READ);
      const emoji = emojiOr400(context.world, context.params.emoji_name as string);
      const limit = readLimit(context.query, 25, 100);
      const after = readSnowflake(context.query, 'after');
      const ids = world.messages.reactors(message.id, emoji).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
      const users = ids.filter((id) => after === undefined || BigInt(id) > BigInt(after)).slice(0, limit).map((id) => world.users.get(id)).filter((u) => u !== undefined);
      return { status: 200, body: users };
    },
  },
  {
    method: 'DELETE',
    path: '/channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}',
    auth: 'bot',
    ...shared,
    handle: (context) => {
      const { world, channel, message } = target(context, READ | PermissionFlagsBits.ManageMessages);
      const emoji = emojiOr400(context.world, context.params.emoji_name as string);
      if (world.messages.unreact(message, world.botUser.id, emoji)) {
        announce(world, GatewayDispatchEvents.MessageReactionRemoveEmoji, channel.id, channel.guild_id, { message_id: message.id, emoji });
      }
      return { status: 204 };
    },
  },
  {
    method: 'DELETE',
    path: '/channels/{channel_id}/messages/{message_id}/reactions',
    auth: 'bot',
    ...shared,
    handle: (context) => {
      const { world, channel, message } = target(context, READ | PermissionFlagsBits.ManageMessages);
      if (world.messages.unreact(message, world.botUser.id)) {
        announce(world, GatewayDispatchEvents.MessageReactionRemoveAll, channel.id, channel.guild_id, { message_id: message.id });
      }
      return { status: 204 };
    },
  },
];
