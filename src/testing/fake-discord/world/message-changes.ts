// Messages stored, edited, pinned and deleted (MESSAGE_* / CHANNEL_PINS_UPDATE).
import { GatewayDispatchEvents, GatewayIntentBits, type APIMessage } from 'discord-api-types/v10';
import { messageDispatch } from './message-dispatch';
import type { MessageStore } from './message-store';
import type { StoredChannel } from './stored-channel';
import type { World } from './world';

/** Stores a message and announces it (MESSAGE_CREATE with the member for guild channels). */
export function addMessage(world: World, message: APIMessage, files: Parameters<MessageStore['add']>[1] = []): APIMessage {
  const channel = world.channels.get(message.channel_id);
  world.messages.add(message, files);
  if (channel !== undefined) {
    channel.last_message_id = message.id;
    if (channel.message_count !== undefined) {
      channel.message_count += 1;
      channel.total_message_sent = (channel.total_message_sent ?? 0) + 1;
    }
  }
  world.emit('message', message);
  const guildId = channel?.guild_id ?? null;
  const member = guildId === null ? undefined : world.guilds.get(guildId)?.members.get(message.author.id);
  world.dispatch(messageDispatch(GatewayDispatchEvents.MessageCreate, message, guildId, member, world.botUser.id));
  return message;
}

export function announceMessageUpdate(world: World, message: APIMessage): void {
  const guildId = world.channels.get(message.channel_id)?.guild_id ?? null;
  world.dispatch(messageDispatch(GatewayDispatchEvents.MessageUpdate, message, guildId, undefined, world.botUser.id));
}

/** Pins or unpins a message; false when it already was in that state. */
export function setPinned(world: World, channel: StoredChannel, message: APIMessage, pinned: boolean): boolean {
  const list = world.pins.get(channel.id) ?? [];
  const index = list.findIndex((pin) => pin.messageId === message.id);
  if (pinned === (index !== -1)) return false;
  const now = new Date().toISOString();
  if (pinned) list.push({ messageId: message.id, pinnedAt: now });
  else list.splice(index, 1);
  world.pins.set(channel.id, list);
  message.pinned = pinned;
  channel.last_pin_timestamp = list.at(-1)?.pinnedAt ?? null;
  const guildId = channel.guild_id ?? null;
  const d = { channel_id: channel.id, last_pin_timestamp: channel.last_pin_timestamp, ...(guildId === null ? {} : { guild_id: guildId }) };
  world.dispatch({ t: GatewayDispatchEvents.ChannelPinsUpdate, d, guildId, intents: guildId === null ? GatewayIntentBits.DirectMessages : GatewayIntentBits.Guilds });
  return true;
}

export function deleteMessages(world: World, channel: StoredChannel, ids: string[], bulk = false): void {
  for (const id of ids) world.messages.remove(channel.id, id);
  const pins = world.pins.get(channel.id);
  if (pins !== undefined) world.pins.set(channel.id, pins.filter((pin) => !ids.includes(pin.messageId)));
  const guildId = channel.guild_id ?? null;
  const intents = guildId === null ? GatewayIntentBits.DirectMessages : GatewayIntentBits.GuildMessages;
  const base = guildId === null ? { channel_id: channel.id } : { channel_id: channel.id, guild_id: guildId };
  if (!bulk) world.dispatch({ t: GatewayDispatchEvents.MessageDelete, d: { ...base, id: ids[0] }, guildId, intents });
  else world.dispatch({ t: GatewayDispatchEvents.MessageDeleteBulk, d: { ...base, ids }, guildId, intents });
}
