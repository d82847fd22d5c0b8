import {
  GatewayDispatchEvents,
  GatewayIntentBits,
  MessageType,
  PermissionFlagsBits,
  type APIEmbed,
  type APIMessage,
  type MessageFlags,
} from 'discord-api-types/v10';
import { FakeDiscordError } from '../fake-discord-error';
import { parseMentions } from '../rest/mentions';
import { normalizeEmbed } from '../rest/message-body';
import { parseEmoji } from './emoji';
import type { World } from './world';

/** A message a user posts: text, or text with embeds and a reply target. */
export type UserMessageInput = string | { readonly content: string; readonly embeds?: APIEmbed[]; readonly replyTo?: string };

/**
 * What users (not the bot) do in the world: post, edit and delete messages, react. Each action is
 * checked the way Discord's client would allow it and announced to the gateway.
 */
export class UserActions {
  public constructor(private readonly world: World) {}

  /** Posts as a user after checking membership and View Channel + Send Messages (or the DM recipient). */
  public post(channelId: string, userId: string, input: UserMessageInput): APIMessage {
    const channel = this.world.requireChannel(channelId);
    const author = this.world.requireUser(userId);
    const guildId = channel.guild_id ?? null;
    if (guildId !== null) {
      if (!this.world.guilds.get(guildId)?.members.has(userId)) {
        throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_UNKNOWN_ENTITY', `User ${userId} is not a member of guild ${guildId}; add them with discord.addMember(guildId, userId) first.`);
      }
      const required = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages;
      if ((this.world.permissionsOf(guildId, userId, channel) & required) !== required) {
        throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_OPTION', `User ${userId} cannot send messages in channel ${channelId} (missing View Channel or Send Messages); Discord would not let them post.`);
      }
    } else if (channel.recipients?.some((r) => r.id === userId) !== true) {
      throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_OPTION', `User ${userId} is not the recipient of DM channel ${channelId}; use discord.dmChannel(userId) to get their DM with the bot.`);
    }
    const content = typeof input === 'string' ? input : input.content;
    const replyTo = typeof input === 'string' ? undefined : input.replyTo;
    const referenced = replyTo === undefined ? undefined : this.world.messages.get(channelId, replyTo);
    if (replyTo !== undefined && referenced === undefined) {
      throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_UNKNOWN_ENTITY', `No message ${replyTo} in channel ${channelId} to reply to.`);
    }
    const message: APIMessage = {
      id: this.world.ids.next(),
      channel_id: channelId,
      author,
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      ...parseMentions(this.world, guildId, content),
      attachments: [],
      embeds: typeof input === 'string' ? [] : (input.embeds ?? []).map(normalizeEmbed),
      pinned: false,
      type: referenced === undefined ? MessageType.Default : MessageType.Reply,
      flags: 0 as MessageFlags,
      components: [],
    };
    if (referenced !== undefined) {
      message.message_reference = { type: 0, message_id: referenced.id, channel_id: channelId, ...(guildId === null ? {} : { guild_id: guildId }) };
      message.referenced_message = referenced;
    }
    return this.world.addMessage(message);
  }

  /** The author's edit: new content and mentions, `edited_timestamp`, MESSAGE_UPDATE. */
  public edit(messageId: string, content: string): APIMessage {
    const message = this.requireMessage(messageId);
    const channel = this.world.requireChannel(message.channel_id);
    message.content = content;
    Object.assign(message, parseMentions(this.world, channel.guild_id ?? null, content));
    message.edited_timestamp = new Date().toISOString();
    this.world.announceMessageUpdate(message);
    return structuredClone(message);
  }

  /** Removes a message (MESSAGE_DELETE), whoever deleted it. */
  public delete(messageId: string): void {
    const message = this.requireMessage(messageId);
    this.world.deleteMessages(this.world.requireChannel(message.channel_id), [message.id]);
  }

  private requireMessage(messageId: string): APIMessage {
    const message = this.world.messages.findById(messageId);
    if (message === undefined) throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_UNKNOWN_ENTITY', `No message ${messageId} in the fake world; post one with discord.postMessage(...) first.`);
    return message;
  }

  public react(messageId: string, userId: string, raw: string, add: boolean): void {
    const world = this.world;
    const message = world.messages.findById(messageId);
    if (message === undefined) throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_UNKNOWN_ENTITY', `No message ${messageId} in the fake world to react to.`);
    const emoji = parseEmoji(raw);
    if (emoji === undefined) throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_OPTION', `"${raw}" is not an emoji: use a unicode emoji such as "👍" or a custom one as "name:id".`);
    const user = world.requireUser(userId);
    const channel = world.requireChannel(message.channel_id);
    const guildId = channel.guild_id ?? null;
    const member = guildId === null ? undefined : world.guilds.get(guildId)?.members.get(userId);
    if (guildId !== null && member === undefined) {
      throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_UNKNOWN_ENTITY', `User ${userId} is not a member of guild ${guildId}; add them with discord.addMember(guildId, userId) first.`);
    }
    const changed = add ? world.messages.react(message, emoji, user.id, world.botUser.id) : world.messages.unreact(message, world.botUser.id, emoji, user.id);
    if (!changed) return;
    const d: Record<string, unknown> = { user_id: user.id, channel_id: channel.id, message_id: message.id, emoji, burst: false, type: 0 };
    if (guildId !== null) d.guild_id = guildId;
    if (add) {
      d.message_author_id = message.author.id;
      if (member !== undefined) d.member = member;
    }
    world.dispatch({
      t: add ? GatewayDispatchEvents.MessageReactionAdd : GatewayDispatchEvents.MessageReactionRemove,
      d,
      guildId,
      intents: guildId === null ? GatewayIntentBits.DirectMessageReactions : GatewayIntentBits.GuildMessageReactions,
    });
  }
}
