import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { Routes, type APIChannel, type APIGuild } from 'discord-api-types/v10';
import {
  DiscordAPIError,
  InvalidRequestLimitError,
  RestClient,
  type RateLimitedEvent,
} from '../../../src/rest';
import { FakeDiscord } from '../../../src/testing';

describe('RestClient against the fake Discord', () => {
  describe('with tight limits', () => {
    let discord: FakeDiscord;
    let rest: RestClient;
    let guilds: APIGuild[];
    let channels: APIChannel[];

    beforeAll(async () => {
      discord = await FakeDiscord.start({
        port: 0,
        rateLimits: {
          // The global limit is proven against a strict sliding window in test/rest/rate-limits.test.ts;
          // here the per-route buckets are the subject, so the global limit stays out of their way.
          global: { limit: 1000, windowMs: 1000 },
          routes: {
            'POST /channels/{channel_id}/messages': { limit: 10, windowMs: 300 },
            'GET /channels/{channel_id}': { limit: 5, windowMs: 250 },
            'GET /guilds/{guild_id}': { limit: 5, windowMs: 250 },
          },
        },
      });
      guilds = [discord.createGuild({ name: 'one', withGeneralChannel: false }), discord.createGuild({ name: 'two', withGeneralChannel: false })];
      channels = Array.from({ length: 5 }, (_, index) => discord.createChannel(guilds[index % 2]!.id, { name: `c${index}` }));
    });

    beforeEach(() => {
      rest = new RestClient({ token: discord.token, baseURL: discord.restUrl, globalRequestsPerSecond: 1000 });
    });

    afterEach(async () => {
      discord.restFaults.clear();
      await rest.close();
    });

    afterAll(async () => {
      await discord.close();
    });

    it('serves 500 requests across 5 channels and 2 guilds with zero 429s, in order per bucket', async () => {
      const since = discord.requests().length;
      const hits: RateLimitedEvent[] = [];
      rest.on('rateLimited', (event) => {
        if (event.hit) hits.push(event);
      });
      const calls: Array<Promise<unknown>> = [];
      for (let index = 0; index < 500; index += 1) {
        const channel = channels[index % 5]!;
        const kind = Math.floor(index / 5) % 10;
        if (kind < 6) calls.push(rest.channels.createMessage(channel.id, { content: `n${index}` }));
        else if (kind < 8) calls.push(rest.channels.get(channel.id));
        else calls.push(rest.guilds.get(guilds[index % 2]!.id));
      }
      await Promise.all(calls);
      const served = discord.requests().slice(since);
      expect(served).toHaveLength(500);
      expect(served.filter((request) => request.status === 429)).toHaveLength(0);
      expect(hits).toHaveLength(0);
      for (const channel of channels) {
        const sent = served
          .filter((request) => request.method === 'POST' && request.params.channel_id === channel.id)
          .map((request) => Number((request.body as { content: string }).content.slice(1)));
        expect(sent).toHaveLength(60);
        expect(sent).toEqual([...sent].sort((a, b) => a - b));
        expect(discord.messages(channel.id).map((message) => message.content).filter((content) => content.startsWith('n'))).toEqual(sent.map((n) => `n${n}`));
      }
    });

    it('survives a 429 storm with every request answered exactly once', async () => {
      const channel = channels[0]!;
      const before = discord.messages(channel.id).length;
      discord.restFaults.rateLimitStorm({ route: 'POST /channels/{channel_id}/messages', times: 25, retryAfterMs: 10 });
      discord.restFaults.rateLimitStorm({ route: 'GET /channels/{channel_id}', times: 5, retryAfterMs: 10, scope: 'global' });
      const hits: RateLimitedEvent[] = [];
      rest.on('rateLimited', (event) => {
        if (event.hit) hits.push(event);
      });
      const results = await Promise.all([
        ...Array.from({ length: 30 }, (_, index) => rest.channels.createMessage(channel.id, { content: `storm ${index}` })),
        ...Array.from({ length: 5 }, () => rest.channels.get(channels[1]!.id)),
      ]);
      expect(results).toHaveLength(35);
      expect(hits.length).toBe(30);
      const contents = discord.messages(channel.id).slice(before).map((message) => message.content);
      expect(contents).toEqual(Array.from({ length: 30 }, (_, index) => `storm ${index}`));
    });

    it('uploads files intact from a Buffer and a stream', async () => {
      const image = randomBytes(512 * 1024);
      const log = Buffer.from('line\n'.repeat(10_000));
      const message = await rest.channels.createMessage(
        channels[2]!.id,
        { content: 'files', attachments: [{ id: 0, filename: 'image.png' }, { id: 1, filename: 'log.txt' }] },
        { files: [{ name: 'image.png', data: image }, { name: 'log.txt', data: Readable.from([log.subarray(0, 1000), log.subarray(1000)]) }] },
      );
      const files = discord.files(message.id);
      expect(files.map((file) => file.filename)).toEqual(['image.png', 'log.txt']);
      expect(files[0]!.data.equals(image)).toBe(true);
      expect(files[1]!.data.equals(log)).toBe(true);
      expect(message.attachments.map((attachment) => attachment.size)).toEqual([image.length, log.length]);
    });

    it('gives typed errors for a bad token, a 404 and a 50035', async () => {
      const stranger = new RestClient({ token: 'not-the-token', baseURL: discord.restUrl });
      const unauthorized = await stranger.users.me().catch((error: unknown) => error);
      await stranger.close();
      expect(unauthorized).toBeInstanceOf(DiscordAPIError);
      expect(unauthorized).toMatchObject({ status: 401, method: 'GET' });

      const missing = await rest.channels.get('123456789012345678').catch((error: unknown) => error);
      expect(missing).toBeInstanceOf(DiscordAPIError);
      expect(missing).toMatchObject({ status: 404, discordCode: 10003 });

      const invalid = await rest.channels.createMessage(channels[3]!.id, { content: 'x'.repeat(2001) }).catch((error: unknown) => error);
      expect(invalid).toBeInstanceOf(DiscordAPIError);
      expect(invalid).toMatchObject({ status: 400, discordCode: 50035 });
      expect((invalid as DiscordAPIError).errors.some((line) => line.startsWith('content: '))).toBe(true);
    });

    it('sends the audit-log reason and Discord user agent the fake records', async () => {
      await rest.patch(Routes.channel(channels[4]!.id), { body: { name: 'renamed' }, reason: 'tidy up: ünïcode & spaces' });
      const [request] = discord.requests('PATCH /channels/{channel_id}').slice(-1);
      expect(request?.auditLogReason).toBe('tidy up: ünïcode & spaces');
      expect(request?.userAgent).toMatch(/^DiscordBot \(/);
    });
  });

  it('keeps the default global limit of 50 per second with the default options, even from a cold start', async () => {
    const discord = await FakeDiscord.start({ port: 0, rateLimits: { global: { limit: 50, windowMs: 1000 } } });
    const rest = new RestClient({ token: discord.token, baseURL: discord.restUrl });
    try {
      const guild = discord.createGuild({ name: 'global', withGeneralChannel: false });
      const channels = Array.from({ length: 30 }, (_, index) => discord.createChannel(guild.id, { name: `g${index}` }));
      await Promise.all(Array.from({ length: 120 }, (_, index) => rest.channels.get(channels[index % 30]!.id)));
      const served = discord.requests('GET /channels/{channel_id}');
      expect(served).toHaveLength(120);
      expect(served.filter((request) => request.status === 429)).toHaveLength(0);
    } finally {
      await rest.close();
      await discord.close();
    }
  });

  it('trips the invalid-request guard before the fake bans the bot', async () => {
    const discord = await FakeDiscord.start({
      port: 0,
      rateLimits: { invalidRequests: { limit: 20, windowMs: 60_000, banMs: 60_000 } },
    });
    const rest = new RestClient({ token: discord.token, baseURL: discord.restUrl, invalidRequests: { limit: 20, refuseFraction: 0.9 } });
    try {
      const guild = discord.createGuild({ name: 'guarded' });
      let refused: unknown;
      for (let index = 0; index < 25 && refused === undefined; index += 1) {
        // Kicking the owner is 403 Missing Permissions: an invalid request each time.
        const outcome = await rest.guilds.kick(guild.id, guild.owner_id).catch((error: unknown) => error);
        if (outcome instanceof InvalidRequestLimitError) refused = outcome;
        else expect(outcome).toMatchObject({ status: 403 });
      }
      expect(refused).toBeInstanceOf(InvalidRequestLimitError);
      expect(discord.requests().filter((request) => request.status === 403)).toHaveLength(18);
      // Not banned: a client without the counted history still gets answers.
      const fresh = new RestClient({ token: discord.token, baseURL: discord.restUrl });
      await expect(fresh.users.me()).resolves.toMatchObject({ id: expect.any(String) });
      await fresh.close();
    } finally {
      await rest.close();
      await discord.close();
    }
  });
});
