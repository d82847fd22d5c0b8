import { ChannelType, type GatewayDispatchPayload } from 'discord-api-types/v10';
import { CacheOptionError, EntityStore } from '../../../src/client';

let seq = 0;
const dispatch = (t: string, d: unknown): GatewayDispatchPayload => ({ op: 0, t, s: ++seq, d }) as unknown as GatewayDispatchPayload;

const user = (id: string, username = `user${id}`) => ({ id, username, discriminator: '0', global_name: null, avatar: null });
const role = (id: string, name = `role${id}`) => ({
  id, name, color: 0, hoist: false, icon: null, unicode_emoji: null, position: 1, permissions: '8', managed: false, mentionable: false, flags: 0,
});
const member = (id: string, roles: string[] = []) => ({
  user: user(id), nick: null, roles, joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0,
});
const channel = (id: string, guildId: string) => ({ id, type: ChannelType.GuildText, guild_id: guildId, name: `c${id}`, position: 0, permission_overwrites: [] });

function guildCreate(id: string, members = 3): GatewayDispatchPayload {
  return dispatch('GUILD_CREATE', {
    id, name: `guild${id}`, icon: null, owner_id: '1', member_count: members, large: false, joined_at: '2024-01-01T00:00:00.000Z',
    roles: [role(id), role(`${id}1`)],
    channels: [channel(`${id}2`, id), channel(`${id}3`, id)],
    threads: [],
    members: Array.from({ length: members }, (_, i) => member(String(100 + i), [`${id}1`])),
  });
}

const message = (id: string, channelId: string, guildId: string, content = 'hi') =>
  dispatch('MESSAGE_CREATE', {
    id, channel_id: channelId, guild_id: guildId, author: user('100', 'renamed'), content, timestamp: '2024-01-02T00:00:00.000Z',
    edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], embeds: [], pinned: false, type: 0,
    member: { roles: [], joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 },
  });

