import { RESTJSONErrorCodes, type APIMessage } from 'discord-api-types/v10';
import { FakeDiscord } from '../../../../src/testing/fake-discord';

let discord: FakeDiscord;
let channelId: string;

async function call(method: string, path: string, init: { body?: unknown; token?: string | null; headers?: Record<string, string>; raw?: string } = {}): Promise<{ status: number; json: unknown; headers: Headers }> {
  const headers: Record<string, string> = { ...init.headers };
  const token = init.token === undefined ? discord.token : init.token;
  if (token !== null) headers.Authorization = `Bot ${token}`;
  let body: string | undefined = init.raw;
  if (init.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  const response = await fetch(`${discord.restUrl}/v10${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  return { status: response.status, json: text === '' ? undefined : (JSON.parse(text) as unknown), headers: response.headers };
}

beforeAll(async () => {
  discord = await FakeDiscord.start({ port: 0, rateLimits: false });
  const guild = discord.createGuild({ name: 'Test' });
  channelId = guild.system_channel_id as string;
});

afterAll(async () => {
  await discord.close();
});

describe('FakeRestServer', () => {
  it('creates, lists, edits and deletes messages with MESSAGE_* read-back', async () => {
    const created = await call('POST', `/channels/${channelId}/messages`, { body: { content: 'hello' } });
    expect(created.status).toBe(200);
    const message = created.json as APIMessage;
    expect(message.author.id).toBe(discord.botUser.id);
    expect(discord.messages(channelId).map((m) => m.content)).toEqual(['hello']);
    const edited = await call('PATCH', `/channels/${channelId}/messages/${message.id}`, { body: { content: 'edited' } });
    expect((edited.json as APIMessage).content).toBe('edited');
    expect((edited.json as APIMessage).edited_timestamp).not.toBeNull();
    const list = await call('GET', `/channels/${channelId}/messages?limit=10`);
    expect((list.json as APIMessage[]).map((m) => m.content)).toEqual(['edited']);
    expect((await call('DELETE', `/channels/${channelId}/messages/${message.id}`)).status).toBe(204);
    expect(discord.messages(channelId)).toEqual([]);
  });

  it('answers unknown resources with the real JSON codes', async () => {
    const channel = await call('GET', '/channels/123');
    expect(channel).toMatchObject({ status: 404, json: { code: RESTJSONErrorCodes.UnknownChannel, message: 'Unknown Channel' } });
    const message = await call('GET', `/channels/${channelId}/messages/123`);
    expect(message).toMatchObject({ status: 404, json: { code: RESTJSONErrorCodes.UnknownMessage } });
    expect(await call('GET', '/nothing/here')).toMatchObject({ status: 404, json: { code: 0, message: '404: Not Found' } });
    expect(await call('PUT', '/users/@me')).toMatchObject({ status: 405 });
  });

  it('gives 50035 with the path of each bad field', async () => {
    const bad = await call('POST', `/channels/${channelId}/messages`, { body: { content: 'x'.repeat(2001), embeds: [{ title: 't'.repeat(300) }] } });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({
      code: 50035,
      message: 'Invalid Form Body',
      errors: {
        content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] },
        embeds: { '0': { title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 256 or fewer in length.' }] } } },
      },
    });
    const empty = await call('POST', `/channels/${channelId}/messages`, { body: {} });
    expect(empty).toMatchObject({ status: 400, json: { code: RESTJSONErrorCodes.CannotSendAnEmptyMessage } });
  });

  it('refuses bad tokens with 401 and bad bodies with Discord errors instead of crashing', async () => {
    expect(await call('GET', '/users/@me', { token: 'wrong' })).toMatchObject({ status: 401, json: { code: 0, message: '401: Unauthorized' } });
    expect(await call('GET', '/users/@me', { token: null })).toMatchObject({ status: 401 });
    const malformed = await call('POST', `/channels/${channelId}/messages`, { raw: '{"content":', headers: { 'Content-Type': 'application/json' } });
    expect(malformed).toMatchObject({ status: 400, json: { code: RESTJSONErrorCodes.RequestBodyContainsInvalidJSON } });
    const wrongType = await call('POST', `/channels/${channelId}/messages`, { raw: 'content=hi', headers: { 'Content-Type': 'text/plain' } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json).toMatchObject({ code: 50035, errors: { _errors: [{ code: 'CONTENT_TYPE_INVALID' }] } });
    expect((await call('GET', '/users/@me')).status).toBe(200);
  });

  it('serves v9 and rejects other API versions', async () => {
    const v9 = await fetch(`${discord.restUrl}/v9/users/@me`, { headers: { Authorization: `Bot ${discord.token}` } });
    expect(v9.status).toBe(200);
    await v9.text();
    const v5 = await fetch(`${discord.restUrl}/v5/users/@me`, { headers: { Authorization: `Bot ${discord.token}` } });
    expect(v5.status).toBe(400);
    expect(await v5.json()).toMatchObject({ code: RESTJSONErrorCodes.InvalidAPIVersion });
  });

  it('reports the gateway URL and the session start limit', async () => {
    const gateway = await call('GET', '/gateway', { token: null });
    expect(gateway.json).toEqual({ url: discord.gatewayUrl });
    const bot = await call('GET', '/gateway/bot');
    expect(bot.json).toMatchObject({ url: discord.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 1000, max_concurrency: 1 } });
  });
});
