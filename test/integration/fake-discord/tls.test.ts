import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REST, type RESTOptions } from '@discordjs/rest';
import { GatewayOpcodes, Routes, type APIUser, type GatewayHelloData, type GatewayReadyDispatchData } from 'discord-api-types/v10';
import { Agent, request } from 'undici';
import { WebSocket } from 'ws';
import { FakeDiscord, FakeDiscordError } from '../../../src/testing';

const fixtures = join(__dirname, '../../fixtures/tls');
const key = readFileSync(join(fixtures, 'key.pem'));
const cert = readFileSync(join(fixtures, 'cert.pem'));

interface Frame {
  readonly op: number;
  readonly t?: string | null;
  readonly d: unknown;
}

/** A bare wss client trusting the fixture certificate, recording every frame. */
class WssClient {
  public readonly frames: Frame[] = [];
  private readonly waiters: { predicate: (frame: Frame) => boolean; resolve: (frame: Frame) => void }[] = [];

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as Frame;
      this.frames.push(frame);
      for (const waiter of [...this.waiters]) {
        if (!waiter.predicate(frame)) continue;
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(frame);
      }
    });
  }

  public static async connect(baseUrl: string): Promise<WssClient> {
    const ws = new WebSocket(`${baseUrl}/?v=10&encoding=json`, { ca: cert });
    const client = new WssClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  public waitFor(predicate: (frame: Frame) => boolean): Promise<Frame> {
    const seen = this.frames.find(predicate);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ predicate, resolve }));
  }

  public send(payload: unknown): void {
    this.ws.send(JSON.stringify(payload));
  }

  public async close(code = 1000): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    const closed = new Promise((resolve) => this.ws.once('close', resolve));
    this.ws.close(code);
    await closed;
  }
}