describe('EntityStore', () => {
  it('marks READY guilds unavailable, then fills them from GUILD_CREATE', () => {
    const store = new EntityStore({ memberLists: true });
    store.apply(dispatch('READY', { v: 10, user: user('1', 'bot'), guilds: [{ id: '50', unavailable: true }], session_id: 's', resume_gateway_url: 'ws://x', application: { id: '1', flags: 0 } }));
    expect(store.me?.username).toBe('bot');
    expect(store.guilds.get('50' as never)?.unavailable).toBe(true);
    store.apply(guildCreate('50'));
    const guild = store.guilds.get('50' as never);
    expect(guild).toMatchObject({ name: 'guild50', unavailable: false, memberCount: 3 });
    expect(guild?.roles.size).toBe(2);
    expect(guild?.members.size).toBe(3);
    expect([...(guild?.channelIds ?? [])]).toEqual(['502', '503']);
    expect(store.channels.get('502' as never)).toMatchObject({ name: 'c502', guildId: '50', type: ChannelType.GuildText });
    expect(store.member('50', '101')?.joinedAt).toBe(Date.parse('2024-01-01T00:00:00.000Z'));
    expect(store.users.get('101' as never)?.username).toBe('user101');
  });

  it('shares role id strings between members and the guild role map', () => {
    const store = new EntityStore({ memberLists: true });
    store.apply(guildCreate('60'));
    const roleKey = [...(store.guilds.get('60' as never)?.roles.keys() ?? [])].find((key) => key === '601');
    const a = store.member('60', '100')?.roles[0];
    const b = store.member('60', '101')?.roles[0];
    expect(a).toBe('601');
    // Same instance: the member arrays point at the role map's key instead of a parsed copy.
    expect(Object.is(a, roleKey) && Object.is(b, roleKey)).toBe(true);
  });

  it('follows role, channel, member and guild updates and deletes', () => {
    const store = new EntityStore({ memberLists: false });
    store.apply(guildCreate('70'));
    store.apply(dispatch('GUILD_ROLE_UPDATE', { guild_id: '70', role: { ...role('701'), name: 'mods' } }));
    expect(store.role('70', '701')?.name).toBe('mods');
    store.apply(dispatch('GUILD_ROLE_DELETE', { guild_id: '70', role_id: '701' }));
    expect(store.role('70', '701')).toBeUndefined();
    store.apply(dispatch('CHANNEL_UPDATE', { ...channel('702', '70'), name: 'general' }));
    expect(store.channels.get('702' as never)?.name).toBe('general');
    store.apply(dispatch('CHANNEL_DELETE', channel('703', '70')));
    expect(store.channels.has('703' as never)).toBe(false);
    expect(store.guilds.get('70' as never)?.channelIds.has('703' as never)).toBe(false);
    store.apply(dispatch('GUILD_MEMBER_ADD', { ...member('900'), guild_id: '70' }));
    expect(store.guilds.get('70' as never)?.memberCount).toBe(4);
    store.apply(dispatch('GUILD_MEMBER_UPDATE', { guild_id: '70', user: user('900'), roles: [], nick: 'nick', joined_at: null }));
    expect(store.member('70', '900')?.nick).toBe('nick');
    store.apply(dispatch('GUILD_MEMBER_REMOVE', { guild_id: '70', user: user('900') }));
    expect(store.member('70', '900')).toBeUndefined();
    expect(store.guilds.get('70' as never)?.memberCount).toBe(3);
    store.apply(dispatch('GUILD_DELETE', { id: '70', unavailable: true }));
    expect(store.guilds.get('70' as never)?.unavailable).toBe(true);
    store.apply(dispatch('GUILD_DELETE', { id: '70' }));
    expect(store.guilds.has('70' as never)).toBe(false);
    expect(store.channels.has('702' as never)).toBe(false);
  });

  it('by default caches the whole GUILD_CREATE member list', () => {
    const store = new EntityStore();
    store.apply(guildCreate('56', 4));
    expect([...(store.guilds.get('56' as never)?.members.keys() ?? [])]).toEqual(['100', '101', '102', '103']);
    expect(store.limits.memberLists).toBe(true);
  });

  it('a second GUILD_CREATE (after an outage) rewrites the members in place', () => {
    const store = new EntityStore();
    store.apply(guildCreate('57', 3));
    store.apply(dispatch('GUILD_DELETE', { id: '57', unavailable: true }));
    store.apply(guildCreate('57', 5));
    const members = store.guilds.get('57' as never)?.members;
    expect([...(members?.keys() ?? [])]).toEqual(['100', '101', '102', '103', '104']);
    expect(store.member('57', '104')?.roles).toEqual(['571']);
    expect(store.users.size).toBe(5);
  });

  it('with memberLists off caches only the bot itself from GUILD_CREATE member lists, and members met later', () => {
    const store = new EntityStore({ memberLists: false });
    store.apply(dispatch('READY', { v: 10, user: user('101', 'bot'), guilds: [], session_id: 's', resume_gateway_url: 'ws://x', application: { id: '101', flags: 0 } }));
    store.apply(guildCreate('55', 4));
    expect([...(store.guilds.get('55' as never)?.members.keys() ?? [])]).toEqual(['101']);
    expect(store.guilds.get('55' as never)?.memberCount).toBe(4);
    store.apply(dispatch('GUILD_MEMBERS_CHUNK', { guild_id: '55', members: [member('102')], chunk_index: 0, chunk_count: 1 }));
    store.apply(dispatch('GUILD_MEMBER_ADD', { ...member('900'), guild_id: '55' }));
    expect(store.member('55', '102')).toBeDefined();
    expect(store.member('55', '900')).toBeDefined();
  });

  it('keeps the last N messages per channel and follows edits and deletes', () => {
    const store = new EntityStore({ messages: 2 });
    store.apply(guildCreate('80'));
    store.apply(message('1', '802', '80', 'one'));
    store.apply(message('2', '802', '80', 'two'));
    store.apply(message('3', '802', '80', 'three'));
    expect([...store.messages('802').keys()]).toEqual(['2', '3']);
    expect(store.users.get('100' as never)?.username).toBe('renamed');
    store.apply(dispatch('MESSAGE_UPDATE', { id: '3', channel_id: '802', content: 'edited', edited_timestamp: '2024-01-03T00:00:00.000Z', embeds: [], attachments: [] }));
    expect(store.messages('802').get('3' as never)).toMatchObject({ content: 'edited', editedAt: Date.parse('2024-01-03T00:00:00.000Z') });
    store.apply(dispatch('MESSAGE_DELETE', { id: '2', channel_id: '802' }));
    store.apply(dispatch('MESSAGE_DELETE_BULK', { ids: ['3'], channel_id: '802' }));
    expect(store.messages('802').size).toBe(0);
  });

  it('caps members per guild and users overall', () => {
    const store = new EntityStore({ members: 2, users: 3, memberLists: true });
    store.apply(guildCreate('90', 5));
    expect(store.guilds.get('90' as never)?.members.size).toBe(2);
    expect([...(store.guilds.get('90' as never)?.members.keys() ?? [])]).toEqual(['103', '104']);
    // The users of evicted members went with them.
    expect([...store.users.keys()]).toEqual(['103', '104']);
    expect(store.stats()).toMatchObject({ guilds: 1, members: 2, users: 2, roles: 2, channels: 2 });
    const fewUsers = new EntityStore({ users: 3, memberLists: true });
    fewUsers.apply(guildCreate('90', 5));
    expect(fewUsers.stats()).toMatchObject({ members: 5, users: 3 });
  });

  it('stores nothing in no-cache mode but still knows the bot user', () => {
    const store = new EntityStore(false);
    store.apply(dispatch('READY', { v: 10, user: user('1', 'bot'), guilds: [{ id: '50', unavailable: true }], session_id: 's', resume_gateway_url: 'ws://x', application: { id: '1', flags: 0 } }));
    store.apply(guildCreate('50'));
    store.apply(message('1', '502', '50'));
    expect(store.stats()).toEqual({ guilds: 0, channels: 0, roles: 0, members: 0, users: 0, messages: 0 });
    expect(store.me?.username).toBe('bot');
    store.apply(dispatch('USER_UPDATE', user('1', 'renamed-bot')));
    expect(store.me?.username).toBe('renamed-bot');
  });

  it('strips a deleted role from every cached member', () => {
    const store = new EntityStore({ memberLists: true });
    store.apply(guildCreate('61', 3));
    expect(store.member('61', '100')?.roles).toEqual(['611']);
    store.apply(dispatch('GUILD_ROLE_DELETE', { guild_id: '61', role_id: '611' }));
    expect([0, 1, 2].map((i) => store.member('61', String(100 + i))?.roles)).toEqual([[], [], []]);
    expect(store.role('61', '611')).toBeUndefined();
    store.apply(dispatch('GUILD_ROLE_DELETE', { guild_id: '999', role_id: '611' }));
  });

  it('refreshes cached users from PRESENCE_UPDATE and the bot user from USER_UPDATE', () => {
    const store = new EntityStore({ memberLists: true });
    store.apply(dispatch('READY', { v: 10, user: user('1', 'bot'), guilds: [], session_id: 's', resume_gateway_url: 'ws://x', application: { id: '1', flags: 0 } }));
    store.apply(guildCreate('62', 2));
    store.apply(dispatch('PRESENCE_UPDATE', { guild_id: '62', user: { id: '101', username: 'new-name', avatar: 'a_ffffffffffffffffffffffffffffffff' }, status: 'online', activities: [], client_status: {} }));
    expect(store.users.get('101' as never)).toMatchObject({ username: 'new-name', avatar: 'a_ffffffffffffffffffffffffffffffff' });
    // A presence for someone never cached does not add them.
    store.apply(dispatch('PRESENCE_UPDATE', { guild_id: '62', user: { id: '555', username: 'stranger' }, status: 'online', activities: [], client_status: {} }));
    expect(store.users.has('555' as never)).toBe(false);
    store.apply(dispatch('USER_UPDATE', user('1', 'renamed-bot')));
    expect(store.me?.username).toBe('renamed-bot');
    expect(store.users.get('1' as never)?.username).toBe('renamed-bot');
  });

  it('caches message authors as members and follows their nick and roles', () => {
    const store = new EntityStore({ memberLists: false });
    store.apply(guildCreate('63', 0));
    store.apply(message('1', '632', '63'));
    expect(store.member('63', '100')).toMatchObject({ userId: '100', nick: null, roles: [], joinedAt: Date.parse('2024-01-01T00:00:00.000Z') });
    store.apply(
      dispatch('MESSAGE_CREATE', {
        id: '2', channel_id: '632', guild_id: '63', author: user('100'), content: 'x', timestamp: '2024-01-02T00:00:00.000Z', edited_timestamp: null, tts: false,
        mention_everyone: false, mentions: [], mention_roles: [], attachments: [], embeds: [], pinned: false, type: 0,
        member: { roles: ['631'], nick: 'baker', joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 },
      }),
    );
    expect(store.member('63', '100')).toMatchObject({ nick: 'baker', roles: ['631'] });
    expect(store.guilds.get('63' as never)?.members.size).toBe(1);
  });

  it('gives current values from guild.members and leaves out ids that are not snowflakes', () => {
    const store = new EntityStore();
    store.apply(guildCreate('64', 0));
    store.apply(dispatch('GUILD_MEMBER_ADD', { ...member('700', ['641']), guild_id: '64' }));
    store.apply(dispatch('GUILD_MEMBER_ADD', { ...member('not-an-id'), guild_id: '64' }));
    const members = store.guilds.get('64' as never)?.members;
    expect(members?.size).toBe(1);
    expect([...(members?.values() ?? [])].map((m) => m.userId)).toEqual(['700']);
    store.apply(dispatch('GUILD_MEMBER_UPDATE', { guild_id: '64', user: user('700'), roles: [], nick: 'later', joined_at: '2024-01-01T00:00:00.000Z' }));
    expect(members?.get('700' as never)).toMatchObject({ nick: 'later', roles: [] });
    expect(store.stats().members).toBe(1);
  });

  it('after clear(), a message lands in a fresh channel list, and a guild no longer cached counts its channels as loose', () => {
    const store = new EntityStore({ dmChannels: 1 });
    store.apply(guildCreate('85'));
    store.apply(message('1', '852', '85'));
    store.clear();
    // The channel of the last message (and its guild) were the ones remembered for the next message.
    store.apply(message('2', '852', '85'));
    expect([...store.messages('852').keys()]).toEqual(['2']);
    // Guild 85 is gone: its channels are loose, capped at one by dmChannels.
    store.apply(message('3', '853', '85'));
    expect(store.messages('852').size).toBe(0);
    expect([...store.messages('853').keys()]).toEqual(['3']);
  });

  it('rejects a bad limit with a typed error naming the option', () => {
    expect(() => new EntityStore({ members: -1 })).toThrow(CacheOptionError);
    expect(() => new EntityStore({ messages: 1.5 })).toThrow(/cache\.messages/);
  });
});
