import type {
  GatewayChannelDeleteDispatchData,
  GatewayGuildDeleteDispatchData,
  GatewayGuildRoleDeleteDispatchData,
  GatewayGuildMemberRemoveDispatchData,
  GatewayGuildMemberUpdateDispatchData,
  GatewayMessageDeleteBulkDispatchData,
  GatewayMessageDeleteDispatchData,
  GatewayMessageUpdateDispatchData,
} from 'discord-api-types/v10';
import { EntityStore, type CachedChannel, type CachedGuild, type CachedMember, type CachedMessage, type CachedRole } from '../../../src/client';
import { channel, dispatch, guildCreate, message, user } from './store-fixtures';

// The cache is updated before handlers run: a delete or edit logger asks the store what the
// dispatch it is handling removed or replaced, with the very data object the handler got.
describe('EntityStore.previous: what a dispatch removed or replaced', () => {
  function storeWithMessage(): EntityStore {
    const store = new EntityStore();
    store.apply(guildCreate('20', 2));
    store.apply(message('1', '202', '20', { content: 'original' }));
    store.apply(message('2', '202', '20', { content: 'second' }));
    return store;
  }

  it('MESSAGE_DELETE and MESSAGE_DELETE_BULK give the deleted messages', () => {
    const store = storeWithMessage();
    const deleted = dispatch('MESSAGE_DELETE', { id: '1', channel_id: '202', guild_id: '20' });
    store.apply(deleted);
    const gone: CachedMessage | undefined = store.previous(deleted.d as GatewayMessageDeleteDispatchData);
    expect(gone).toMatchObject({ id: '1', content: 'original', authorId: '100' });
    const bulk = dispatch('MESSAGE_DELETE_BULK', { ids: ['2', '99'], channel_id: '202', guild_id: '20' });
    store.apply(bulk);
    const all: readonly CachedMessage[] = store.previous(bulk.d as GatewayMessageDeleteBulkDispatchData);
    expect(all.map((m) => m.content)).toEqual(['second']);
  });

  it('MESSAGE_UPDATE gives the message as it was before the edit, the cache the edited one', () => {
    const store = storeWithMessage();
    const edit = dispatch('MESSAGE_UPDATE', { id: '1', channel_id: '202', content: 'edited', edited_timestamp: '2024-01-03T00:00:00.000Z' });
    store.apply(edit);
    expect(store.previous(edit.d as GatewayMessageUpdateDispatchData)).toMatchObject({ content: 'original', editedAt: null });
    expect(store.messages('202').get('1' as never)?.content).toBe('edited');
  });

  it('GUILD_MEMBER_REMOVE and GUILD_MEMBER_UPDATE give the member before', () => {
    const store = storeWithMessage();
    const update = dispatch('GUILD_MEMBER_UPDATE', { guild_id: '20', user: user('101'), roles: [], avatar: null, joined_at: null, nick: 'new' });
    store.apply(update);
    expect(store.previous(update.d as GatewayGuildMemberUpdateDispatchData)).toMatchObject({ userId: '101', nick: null, roles: ['201'] });
    const removed = dispatch('GUILD_MEMBER_REMOVE', { guild_id: '20', user: user('101') });
    store.apply(removed);
    const member: CachedMember | undefined = store.previous(removed.d as GatewayGuildMemberRemoveDispatchData);
    expect(member).toMatchObject({ userId: '101', nick: 'new', roles: [] });
  });

  it('channel, role and guild deletes give what went; a dispatch that removed nothing gives undefined', () => {
    const store = storeWithMessage();
    const channelDelete = dispatch('CHANNEL_DELETE', channel('203', '20'));
    store.apply(channelDelete);
    const gone: CachedChannel | undefined = store.previous(channelDelete.d as GatewayChannelDeleteDispatchData);
    expect(gone?.name).toBe('c203');
    const roleDelete = dispatch('GUILD_ROLE_DELETE', { guild_id: '20', role_id: '201' });
    store.apply(roleDelete);
    const role: CachedRole | undefined = store.previous(roleDelete.d as GatewayGuildRoleDeleteDispatchData);
    expect(role?.name).toBe('role201');
    const leave = dispatch('GUILD_DELETE', { id: '20' });
    store.apply(leave);
    const guild: CachedGuild | undefined = store.previous(leave.d as GatewayGuildDeleteDispatchData);
    expect(guild?.name).toBe('guild20');
    expect(guild?.members.get('100' as never)?.userId).toBe('100');
    const nothing = dispatch('MESSAGE_DELETE', { id: '404', channel_id: '202' });
    store.apply(nothing);
    expect(store.previous(nothing.d as GatewayMessageDeleteDispatchData)).toBeUndefined();
    expect(store.previous({ id: 'never applied', channel_id: '1' } as GatewayMessageDeleteDispatchData)).toBeUndefined();
  });
});
