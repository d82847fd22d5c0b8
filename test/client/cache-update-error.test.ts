import { GatewayIntentBits, type GatewayDispatchPayload } from 'discord-api-types/v10';
import { CacheUpdateError, Client } from '../../src/client';

// The cache is updated inside the shard's message handling: a payload it cannot read must not
// throw out of there (that would crash the socket handler) nor keep the event from the handlers.
describe('Client: a dispatch the cache cannot apply', () => {
  it('still reaches the handlers and is reported as a CacheUpdateError naming the dispatch', async () => {
    const client = new Client({ token: 'token', intents: GatewayIntentBits.Guilds, rest: { baseURL: 'http://127.0.0.1:9/api' } });
    const errors: Error[] = [];
    client.on('error', (error) => errors.push(error));
    const seen = new Promise<string>((resolve) => client.on('guildUpdate', (guild) => resolve(guild.name)));
    client.cache.apply = () => {
      throw new TypeError('payload.d.roles is not iterable');
    };
    const payload = { op: 0, t: 'GUILD_UPDATE', s: 1, d: { id: '1', name: 'still delivered' } } as unknown as GatewayDispatchPayload;
    expect(() => client.gateway.emit('dispatch', payload, 0)).not.toThrow();
    expect(await seen).toBe('still delivered');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(CacheUpdateError);
    expect(errors[0]).toMatchObject({ code: 'OVEN_ERR_CLIENT_CACHE_UPDATE', dispatch: 'GUILD_UPDATE', shardId: 0 });
    expect(errors[0]?.message).toContain('payload.d.roles is not iterable');
    expect((errors[0] as CacheUpdateError).cause).toBeInstanceOf(TypeError);
    await client.destroy();
  });
});
