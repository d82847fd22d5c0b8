import { FakeDiscord } from '../../../../src/testing/fake-discord';
import { http } from './http-client';

describe('fake Discord rate limits', () => {
  let discord: FakeDiscord;
  afterEach(async () => {
    await discord.close();
  });

  it('sends every X-RateLimit header and refuses the bucket once exhausted, per major parameter', async () => {
    discord = await FakeDiscord.start({ rateLimits: { routes: { 'POST /channels/{channel_id}/messages': { limit: 2, windowMs: 60_000 } } } });
    const guild = discord.createGuild({ name: 'RL' });
    const first = guild.system_channel_id as string;
    const second = discord.createChannel(guild.id, { name: 'second' }).id;
    const post = (channelId: string) => http(discord, 'POST', `/channels/${channelId}/messages`, { body: { content: 'x' } });
    const a = await post(first);
    expect(a.headers.get('x-ratelimit-limit')).toBe('2');
    expect(a.headers.get('x-ratelimit-remaining')).toBe('1');
    expect(Number(a.headers.get('x-ratelimit-reset-after'))).toBeGreaterThan(0);
    expect(Number(a.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect(a.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]{32}$/);
    expect((await post(first)).headers.get('x-ratelimit-remaining')).toBe('0');
    const limited = await post(first);
    expect(limited.status).toBe(429);
    expect(limited.json).toMatchObject({ message: 'You are being rate limited.', global: false });
    expect((limited.json as { retry_after: number }).retry_after).toBeGreaterThan(0);
    expect(limited.headers.get('x-ratelimit-scope')).toBe('user');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get('x-ratelimit-global')).toBeNull();
    // Another channel is another resource: its own quota.
    expect((await post(second)).status).toBe(200);
    expect(discord.messages(first)).toHaveLength(2);
  });

  it('shares one bucket between the reaction routes, as Discord does', async () => {
    discord = await FakeDiscord.start({ rateLimits: { routes: { reactions: { limit: 1, windowMs: 60_000 } } } });
    const channelId = discord.createGuild({ name: 'RL' }).system_channel_id as string;
    const message = (await http(discord, 'POST', `/channels/${channelId}/messages`, { body: { content: 'react' } })).json as { id: string };
    const base = `/channels/${channelId}/messages/${message.id}/reactions/${encodeURIComponent('🔥')}`;
    const put = await http(discord, 'PUT', `${base}/@me`);
    expect(put.status).toBe(204);
    const remove = await http(discord, 'DELETE', `${base}/@me`);
    expect(remove.status).toBe(429);
    expect(remove.headers.get('x-ratelimit-bucket')).toBe(put.headers.get('x-ratelimit-bucket'));
  });

  it('applies the global limit per token, exempting interaction callbacks', async () => {
    discord = await FakeDiscord.start({ rateLimits: { global: { limit: 2, windowMs: 60_000 } } });
    expect((await http(discord, 'GET', '/users/@me')).status).toBe(200);
    expect((await http(discord, 'GET', '/gateway/bot')).status).toBe(200);
    const limited = await http(discord, 'GET', '/users/@me');
    expect(limited.status).toBe(429);
    expect(limited.json).toMatchObject({ global: true });
    expect(limited.headers.get('x-ratelimit-global')).toBe('true');
    expect(limited.headers.get('x-ratelimit-scope')).toBe('global');
    // Interaction callbacks do not count toward (nor get blocked by) the global limit.
    const guild = discord.createGuild({ name: 'G' });
    const user = discord.createUser({ username: 'u' });
    discord.addMember(guild.id, user.id);
    discord.world.commands.set({ id: discord.world.ids.next(), application_id: discord.applicationId, version: '1', type: 1, name: 'ping', description: 'p', default_member_permissions: null });
    const interaction = discord.invokeCommand({ name: 'ping', userId: user.id, channelId: guild.system_channel_id as string });
    const callback = await http(discord, 'POST', `/interactions/${interaction.id}/${interaction.token}/callback`, { token: null, body: { type: 4, data: { content: 'ok' } } });
    expect(callback.status).toBe(204);
  });

  it('bans after the invalid-request threshold with a Cloudflare-style 429, then lifts the ban', async () => {
    discord = await FakeDiscord.start({ rateLimits: { invalidRequests: { limit: 3, windowMs: 60_000, banMs: 150 } } });
    for (let i = 0; i < 3; i += 1) expect((await http(discord, 'GET', '/users/@me', { token: 'bad' })).status).toBe(401);
    const banned = await http(discord, 'GET', '/users/@me');
    expect(banned.status).toBe(429);
    expect(banned.text).toContain('You are being blocked from accessing our API temporarily');
    expect(banned.headers.get('x-ratelimit-scope')).toBeNull();
    expect(banned.headers.get('retry-after')).toBe('1');
    // Let the 150 ms ban run out.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await http(discord, 'GET', '/users/@me')).status).toBe(200);
  });

  it('does not count shared-scope 429s toward the ban', async () => {
    discord = await FakeDiscord.start({ rateLimits: { invalidRequests: { limit: 2, windowMs: 60_000, banMs: 60_000 } } });
    discord.restFaults.rateLimitStorm({ route: 'GET /users/@me', times: 3, scope: 'shared' });
    for (let i = 0; i < 3; i += 1) {
      const reply = await http(discord, 'GET', '/users/@me');
      expect(reply.status).toBe(429);
      expect(reply.headers.get('x-ratelimit-scope')).toBe('shared');
      expect(reply.json).toMatchObject({ message: 'The resource is being rate limited.', global: false });
    }
    expect((await http(discord, 'GET', '/users/@me')).status).toBe(200);
  });

  it('applies the channel rename sublimit while the route bucket still has room', async () => {
    discord = await FakeDiscord.start();
    const channelId = discord.createGuild({ name: 'Sub' }).system_channel_id as string;
    const rename = (name: string) => http(discord, 'PATCH', `/channels/${channelId}`, { body: { name } });
    expect((await rename('one')).status).toBe(200);
    expect((await rename('two')).status).toBe(200);
    const third = await rename('three');
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('x-ratelimit-remaining'))).toBeGreaterThan(0);
    expect(third.headers.get('x-ratelimit-global')).toBeNull();
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(500);
    expect((await http(discord, 'PATCH', `/channels/${channelId}`, { body: { nsfw: true } })).status).toBe(200);
  });

  it('turns every limit off with rateLimits: false', async () => {
    discord = await FakeDiscord.start({ rateLimits: false });
    const channelId = discord.createGuild({ name: 'Off' }).system_channel_id as string;
    const replies = await Promise.all(Array.from({ length: 60 }, () => http(discord, 'POST', `/channels/${channelId}/messages`, { body: { content: 'x' } })));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(replies[0]?.headers.get('x-ratelimit-limit')).toBeNull();
  });
});
