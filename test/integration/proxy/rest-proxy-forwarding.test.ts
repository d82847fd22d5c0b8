import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { REST as DiscordJsRest } from '@discordjs/rest';
import { Routes, type APIMessage, type APIWebhook } from 'discord-api-types/v10';
import { createRestProxy, type RestProxy } from '../../../src/proxy';
import { FakeDiscord } from '../../../src/testing';

describe('RestProxy forwarding', () => {
  let discord: FakeDiscord;
  let proxy: RestProxy;
  let channelId: string;
  let guildId: string;
  let auth: Record<string, string>;

  beforeAll(async () => {
    discord = await FakeDiscord.start({ port: 0 });
    const guild = discord.createGuild({ name: 'forwarding' });
    guildId = guild.id;
    channelId = guild.system_channel_id!;
    auth = { authorization: `Bot ${discord.token}` };
    proxy = await createRestProxy({ port: 0, rest: { baseURL: discord.restUrl, retries: 0 }, maxBodyBytes: 64 * 1024 }).listen();
  });

  afterAll(async () => {
    await proxy.close();
    await discord.close();
  });

  const api = (path: string): string => `${proxy.apiUrl}/v10${path}`;
  const direct = (path: string): string => `${discord.restUrl}/v10${path}`;

  it('passes a multipart upload through byte for byte', async () => {
    const bytes = randomBytes(20_000);
    const form = new FormData();
    form.append('payload_json', JSON.stringify({ content: 'upload', attachments: [{ id: 0, filename: 'blob.bin' }] }));
    form.append('files[0]', new Blob([bytes], { type: 'application/octet-stream' }), 'blob.bin');
    const response = await fetch(api(`/channels/${channelId}/messages`), { method: 'POST', headers: auth, body: form });
    expect(response.status).toBe(200);
    const message = (await response.json()) as APIMessage;
    expect(message.content).toBe('upload');
    const [file] = discord.files(message.id);
    expect(file?.filename).toBe('blob.bin');
    expect(file?.field).toBe('files[0]');
    expect(Buffer.compare(file!.data, bytes)).toBe(0);
  });

  it('passes an upload from @discordjs/rest through', async () => {
    const rest = new DiscordJsRest({ api: proxy.apiUrl, retries: 0 }).setToken(discord.token);
    const data = Buffer.from('hello from discord.js');
    const message = (await rest.post(Routes.channelMessages(channelId), {
      body: { content: 'djs upload' },
      files: [{ name: 'hello.txt', data, contentType: 'text/plain' }],
    })) as APIMessage;
    expect(discord.files(message.id).map((file) => file.data.toString())).toEqual(['hello from discord.js']);
  });

  it('answers 404 and 50035 with the status and body Discord (the fake) sends', async () => {
    for (const [path, init] of [
      ['/channels/1234567890123/messages', { method: 'GET' }],
      [`/channels/${channelId}/messages`, { method: 'POST', body: JSON.stringify({ content: 'x'.repeat(2001) }), headers: { 'content-type': 'application/json' } }],
    ] as const) {
      const viaProxy = await fetch(api(path), { ...init, headers: { ...auth, ...('headers' in init ? init.headers : {}) } });
      const viaFake = await fetch(direct(path), { ...init, headers: { ...auth, ...('headers' in init ? init.headers : {}) } });
      expect(viaProxy.status).toBe(viaFake.status);
      expect(await viaProxy.json()).toEqual(await viaFake.json());
    }
    const invalid = await fetch(api(`/channels/${channelId}/messages`), {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'x'.repeat(2001) }),
    });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { code: number }).code).toBe(50035);
  });

  it('answers a wrong token with Discord 401 body', async () => {
    const response = await fetch(api('/users/@me'), { headers: { authorization: 'Bot not-the-token' } });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { code: number }).code).toBe(0);
  });

  it('passes query strings, audit-log reasons and 204s; serves v9 too', async () => {
    const author = discord.createUser({ username: 'author' });
    discord.addMember(guildId, author.id);
    for (let n = 0; n < 3; n += 1) discord.postMessage(channelId, author.id, { content: `q${n}` });
    const listed = await fetch(api(`/channels/${channelId}/messages?limit=2`), { headers: auth });
    expect(((await listed.json()) as APIMessage[]).length).toBe(2);
    expect(discord.requests('GET /channels/{channel_id}/messages').at(-1)?.query).toEqual({ limit: '2' });

    const user = discord.createUser({ username: 'banned' });
    discord.addMember(guildId, user.id);
    const reason = 'spam, ünïcode & 100%';
    const ban = await fetch(api(`/guilds/${guildId}/bans/${user.id}`), {
      method: 'PUT',
      headers: { ...auth, 'x-audit-log-reason': encodeURIComponent(reason) },
    });
    expect(ban.status).toBe(204);
    expect(await ban.text()).toBe('');
    expect(discord.requests('PUT /guilds/{guild_id}/bans/{user_id}').at(-1)?.auditLogReason).toBe(reason);

    const v9 = await fetch(`${proxy.apiUrl}/v9/users/@me`, { headers: auth });
    expect(v9.status).toBe(200);
    expect(((await v9.json()) as { bot?: boolean }).bot).toBe(true);
  });

  it('forwards webhook-token routes without a bot token', async () => {
    const created = await fetch(api(`/channels/${channelId}/webhooks`), {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'hook' }),
    });
    const webhook = (await created.json()) as APIWebhook;
    const noWait = await fetch(api(`/webhooks/${webhook.id}/${webhook.token!}`), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'from a hook' }),
    });
    expect(noWait.status).toBe(204);
    const waited = await fetch(api(`/webhooks/${webhook.id}/${webhook.token!}?wait=true`), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'waited' }),
    });
    expect(waited.status).toBe(200);
    expect(((await waited.json()) as APIMessage).webhook_id).toBe(webhook.id);
    const executed = discord.requests('POST /webhooks/{webhook_id}/{webhook_token}');
    expect(executed.length).toBe(2);
  });

  it('refuses bad requests to itself with typed JSON errors', async () => {
    const cases: [string, RequestInit, number, string][] = [
      [`${proxy.apiUrl}/v7/users/@me`, { headers: auth }, 400, 'OVEN_ERR_PROXY_UNKNOWN_VERSION'],
      [`${proxy.url}/nothing-here`, { headers: auth }, 404, 'OVEN_ERR_PROXY_NOT_FOUND'],
      [api('/users/@me'), {}, 401, 'OVEN_ERR_PROXY_NO_TOKEN'],
      [api('/users/@me'), { method: 'OPTIONS', headers: auth }, 405, 'OVEN_ERR_PROXY_METHOD_NOT_ALLOWED'],
      [api(`/channels/${channelId}/messages`), { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"content":' }, 400, 'OVEN_ERR_PROXY_BAD_BODY'],
      [api(`/channels/${channelId}/messages`), { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: 'hi' }, 415, 'OVEN_ERR_PROXY_UNSUPPORTED_MEDIA_TYPE'],
      [
        api(`/channels/${channelId}/messages`),
        { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ content: 'x'.repeat(70_000) }) },
        413,
        'OVEN_ERR_PROXY_BODY_TOO_LARGE',
      ],
    ];
    const before = discord.requests().length;
    for (const [url, init, status, code] of cases) {
      const response = await fetch(url, init);
      expect({ url, status: response.status }).toEqual({ url, status });
      const body = (await response.json()) as { code: string; message: string };
      expect(body.code).toBe(code);
      expect(body.message.length).toBeGreaterThan(20);
    }
    // None of them reached Discord.
    expect(discord.requests().length).toBe(before);
  });

  it('refuses dot segments, which fetch would normalise away, without reaching Discord', async () => {
    const before = discord.requests().length;
    for (const path of ['/api/v10/channels/1/../../users/@me', '/api/v10/channels/%2e%2e/users/@me', '/api/v10/channels//messages', 'http://[::1']) {
      const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = httpRequest({ host: '127.0.0.1', port: proxy.port, path, headers: auth }, (response) => {
          let text = '';
          response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
        });
        request.on('error', reject).end();
      });
      expect({ path, status }).toEqual({ path, status: 400 });
      expect((JSON.parse(body) as { code: string }).code).toBe('OVEN_ERR_PROXY_BAD_PATH');
    }
    expect(discord.requests().length).toBe(before);
  });

  it('refuses a streamed (chunked) body once it passes the limit', async () => {
    const chunks = async function* (): AsyncGenerator<Uint8Array> {
      for (let n = 0; n < 20; n += 1) yield new Uint8Array(8 * 1024).fill(32);
    };
    const response = await fetch(api(`/channels/${channelId}/messages`), {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: ReadableStream.from(chunks()),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { code: string }).code).toBe('OVEN_ERR_PROXY_BODY_TOO_LARGE');
  });

  it('serves /healthz and per-bucket /metrics', async () => {
    const health = await fetch(`${proxy.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const metrics = (await (await fetch(`${proxy.url}/metrics`)).json()) as {
      requests: number;
      byStatus: Record<string, number>;
      bots: string[];
      rest: { requests: number; byBucket: Record<string, { requests: number }> };
    };
    expect(metrics.requests).toBeGreaterThan(5);
    expect(metrics.byStatus['404']).toBeGreaterThanOrEqual(1);
    expect(metrics.byStatus['413']).toBeGreaterThanOrEqual(1);
    expect(metrics.bots.length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(metrics.rest.byBucket).length).toBeGreaterThan(1);
    expect(Object.values(metrics.rest.byBucket).reduce((sum, bucket) => sum + bucket.requests, 0)).toBe(metrics.rest.requests);

    for (const init of [{ url: `${proxy.url}/metrics?format=prometheus`, headers: {} }, { url: `${proxy.url}/metrics`, headers: { accept: 'text/plain' } }]) {
      const scraped = await fetch(init.url, { headers: init.headers });
      expect(scraped.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await scraped.text();
      expect(text).toMatch(/^oven_proxy_requests_total \d+$/m);
      expect(text).toMatch(/^oven_proxy_responses_total\{status="413"\} [1-9]/m);
      expect(text).toMatch(/^oven_proxy_upstream_requests_total\{bucket=".+"\} [1-9]/m);
    }
  });
});
