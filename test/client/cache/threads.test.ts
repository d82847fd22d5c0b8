import { EntityStore } from '../../../src/client';
import { channel, dispatch, guildCreate, message, thread } from './store-fixtures';

const threadIds = (store: EntityStore): string[] =>
  [...store.channels.values()].filter((c) => c.type >= 10 && c.type <= 12).map((c) => c.id).sort();

describe('EntityStore: threads', () => {
  function storeWithThreads(): EntityStore {
    const store = new EntityStore();
    // Threads 205, 206 under 202; 207 under 203.
    store.apply(guildCreate('20', { threads: [thread('205', '20', '202'), thread('206', '20', '202'), thread('207', '20', '203')] }));
    store.apply(message('1', '206', '20'));
    return store;
  }

  it('THREAD_CREATE, THREAD_UPDATE and THREAD_DELETE follow the thread', () => {
    const store = storeWithThreads();
    store.apply(dispatch('THREAD_CREATE', { ...thread('208', '20', '203'), newly_created: true }));
    expect(store.channels.get('208' as never)).toMatchObject({ guildId: '20', parentId: '203', name: 't208' });
    expect(store.guilds.get('20' as never)?.channelIds.has('208' as never)).toBe(true);
    store.apply(dispatch('THREAD_UPDATE', thread('208', '20', '203', { name: 'renamed' })));
    expect(store.channels.get('208' as never)?.name).toBe('renamed');
    // THREAD_DELETE carries only id, guild_id, parent_id and type.
    store.apply(dispatch('THREAD_DELETE', { id: '206', guild_id: '20', parent_id: '202', type: 11 }));
    expect(store.channels.has('206' as never)).toBe(false);
    expect(store.messages('206').size).toBe(0);
    expect(store.guilds.get('20' as never)?.channelIds.has('206' as never)).toBe(false);
  });

  it('THREAD_LIST_SYNC for some parents replaces their threads and leaves the others', () => {
    const store = storeWithThreads();
    store.apply(dispatch('THREAD_LIST_SYNC', { guild_id: '20', channel_ids: ['202'], threads: [thread('205', '20', '202', { name: 'kept' }), thread('209', '20', '202')], members: [] }));
    expect(threadIds(store)).toEqual(['205', '207', '209']);
    expect(store.channels.get('205' as never)?.name).toBe('kept');
    expect(store.messages('206').size).toBe(0);
    expect([...(store.guilds.get('20' as never)?.channelIds ?? [])].sort()).toEqual(['202', '203', '205', '207', '209']);
  });

  it('THREAD_LIST_SYNC without channel_ids syncs the whole guild', () => {
    const store = storeWithThreads();
    store.apply(dispatch('THREAD_LIST_SYNC', { guild_id: '20', threads: [thread('210', '20', '203')], members: [] }));
    expect(threadIds(store)).toEqual(['210']);
    expect(store.channels.has('202' as never)).toBe(true);
  });

  it('deleting a channel deletes its threads with it', () => {
    const store = storeWithThreads();
    store.apply(dispatch('CHANNEL_DELETE', channel('202', '20')));
    expect(threadIds(store)).toEqual(['207']);
    expect(store.messages('206').size).toBe(0);
    expect([...(store.guilds.get('20' as never)?.channelIds ?? [])].sort()).toEqual(['203', '207']);
  });
});
