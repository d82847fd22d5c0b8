import { EntityStore } from '../../../src/client';
import { dispatch, guildCreate, message } from './store-fixtures';

// MESSAGE_UPDATE may carry only the id, channel_id and what changed (an embed unfurl sends no
// content, no author, no edited_timestamp): what it leaves out must stay as cached.
describe('EntityStore: MESSAGE_UPDATE partial payloads', () => {
  const embed = { type: 'rich', title: 'unfurled' };
  const attachment = { id: '9', filename: 'a.png', size: 1, url: 'u', proxy_url: 'p' };

  function storeWithMessage(): EntityStore {
    const store = new EntityStore();
    store.apply(guildCreate('80', 1));
    store.apply(message('1', '802', '80', { content: 'hello', attachments: [attachment] }));
    return store;
  }

  it('an embed-only update keeps content, author, attachments and edit time', () => {
    const store = storeWithMessage();
    store.apply(dispatch('MESSAGE_UPDATE', { id: '1', channel_id: '802', guild_id: '80', embeds: [embed] }));
    expect(store.messages('802').get('1' as never)).toMatchObject({
      content: 'hello', authorId: '100', editedAt: null, embeds: [embed], attachments: [attachment], createdAt: Date.parse('2024-01-02T00:00:00.000Z'),
    });
  });

  it('an edit replaces what it carries, an empty list clears', () => {
    const store = storeWithMessage();
    store.apply(dispatch('MESSAGE_UPDATE', { id: '1', channel_id: '802', content: 'edited', edited_timestamp: '2024-01-03T00:00:00.000Z', attachments: [] }));
    expect(store.messages('802').get('1' as never)).toMatchObject({ content: 'edited', editedAt: Date.parse('2024-01-03T00:00:00.000Z'), attachments: [], embeds: [] });
  });

  it('an update for a message not cached adds nothing', () => {
    const store = storeWithMessage();
    store.apply(dispatch('MESSAGE_UPDATE', { id: '2', channel_id: '802', embeds: [embed] }));
    store.apply(dispatch('MESSAGE_UPDATE', { id: '3', channel_id: '999', content: 'x' }));
    expect(store.stats().messages).toBe(1);
  });
});
