import { GatewayIntentBits, type GatewayDispatchPayload } from 'discord-api-types/v10';
import { Client, type CachedMessage } from '../../src/client';

describe('Client: cache.previous from a handler', () => {
  it('a messageDelete handler reads the deleted message through the data it received', async () => {
    const client = new Client({ token: 'token', intents: GatewayIntentBits.GuildMessages, rest: { baseURL: 'http://127.0.0.1:9/api' } });
    const created = {
      op: 0, t: 'MESSAGE_CREATE', s: 1,
      d: { id: '5', channel_id: '7', author: { id: '9', username: 'baker', discriminator: '0', global_name: null, avatar: null }, content: 'fresh bread', timestamp: '2024-01-02T00:00:00.000Z', edited_timestamp: null, attachments: [], embeds: [], type: 0 },
    } as unknown as GatewayDispatchPayload;
    const deleted = { op: 0, t: 'MESSAGE_DELETE', s: 2, d: { id: '5', channel_id: '7' } } as unknown as GatewayDispatchPayload;
    const seen = new Promise<CachedMessage | undefined>((resolve) => client.on('messageDelete', (data) => resolve(client.cache.previous(data))));
    client.gateway.emit('dispatch', created, 0);
    client.gateway.emit('dispatch', deleted, 0);
    expect(await seen).toMatchObject({ id: '5', content: 'fresh bread', authorId: '9' });
    expect(client.cache.messages('7').size).toBe(0);
    await client.destroy();
  });
});