describe('FakeDiscord over TLS', () => {
  let discord: FakeDiscord;
  let agent: Agent;

  beforeAll(async () => {
    discord = await FakeDiscord.start({ port: 0, tls: { key, cert } });
    agent = new Agent({ connect: { ca: cert } });
  });

  afterAll(async () => {
    await agent.close();
    await discord.close();
  });

  it('names https and wss URLs on its one port', () => {
    expect(discord.restUrl).toBe(`https://127.0.0.1:${discord.port}/api`);
    expect(discord.gatewayUrl).toBe(`wss://127.0.0.1:${discord.port}`);
  });

  it('serves REST over https to a client trusting the certificate, and /gateway/bot answers the wss URL', async () => {
    const response = await request(`${discord.restUrl}/v10/gateway/bot`, { dispatcher: agent, headers: { authorization: `Bot ${discord.token}` } });
    expect(response.statusCode).toBe(200);
    const body = (await response.body.json()) as { url: string; shards: number };
    expect(body.url).toBe(discord.gatewayUrl);
    expect(body.url.startsWith('wss://')).toBe(true);
    expect(discord.requests('GET /gateway/bot')).toHaveLength(1);
  });

  it('serves writes over https too (a message the bot posts lands in the world)', async () => {
    const guild = discord.createGuild({ name: 'Secure' });
    const channelId = guild.system_channel_id as string;
    const response = await request(`${discord.restUrl}/v10/channels/${channelId}/messages`, {
      method: 'POST',
      dispatcher: agent,
      headers: { authorization: `Bot ${discord.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'over tls' }),
    });
    expect(response.statusCode).toBe(200);
    await response.body.dump();
    expect(discord.messages(channelId).map((m) => m.content)).toEqual(['over tls']);
  });

  it('hands out https URLs for what it serves itself (a webhook made over https)', async () => {
    const guild = discord.createGuild({ name: 'Hooks' });
    const response = await request(`${discord.restUrl}/v10/channels/${guild.system_channel_id as string}/webhooks`, {
      method: 'POST',
      dispatcher: agent,
      headers: { authorization: `Bot ${discord.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'relay' }),
    });
    const webhook = (await response.body.json()) as { id: string; token: string; url: string };
    expect(webhook.url).toBe(`${discord.restUrl}/webhooks/${webhook.id}/${webhook.token}`);
  });

  it('is real TLS: a client that does not trust the certificate is refused, and plain http gets no answer', async () => {
    await expect(fetch(`${discord.restUrl}/v10/gateway`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${discord.port}/api/v10/gateway`)).rejects.toThrow();
  });

  it('completes the gateway handshake over wss (HELLO, IDENTIFY, READY) and resumes at the wss resume_gateway_url', async () => {
    const first = await WssClient.connect(discord.gatewayUrl);
    const hello = await first.waitFor((f) => f.op === GatewayOpcodes.Hello);
    expect((hello.d as GatewayHelloData).heartbeat_interval).toBeGreaterThan(0);
    first.send({ op: GatewayOpcodes.Identify, d: { token: discord.token, intents: 1, properties: { os: 'linux', browser: 'test', device: 'test' } } });
    const ready = (await first.waitFor((f) => f.t === 'READY')).d as GatewayReadyDispatchData;
    expect(ready.user.id).toBe(discord.botUser.id);
    expect(ready.resume_gateway_url).toBe(discord.gatewayUrl);
    const guild = discord.createGuild({ name: 'Resumable' });
    const lastSeq = ((await first.waitFor((f) => f.t === 'GUILD_CREATE' && (f.d as { id: string }).id === guild.id)) as Frame & { s: number }).s;
    // A non-1000 close keeps the session resumable, as a dropped connection would.
    await first.close(4000);

    const second = await WssClient.connect(ready.resume_gateway_url);
    try {
      await second.waitFor((f) => f.op === GatewayOpcodes.Hello);
      second.send({ op: GatewayOpcodes.Resume, d: { token: discord.token, session_id: ready.session_id, seq: lastSeq } });
      await expect(second.waitFor((f) => f.t === 'RESUMED')).resolves.toMatchObject({ op: 0 });
      expect(discord.gateway.sessions()[0]?.resumes).toBe(1);
    } finally {
      await second.close();
    }
  });

  it('works with an unchanged @discordjs/rest given an undici agent that trusts the certificate', async () => {
    // @discordjs/rest types `agent` with its own copy of undici's Dispatcher; the object is the same kind.
    const rest = new REST({ api: discord.restUrl, version: '10', agent: agent as unknown as NonNullable<RESTOptions['agent']> }).setToken(discord.token);
    const me = (await rest.get(Routes.user())) as APIUser;
    expect(me.id).toBe(discord.botUser.id);
  });

  it('refuses a wss client that does not trust the certificate', async () => {
    const ws = new WebSocket(`${discord.gatewayUrl}/?v=10&encoding=json`);
    const error = await new Promise<Error>((resolve) => ws.once('error', resolve));
    expect(error.message).toMatch(/self[- ]signed|certificate/i);
  });
});

describe('FakeDiscord TLS options', () => {
  const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' });

  it.each([
    ['a key that does not belong to the certificate', { key: otherKey, cert }, /tls\.key does not belong to tls\.cert/],
    ['a certificate that is not PEM', { key, cert: '-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n' }, /tls\.cert is not a readable PEM certificate/],
    ['a key that is not PEM', { key: '-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n', cert }, /tls\.key is not a readable unencrypted PEM private key/],
    ['key and certificate swapped', { key: cert, cert: key }, /tls\.cert is not a readable PEM certificate/],
    ['a path instead of the file contents', { key: join(fixtures, 'key.pem'), cert }, /tls\.key is not PEM: .*readFileSync/],
    ['an empty certificate', { key, cert: '' }, /tls\.cert is not PEM: it is empty/],
  ])('rejects %s with OVEN_ERR_FAKE_DISCORD_BAD_TLS', async (_name, tls, message) => {
    const started = FakeDiscord.start({ port: 0, tls });
    await expect(started).rejects.toBeInstanceOf(FakeDiscordError);
    await expect(started).rejects.toMatchObject({ code: 'OVEN_ERR_FAKE_DISCORD_BAD_TLS', message: expect.stringMatching(message) as unknown as string });
  });

  it('rejects a key that is neither string nor Buffer', async () => {
    const tls = { key: 42, cert } as unknown as { key: string; cert: Buffer };
    await expect(FakeDiscord.start({ port: 0, tls })).rejects.toMatchObject({ code: 'OVEN_ERR_FAKE_DISCORD_BAD_TLS', message: expect.stringContaining('tls.key must be PEM text') as unknown as string });
  });
});
