import { EntityStore } from '../../../src/client';
import { channel, dispatch, guildCreate, message } from './store-fixtures';

// Handlers get the same payload objects the store read: what the store keeps must not change when
// a handler changes its payload, and readers cannot change the store through what it hands out.
describe('EntityStore: cached arrays are not the payload arrays', () => {
  it('a message keeps its own embeds and attachments', () => {
    const store = new EntityStore();
    store.apply(guildCreate('20', 1));
    const embeds = [{ title: 'one' }];
    const attachments = [{ id: '9', filename: 'a.png', size: 1, url: 'u', proxy_url: 'p' }];
    const created = message('1', '202', '20', { embeds, attachments });
    store.apply(created);
    embeds.push({ title: 'added by a handler' });
    attachments.length = 0;
    const cached = store.messages('202').get('1' as never)!;
    expect(cached.embeds).toEqual([{ title: 'one' }]);
    expect(cached.attachments).toHaveLength(1);
    expect(Object.isFrozen(cached.embeds) && Object.isFrozen(cached.attachments)).toBe(true);
    const updated = [{ title: 'two' }];
    store.apply(dispatch('MESSAGE_UPDATE', { id: '1', channel_id: '202', embeds: updated }));
    updated.pop();
    expect(store.messages('202').get('1' as never)?.embeds).toEqual([{ title: 'two' }]);
  });

  it('a channel keeps its own permission overwrites', () => {
    const store = new EntityStore();
    store.apply(guildCreate('20', 0));
    const overwrites = [{ id: '20', type: 0, allow: '0', deny: '1024' }];
    store.apply(dispatch('CHANNEL_UPDATE', channel('202', '20', { permission_overwrites: overwrites })));
    overwrites.splice(0);
    const cached = store.channels.get('202' as never)!;
    expect(cached.permissionOverwrites).toEqual([{ id: '20', type: 0, allow: '0', deny: '1024' }]);
    expect(Object.isFrozen(cached.permissionOverwrites)).toBe(true);
  });
});
