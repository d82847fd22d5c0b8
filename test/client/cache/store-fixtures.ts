import { ChannelType, type GatewayDispatchPayload } from 'discord-api-types/v10';
import { EntityStore } from '../../../src/client';

// Payload builders shared by the EntityStore tests: raw dispatches as the gateway hands them over.

let seq = 0;
export const dispatch = (t: string, d: unknown): GatewayDispatchPayload => ({ op: 0, t, s: ++seq, d }) as unknown as GatewayDispatchPayload;

export const user = (id: string, username = `user${id}`) => ({ id, username, discriminator: '0', global_name: null, avatar: null });

export const role = (id: string, name = `role${id}`) => ({
  id, name, color: 0, hoist: false, icon: null, unicode_emoji: null, position: 1, permissions: '8', managed: false, mentionable: false, flags: 0,
});

export const member = (id: string, roles: string[] = [], over: Record<string, unknown> = {}) => ({
  user: user(id), nick: null, roles, joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0, ...over,
});

export const channel = (id: string, guildId: string, over: Record<string, unknown> = {}) => ({
  id, type: ChannelType.GuildText, guild_id: guildId, name: `c${id}`, position: 0, permission_overwrites: [], ...over,
});

export const thread = (id: string, guildId: string, parentId: string, over: Record<string, unknown> = {}) => ({
  id, type: ChannelType.PublicThread, guild_id: guildId, parent_id: parentId, name: `t${id}`, owner_id: '1',
  thread_metadata: { archived: false, auto_archive_duration: 60, archive_timestamp: '2024-01-01T00:00:00.000Z', locked: false },
  member_count: 1, message_count: 0, ...over,
});

export const ready = (selfId = '1', guildIds: string[] = [], shard?: [number, number]) =>
  dispatch('READY', {
    v: 10, user: user(selfId, 'bot'), guilds: guildIds.map((id) => ({ id, unavailable: true })), session_id: 's', resume_gateway_url: 'ws://x',
    application: { id: selfId, flags: 0 }, ...(shard === undefined ? {} : { shard }),
  });

export interface GuildShape {
  readonly members?: number;
  readonly roles?: readonly string[];
  readonly channels?: readonly string[];
  readonly threads?: readonly ReturnType<typeof thread>[];
}

/** A GUILD_CREATE with roles `<id>` and `<id>1`, channels `<id>2` and `<id>3`, members 100.. with role `<id>1`. */
export function guildCreate(id: string, shape: GuildShape | number = {}): GatewayDispatchPayload {
  const { members = 3, roles = [id, `${id}1`], channels = [`${id}2`, `${id}3`], threads = [] } = typeof shape === 'number' ? { members: shape } : shape;
  return dispatch('GUILD_CREATE', {
    id, name: `guild${id}`, icon: null, owner_id: '1', member_count: members, large: false, joined_at: '2024-01-01T00:00:00.000Z',
    roles: roles.map((r) => role(r)),
    channels: channels.map((c) => channel(c, id)),
    threads,
    members: Array.from({ length: members }, (_, i) => member(String(100 + i), [`${id}1`])),
  });
}

export const message = (id: string, channelId: string, guildId: string | undefined, over: Record<string, unknown> = {}) =>
  dispatch('MESSAGE_CREATE', {
    id, channel_id: channelId, ...(guildId === undefined ? {} : { guild_id: guildId }), author: user('100', 'author'), content: 'hi',
    timestamp: '2024-01-02T00:00:00.000Z', edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [],
    attachments: [], embeds: [], pinned: false, type: 0,
    ...(guildId === undefined ? {} : { member: { roles: [], joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 } }),
    ...over,
  });

/** Guild 20 (from `guildCreate`) with thread 205 under channel 202, and a message in 202, 203 and 205. */
export function storeWithGuild(options: ConstructorParameters<typeof EntityStore>[0] = {}): EntityStore {
  const store = new EntityStore(options);
  store.apply(guildCreate('20', { threads: [thread('205', '20', '202')] }));
  store.apply(message('1', '202', '20'));
  store.apply(message('2', '203', '20'));
  store.apply(message('3', '205', '20'));
  return store;
}
