import { EntityStore } from '../../../src/client';
import { dispatch, guildCreate, member, ready, user } from './store-fixtures';

describe('EntityStore: what readers get', () => {
  it('a cached guild shows only its CachedGuild fields (logging or serialising it does not dump the member table)', () => {
    const store = new EntityStore();
    store.apply(guildCreate('20', 500));
    const guild = store.guilds.get('20' as never)!;
    expect(Object.keys(guild).sort()).toEqual(['channelIds', 'icon', 'id', 'joinedAt', 'large', 'memberCount', 'members', 'name', 'ownerId', 'roles', 'unavailable'].sort());
    expect(JSON.stringify(guild).length).toBeLessThan(400);
    expect({ ...guild }).not.toHaveProperty('memberTable');
  });

  it('a member snapshot does not change under a later write, and its roles are its own array', () => {
    const store = new EntityStore();
    store.apply(guildCreate('20', 2));
    const before = store.member('20', '100')!;
    store.apply(dispatch('GUILD_MEMBER_UPDATE', { guild_id: '20', user: user('100'), roles: [], avatar: null, joined_at: null, nick: 'later' }));
    expect(before).toMatchObject({ nick: null, roles: ['201'] });
    expect(store.member('20', '100')).toMatchObject({ nick: 'later', roles: [] });
    expect(store.member('20', '101')?.roles).not.toBe(store.member('20', '100')?.roles);
  });

  it('a member snapshot is frozen, roles included: a plain-JS write to one cannot change what other readers see', () => {
    const store = new EntityStore();
    store.apply(guildCreate('20', 2));
    const first = store.member('20', '101')!;
    // Read again before any write: the same shared view, so a write through it would reach every reader.
    const second = store.guilds.get('20' as never)!.members.get('101' as never)!;
    expect(second).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.roles)).toBe(true);
    // Test files are ES modules (strict): writes to frozen objects throw.
    expect(() => {
      (first as { nick: string | null }).nick = 'hacked';
    }).toThrow(TypeError);
    expect(() => (first.roles as unknown as string[]).push('999')).toThrow(TypeError);
    expect(store.member('20', '101')).toMatchObject({ nick: null, roles: ['201'] });
    // Iteration and the remembered "before" of an update hand out frozen views too.
    for (const member of store.guilds.get('20' as never)!.members.values()) expect(Object.isFrozen(member) && Object.isFrozen(member.roles)).toBe(true);
    const update = { guild_id: '20', user: user('101'), roles: [], avatar: null, joined_at: null };
    store.apply(dispatch('GUILD_MEMBER_UPDATE', update));
    expect(Object.isFrozen(store.previous(update as never))).toBe(true);
  });
});

describe('EntityStore: the bot itself', () => {
  it('GUILD_MEMBER_REMOVE of the bot keeps the bot user; the GUILD_DELETE that follows drops the guild', () => {
    const store = new EntityStore();
    store.apply(ready('100', ['20']));
    store.apply(guildCreate('20', 2));
    store.apply(dispatch('GUILD_MEMBER_REMOVE', { guild_id: '20', user: user('100') }));
    expect(store.member('20', '100')).toBeUndefined();
    expect(store.users.has('100' as never)).toBe(true);
    store.apply(dispatch('GUILD_DELETE', { id: '20' }));
    expect(store.guilds.size).toBe(0);
    expect([...store.users.keys()]).toEqual(['100']);
    expect(store.me?.username).toBe('bot');
  });

  it('USER_UPDATE of the bot updates me and its cached user; a presence refreshes other users only if cached', () => {
    const store = new EntityStore();
    store.apply(ready('100'));
    const me = store.me;
    store.apply(dispatch('USER_UPDATE', { ...user('100', 'renamed'), global_name: 'Bread Bot', avatar: 'a_' + 'f'.repeat(32) }));
    expect(store.me).toBe(me);
    expect(store.me).toMatchObject({ username: 'renamed', globalName: 'Bread Bot', avatar: 'a_' + 'f'.repeat(32) });
    expect(store.users.get('100' as never)).toMatchObject({ username: 'renamed', globalName: 'Bread Bot' });
  });
});

describe('EntityStore: cache false', () => {
  it('stores nothing but me, whatever arrives', () => {
    const store = new EntityStore(false);
    store.apply(ready('100', ['20']));
    const events = [
      guildCreate('20', 3),
      dispatch('GUILD_UPDATE', { id: '20', name: 'x' }),
      dispatch('GUILD_MEMBER_ADD', { ...member('300'), guild_id: '20' }),
      dispatch('GUILD_MEMBERS_CHUNK', { guild_id: '20', members: [member('301')], chunk_index: 0, chunk_count: 1 }),
      dispatch('THREAD_LIST_SYNC', { guild_id: '20', threads: [], members: [] }),
      dispatch('MESSAGE_CREATE', { id: '1', channel_id: '202', author: user('5'), content: 'x', timestamp: '2024-01-02T00:00:00.000Z', edited_timestamp: null, attachments: [], embeds: [], type: 0 }),
      dispatch('PRESENCE_UPDATE', { guild_id: '20', user: { id: '100', username: 'p' }, status: 'online', activities: [], client_status: {} }),
      dispatch('GUILD_DELETE', { id: '20' }),
    ];
    for (const event of events) expect(() => store.apply(event)).not.toThrow();
    expect(store.stats()).toEqual({ guilds: 0, channels: 0, roles: 0, members: 0, users: 0, messages: 0 });
    expect(store.me?.username).toBe('bot');
  });
});
