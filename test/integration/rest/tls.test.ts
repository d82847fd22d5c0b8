import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GatewayIntentBits } from 'discord-api-types/v10';
import { Client } from '../../../src/client';
import { RequestFailedError, RestClient, RestUsageError } from '../../../src/rest';
import { FakeDiscord } from '../../../src/testing';

const fixtures = join(__dirname, '../../fixtures/tls');
const key = readFileSync(join(fixtures, 'key.pem'));
const cert = readFileSync(join(fixtures, 'cert.pem'));

describe('RestClient over https (fake Discord started with tls)', () => {
  let discord: FakeDiscord;

  beforeEach(async () => {
    discord = await FakeDiscord.start({ port: 0, tls: { key, cert } });
  });

  afterEach(async () => {
    await discord.close();
  });

  it.each([1, 4])('sends requests and uploads when the CA is trusted (pipelining %i)', async (pipelining) => {
    const rest = new RestClient({ token: discord.token, baseURL: discord.restUrl, tls: { ca: cert }, pipelining });
    try {
      expect(discord.restUrl.startsWith('https://')).toBe(true);
      const guild = discord.createGuild({ name: 'tls' });
      const channel = guild.system_channel_id!;
      const sent = await Promise.all(Array.from({ length: 4 }, (_, index) => rest.channels.createMessage(channel, { content: `over tls ${index}` })));
      expect(sent.map((message) => message.content)).toEqual(Array.from({ length: 4 }, (_, index) => `over tls ${index}`));
      const upload = await rest.channels.createMessage(channel, { content: 'file' }, { files: [{ name: 'a.txt', data: Buffer.from('intact') }] });
      expect(upload.attachments).toHaveLength(1);
      expect(discord.messages(channel).map((message) => message.content)).toEqual([...sent.map((message) => message.content), 'file']);
    } finally {
      await rest.close();
    }
  });

  it('fails at once with OVEN_ERR_REST_TLS_UNTRUSTED when the certificate does not verify, without retries', async () => {
    const rest = new RestClient({ token: discord.token, baseURL: discord.restUrl, retries: 3, retryBaseDelayMs: 5_000 });
    try {
      const failure = await rest.users.me().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(RequestFailedError);
      expect(failure).toMatchObject({ code: 'OVEN_ERR_REST_TLS_UNTRUSTED', reason: 'tls', attempts: 1 });
      expect((failure as Error).message).toMatch(/tls: \{ ca \}/);
      expect(discord.requests()).toHaveLength(0);
    } finally {
      await rest.close();
    }
  });

  it('connects with rejectUnauthorized: false (tests only)', async () => {
    const rest = new RestClient({ token: discord.token, baseURL: discord.restUrl, tls: { rejectUnauthorized: false } });
    try {
      await expect(rest.users.me()).resolves.toMatchObject({ bot: true });
    } finally {
      await rest.close();
    }
  });

  it('a Client logs in over https and wss with one CA given to REST and the gateway', async () => {
    const client = new Client({
      token: discord.token,
      intents: GatewayIntentBits.Guilds,
      rest: { baseURL: discord.restUrl, tls: { ca: cert } },
      gateway: { tls: { ca: cert }, identifyIntervalMs: 0 },
    });
    try {
      discord.createGuild({ name: 'tls guild' });
      await client.login();
      expect(client.isReady).toBe(true);
      expect(client.cache.guilds.size).toBe(1);
    } finally {
      await client.destroy();
    }
  });
});

describe('RestClient tls option', () => {
  it.each([
    [{ tls: { ca: 'test/fixtures/tls/cert.pem' } }, /not its path/],
    [{ tls: { ca: 42 } }, /tls\.ca must be PEM/],
    [{ tls: { rejectUnauthorized: 'no' } }, /rejectUnauthorized must be a boolean/],
    [{ tls: null }, /tls must be an object/],
  ])('refuses %j with OVEN_ERR_REST_BAD_OPTION', (options, message) => {
    const attempt = () => new RestClient({ baseURL: 'https://proxy.example/api', ...(options as object) });
    expect(attempt).toThrow(RestUsageError);
    expect(attempt).toThrow(message);
  });

  it('refuses tls with an http baseURL', () => {
    expect(() => new RestClient({ baseURL: 'http://127.0.0.1:1/api', tls: { ca: cert } })).toThrow(/is not https/);
  });
});
