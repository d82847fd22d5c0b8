import { Routes, type APIApplicationCommand } from 'discord-api-types/v10';
import { createRestProxy, type RestProxy } from '../../../src/proxy';
import { FakeDiscord } from '../../../src/testing';

describe('RestProxy authentication', () => {
  let discord: FakeDiscord;
  const proxies: RestProxy[] = [];

  beforeAll(async () => {
    discord = await FakeDiscord.start({ port: 0 });
  });

  afterAll(async () => {
    await Promise.all(proxies.map((proxy) => proxy.close()));
    await discord.close();
  });

  async function start(options: Parameters<typeof createRestProxy>[0] = {}): Promise<RestProxy> {
    const proxy = await createRestProxy({ port: 0, rest: { baseURL: discord.restUrl }, ...options }).listen();
    proxies.push(proxy);
    return proxy;
  }

  it('forwards an interaction callback without a bot token', async () => {
    const proxy = await start();
    const guild = discord.createGuild({ name: 'interactions' });
    const user = discord.createUser({ username: 'caller' });
    discord.addMember(guild.id, user.id);
    const registered = await fetch(`${proxy.apiUrl}/v10${Routes.applicationGuildCommands(discord.applicationId, guild.id)}`, {
      method: 'PUT',
      headers: { authorization: `Bot ${discord.token}`, 'content-type': 'application/json' },
      body: JSON.stringify([{ name: 'ping', description: 'Replies with pong' }]),
    });
    expect(((await registered.json()) as APIApplicationCommand[]).map((command) => command.name)).toEqual(['ping']);
    const interaction = discord.invokeCommand({ name: 'ping', userId: user.id, channelId: guild.system_channel_id! });
    const callback = await fetch(`${proxy.apiUrl}/v10${Routes.interactionCallback(interaction.id, interaction.token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 4, data: { content: 'pong' } }),
    });
    expect(callback.status).toBe(204);
    expect(discord.interactionResponses().find((response) => response.interactionId === interaction.id)?.data).toMatchObject({ content: 'pong' });
  });

  it('with a configured token, forwards requests that carry none (and ignores one a client sends)', async () => {
    const proxy = await start({ token: discord.token });
    const bare = await fetch(`${proxy.apiUrl}/v10/users/@me`);
    expect(bare.status).toBe(200);
    const wrong = await fetch(`${proxy.apiUrl}/v10/users/@me`, { headers: { authorization: 'Bot somebody-else' } });
    expect(wrong.status).toBe(200);
    expect(proxy.snapshot().bots).toHaveLength(1);
  });

  it('asks authorize() for API routes and /metrics, leaving /healthz open', async () => {
    const proxy = await start({ authorize: (request) => request.headers['x-proxy-key'] === 'letmein' });
    const refused = await fetch(`${proxy.apiUrl}/v10/users/@me`, { headers: { authorization: `Bot ${discord.token}` } });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('OVEN_ERR_PROXY_FORBIDDEN');
    expect((await fetch(`${proxy.url}/metrics`)).status).toBe(403);
    expect((await fetch(`${proxy.url}/healthz`)).status).toBe(200);
    const allowed = await fetch(`${proxy.apiUrl}/v10/users/@me`, { headers: { authorization: `Bot ${discord.token}`, 'x-proxy-key': 'letmein' } });
    expect(allowed.status).toBe(200);
  });

  it('keeps tokens apart: a rejected token does not lock out the good one', async () => {
    const proxy = await start();
    const bad = await fetch(`${proxy.apiUrl}/v10/users/@me`, { headers: { authorization: 'Bot not-a-real-token' } });
    expect(bad.status).toBe(401);
    // The rejected token's client now refuses to send at all (Discord's ban guard), answered as 401.
    const again = await fetch(`${proxy.apiUrl}/v10/users/@me`, { headers: { authorization: 'Bot not-a-real-token' } });
    expect(again.status).toBe(401);
    expect(((await again.json()) as { code: unknown }).code).toBe('OVEN_ERR_REST_TOKEN_REJECTED');
    expect(discord.requests('GET /users/@me').filter((request) => request.status === 401)).toHaveLength(1);
    const good = await fetch(`${proxy.apiUrl}/v10/users/@me`, { headers: { authorization: `Bot ${discord.token}` } });
    expect(good.status).toBe(200);
    expect(proxy.snapshot().bots).toHaveLength(2);
  });
});
