// Channels and threads appearing, changing and going (CHANNEL_* / THREAD_CREATE / THREAD_DELETE).
import { ChannelType, GatewayDispatchEvents, GatewayIntentBits, type APIMessage } from 'discord-api-types/v10';
import { makeDmChannel, makeGuildChannel } from './entity-defaults';
import { isThread, toApiChannel, type StoredChannel } from './stored-channel';
import { buildThread, type ThreadOptions } from './thread-factory';
import type { World } from './world';

export function createChannel(world: World, guildId: string, fields: Partial<StoredChannel> & { name: string; type?: ChannelType }): StoredChannel {
  const record = world.requireGuild(guildId);
  const type = fields.type ?? ChannelType.GuildText;
  const { name, ...rest } = fields;
  const channel = makeGuildChannel(world.ids.next(), guildId, name, type, fields.position ?? record.channelIds.length, { ...rest, type });
  world.channels.set(channel.id, channel);
  record.channelIds.push(channel.id);
  world.dispatch({ t: GatewayDispatchEvents.ChannelCreate, d: toApiChannel(channel), guildId, intents: GatewayIntentBits.Guilds });
  return channel;
}

export function updateChannel(world: World, channel: StoredChannel, patch: Partial<StoredChannel>): StoredChannel {
  Object.assign(channel, patch);
  world.dispatch({ t: GatewayDispatchEvents.ChannelUpdate, d: toApiChannel(channel), guildId: channel.guild_id ?? null, intents: GatewayIntentBits.Guilds });
  return channel;
}

export function deleteChannel(world: World, channel: StoredChannel): void {
  world.channels.delete(channel.id);
  world.messages.removeChannel(channel.id);
  world.pins.delete(channel.id);
  world.invites.removeChannel(channel.id);
  const record = channel.guild_id === undefined ? undefined : world.guilds.get(channel.guild_id);
  const guildId = channel.guild_id ?? null;
  if (isThread(channel)) {
    world.threadMembers.removeThread(channel.id);
    record?.threadIds.splice(record.threadIds.indexOf(channel.id), 1);
    world.dispatch({ t: GatewayDispatchEvents.ThreadDelete, d: { id: channel.id, guild_id: guildId, parent_id: channel.parent_id, type: channel.type }, guildId, intents: GatewayIntentBits.Guilds });
    return;
  }
  if (record !== undefined) {
    record.channelIds.splice(record.channelIds.indexOf(channel.id), 1);
    // A deleted channel takes its threads with it.
    for (const threadId of [...record.threadIds]) {
      const thread = world.channels.get(threadId);
      if (thread?.parent_id === channel.id) world.deleteChannel(thread);
    }
  }
  world.dispatch({ t: GatewayDispatchEvents.ChannelDelete, d: toApiChannel(channel), guildId, intents: GatewayIntentBits.Guilds });
}

/**
 * Starts a thread under a text, announcement or forum channel. A thread started from a message
 * takes that message's id, as on Discord. THREAD_CREATE with `newly_created`.
 */
export function createThread(world: World, parent: StoredChannel, options: ThreadOptions): StoredChannel {
  const thread = buildThread(options.fromMessage?.id ?? world.ids.next(), parent, options);
  const guildId = parent.guild_id as string;
  world.channels.set(thread.id, thread);
  world.guilds.get(guildId)?.threadIds.push(thread.id);
  // The creator is the thread's first member (buildThread's member_count of 1).
  world.threadMembers.add(thread.id, options.ownerId);
  if (options.fromMessage !== undefined) options.fromMessage.thread = toApiChannel(thread) as NonNullable<APIMessage['thread']>;
  world.dispatch({ t: GatewayDispatchEvents.ThreadCreate, d: { ...toApiChannel(thread), newly_created: true }, guildId, intents: GatewayIntentBits.Guilds });
  return thread;
}

/** The bot's DM channel with a user (created once, as Discord does). */
export function dmChannel(world: World, dmByUser: Map<string, string>, userId: string): StoredChannel {
  const existing = dmByUser.get(userId);
  if (existing !== undefined) return world.channels.get(existing) as StoredChannel;
  const channel = makeDmChannel(world.ids.next(), world.requireUser(userId));
  world.channels.set(channel.id, channel);
  dmByUser.set(userId, channel.id);
  return channel;
}
