import { EntityStore } from '../../../src/client';
import { dispatch, guildCreate, message, role, storeWithGuild, thread } from './store-fixtures';

const keysOf = <K>(map: ReadonlyMap<K, unknown> | ReadonlySet<K> | undefined): K[] => [...(map?.keys() ?? [])];

describe('EntityStore: GUILD_UPDATE', () => {
  it('a payload without roles updates the guild and keeps its roles (no crash in the dispatch path)', () => {
    const store = new EntityStore();
    store.apply(guildCreate('10'));
    const update = dispatch('GUILD_UPDATE', { id: '10', name: 'renamed', icon: 'abc', owner_id: '2' });
    expect(() => store.apply(update)).not.toThrow();
    expect(store.guilds.get('10' as never)).toMatchObject({ name: 'renamed', icon: 'abc', ownerId: '2', unavailable: false });
    expect(keysOf(store.guilds.get('10' as never)?.roles)).toEqual(['10', '101']);
    expect(store.member('10', '100')?.roles).toEqual(['101']);
  });

  it('a payload with the role list drops the roles it no longer has, from members too', () => {
    const store = new EntityStore();
    store.apply(guildCreate('11'));
    store.apply(dispatch('GUILD_UPDATE', { id: '11', name: 'g', icon: null, owner_id: '1', roles: [role('11', 'everyone'), role('112', 'new')] }));
    expect(keysOf(store.guilds.get('11' as never)?.roles)).toEqual(['11', '112']);
    expect(store.role('11', '11')?.name).toBe('everyone');
    expect(store.member('11', '100')?.roles).toEqual([]);
  });
});

describe('EntityStore: outages and leaving', () => {
  it('GUILD_DELETE unavailable keeps everything and marks the guild unavailable', () => {
    const store = storeWithGuild();
    const before = store.stats();
    store.apply(dispatch('GUILD_DELETE', { id: '20', unavailable: true }));
    expect(store.guilds.get('20' as never)?.unavailable).toBe(true);
    expect(store.stats()).toEqual(before);
  });

  it('the GUILD_CREATE after an outage drops the channels, threads and roles deleted meanwhile, with their messages', () => {
    const store = storeWithGuild();
    store.apply(dispatch('GUILD_DELETE', { id: '20', unavailable: true }));
    // Channel 203, thread 205 and role 201 went during the outage; a large guild's list has only some members.
    store.apply(guildCreate('20', { members: 1, roles: ['20'], channels: ['202', '204'] }));
    const guild = store.guilds.get('20' as never);
    expect(guild?.unavailable).toBe(false);
    expect(keysOf(guild?.channelIds).sort()).toEqual(['202', '204']);
    expect(store.channels.has('203' as never) || store.channels.has('205' as never)).toBe(false);
    expect(store.messages('203').size + store.messages('205').size).toBe(0);
    expect(store.messages('202').size).toBe(1);
    expect(keysOf(guild?.roles)).toEqual(['20']);
    expect(store.member('20', '101')?.roles).toEqual([]); // not in the new list: the deleted role taken off
    // Members not in the (partial) list stay.
    expect(keysOf(guild?.members)).toEqual(['100', '101', '102']);
  });

  it('a real leave drops the guild, its channels, threads and messages', () => {
    const store = storeWithGuild();
    store.apply(dispatch('GUILD_DELETE', { id: '20' }));
    expect(store.stats()).toMatchObject({ guilds: 0, channels: 0, roles: 0, members: 0, messages: 0 });
  });
});
