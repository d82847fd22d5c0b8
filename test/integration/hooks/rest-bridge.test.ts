import { HookManager } from '../../../src/hooks';
import { bridgeRestHooks } from '../../../src/hooks/bridges/rest';
import { RestClient } from '../../../src/rest';
import { FakeDiscord } from '../../../src/testing';

describe('REST and message hooks, fired by a real RestClient against the fake Discord', () => {
  let discord: FakeDiscord;
  let rest: RestClient;
  let hooks: HookManager;
  let detach: () => void;
  let channelId: string;

  beforeEach(async () => {
    discord = await FakeDiscord.start({ port: 0 });
    const guild = discord.createGuild({ name: 'hooks' });
    channelId = discord.createChannel(guild.id, { name: 'general-2' }).id;
    rest = new RestClient({ token: discord.token, baseURL: discord.restUrl, retries: 1, retryBaseDelayMs: 1, retryMaxDelayMs: 5 });
    hooks = new HookManager();
    detach = bridgeRestHooks(rest, hooks);
  });
  afterEach(async () => {
    detach();
    await rest.close();
    await discord.close();
  });

  it('lets beforeAPICall rewrite headers and apiTransform rewrite the answer; reports afterAPICall', async () => {
    const after: string[] = [];
    hooks.register('beforeAPICall', (request) => {
      request.headers['X-Audit-Log-Reason'] = 'set by a hook';
    });
    hooks.register('apiTransform', (response) => ({ ...response, body: { ...(response.body as object), transformed: true } }));
    hooks.register('afterAPICall', ({ request, status }) => void after.push(`${request.method} ${request.route} ${status}`));
    const channel = await rest.patch<{ name: string; transformed?: boolean }>(`/channels/${channelId}`, { body: { name: 'renamed' } });
    expect(channel).toMatchObject({ name: 'renamed', transformed: true });
    expect(discord.requests().at(-1)?.auditLogReason).toBe('set by a hook');
    expect(after).toEqual([`PATCH /channels/${channelId} 200`]);
  });

  it('runs messageValidate, beforeMessageSend and afterMessageSend around a real message', async () => {
    const sent: string[] = [];
    hooks.register('messageValidate', ({ body }) => (body.content?.includes('@everyone') ? { reason: 'no mass pings' } : undefined));
    hooks.register('beforeMessageSend', (message) => ({ ...message, body: { ...message.body, content: `${message.body.content} [via hook]` } }));
    hooks.register('afterMessageSend', ({ message }) => void sent.push(message.id));
    const message = await rest.post<{ id: string }>(`/channels/${channelId}/messages`, { body: { content: 'hello' } });
    expect(discord.messages(channelId).map((m) => m.content)).toEqual(['hello [via hook]']);
    expect(sent).toEqual([message.id]);
    const before = discord.requests().length;
    await expect(rest.post(`/channels/${channelId}/messages`, { body: { content: 'hi @everyone' } })).rejects.toMatchObject({
      code: 'OVEN_ERR_HOOK_MESSAGE_VETOED',
      reason: 'no mass pings',
    });
    expect(discord.requests()).toHaveLength(before);
  });

  it('lets beforeMessageEdit rewrite an edit', async () => {
    hooks.register('beforeMessageEdit', (edit) => ({ ...edit, body: { ...edit.body, content: `${edit.body.content ?? ''} (edited)` } }));
    const message = await rest.post<{ id: string }>(`/channels/${channelId}/messages`, { body: { content: 'v1' } });
    await rest.patch(`/channels/${channelId}/messages/${message.id}`, { body: { content: 'v2' } });
    expect(discord.messages(channelId).map((m) => m.content)).toEqual(['v2 (edited)']);
  });

  it('reports apiError with Discord\'s code, apiRetry on a 5xx, and rateLimited on a 429', async () => {
    const errors: unknown[] = [];
    const retries: string[] = [];
    const limits: unknown[] = [];
    hooks.register('apiError', ({ status, code, request }) => void errors.push([status, code, request.route]));
    hooks.register('apiRetry', ({ attempt, reason }) => void retries.push(`${attempt}:${reason}`));
    hooks.register('rateLimited', ({ global, retryAfterMs, scope }) => void limits.push({ global, retryAfterMs, scope }));
    await expect(rest.get('/channels/1')).rejects.toThrow();
    expect(errors).toEqual([[404, 10003, '/channels/1']]);
    discord.restFaults.serverError({ status: 502, route: 'GET /users/@me' });
    await rest.get('/users/@me');
    expect(retries).toEqual(['1:HTTP 502']);
    discord.restFaults.rateLimitStorm({ route: 'GET /users/@me', times: 1, retryAfterMs: 20 });
    await rest.get('/users/@me');
    expect(limits).toContainEqual(expect.objectContaining({ global: false, scope: 'user' }));
  });

  it('warns through invalidRequestWarning as 429s pile up', async () => {
    const guarded = new RestClient({ token: discord.token, baseURL: discord.restUrl, invalidRequests: { limit: 10, warnFraction: 0.2, refuseFraction: 0.9 } });
    const detachGuarded = bridgeRestHooks(guarded, hooks);
    const warnings: unknown[] = [];
    hooks.register('invalidRequestWarning', (warning) => void warnings.push(warning));
    discord.restFaults.rateLimitStorm({ route: 'GET /users/@me', times: 2, retryAfterMs: 5, scope: 'user' });
    await guarded.get('/users/@me');
    expect(warnings[0]).toEqual({ count: 2, limit: 10 });
    detachGuarded();
    await guarded.close();
  });

  it('steps aside once detached', async () => {
    const calls: string[] = [];
    hooks.register('beforeAPICall', (request) => void calls.push(request.route));
    detach();
    await rest.get('/users/@me');
    expect(calls).toEqual([]);
  });
});
