import { EntityStore } from '../../../src/client';
import { dispatch, guildCreate, message, storeWithGuild, thread } from './store-fixtures';

describe('EntityStore: what goes with a guild', () => {
  it('a real leave drops the messages of its channels even when channels are not cached', () => {
    const store = storeWithGuild({ channels: false });
    store.apply(message('4', '900', undefined)); // a DM: not the guild's
    store.apply(dispatch('GUILD_DELETE', { id: '20' }));
    expect(store.stats()).toMatchObject({ guilds: 0, messages: 1 });
    expect(store.messages('900').size).toBe(1);
  });

  it('a guild evicted by the guilds limit takes its channels, threads and messages with it', () => {
    const store = new EntityStore({ guilds: 1 });
    store.apply(guildCreate('20', { threads: [thread('205', '20', '202')] }));
    store.apply(message('1', '202', '20'));
    store.apply(message('2', '205', '20'));
    store.apply(guildCreate('30'));
    store.apply(message('3', '302', '30'));
    expect([...store.guilds.keys()]).toEqual(['30']);
    expect([...store.channels.keys()].sort()).toEqual(['302', '303']);
    expect(store.stats()).toMatchObject({ guilds: 1, channels: 2, messages: 1, members: 3 });
  });

  it('a channel evicted by the channels limit leaves its guild channelIds', () => {
    const store = new EntityStore({ channels: 2 });
    store.apply(guildCreate('20', { channels: ['202', '203', '204'] }));
    const guild = store.guilds.get('20' as never);
    expect([...store.channels.keys()]).toEqual(['203', '204']);
    expect([...(guild?.channelIds ?? [])].sort()).toEqual(['203', '204']);
    store.apply(dispatch('CHANNEL_CREATE', { id: '206', type: 0, guild_id: '20', name: 'n', position: 0, permission_overwrites: [] }));
    expect([...(guild?.channelIds ?? [])].sort()).toEqual(['204', '206']);
  });
});
