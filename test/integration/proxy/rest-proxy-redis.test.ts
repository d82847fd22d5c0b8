import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createRestProxy, redisLimiterStores, type RestProxy } from '../../../src/proxy';
import { createFailFastRedis } from '../../../src/redis';
import { RestClient } from '../../../src/rest';
import { FakeDiscord } from '../../../src/testing';

const MESSAGES = 'POST /channels/{channel_id}/messages';

describe('RestProxy with a Redis limiter store', () => {
  let discord: FakeDiscord;

  afterEach(async () => {
    await discord.close();
  });

  it('two proxies sharing one Redis store send a mixed burst with no 429 at the fake', async () => {
    discord = await FakeDiscord.start({
      port: 0,
      rateLimits: { global: { limit: 30, windowMs: 1000 }, routes: { [MESSAGES]: { limit: 3, windowMs: 250 } } },
    });
    const guild = discord.createGuild({ name: 'shared', withGeneralChannel: false });
    const channels = [0, 1].map((index) => discord.createChannel(guild.id, { name: `c${index}` }));
    const prefix = `oven-test:proxy:${randomUUID()}:`;
    const connections = [new Redis({ host: '127.0.0.1', port: 6379 }), new Redis({ host: '127.0.0.1', port: 6379 })];
    const proxies: RestProxy[] = [];
    const clients: RestClient[] = [];
    try {
      for (const redis of connections) {
        proxies.push(
          await createRestProxy({
            port: 0,
            rest: { baseURL: discord.restUrl, globalRequestsPerSecond: 30 },
            limiterStore: redisLimiterStores(redis, { prefix }),
          }).listen(),
        );
      }
      // Two bot processes on each proxy, each unaware of the others' limits.
      for (const proxy of [...proxies, ...proxies]) {
        clients.push(new RestClient({ token: discord.token, baseURL: proxy.apiUrl, globalRequestsPerSecond: 1_000_000, retries: 0 }));
      }
      await Promise.all(
        clients.flatMap((client, sender) =>
          channels.map(async (channel) => {
            for (let n = 0; n < 4; n += 1) await client.channels.createMessage(channel.id, { content: `s${sender}-${n}` });
          }),
        ),
      );
      await Promise.all(Array.from({ length: 12 }, (_, index) => clients[index % 4]!.channels.get(channels[index % 2]!.id)));
      expect(discord.requests(MESSAGES)).toHaveLength(32);
      expect(discord.requests().filter((request) => request.status === 429)).toHaveLength(0);
      for (const channel of channels) {
        const contents = discord.messages(channel.id).map((message) => message.content);
        for (let sender = 0; sender < 4; sender += 1) {
          expect(contents.filter((content) => content.startsWith(`s${sender}-`))).toEqual([0, 1, 2, 3].map((n) => `s${sender}-${n}`));
        }
      }
      // The state really lives in Redis, under the prefix and a hash of the token (never the token).
      const keys = await connections[0]!.keys(`${prefix}*`);
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.some((key) => key.includes(discord.token))).toBe(false);
    } finally {
      await Promise.all(clients.map((client) => client.close()));
      await Promise.all(proxies.map((proxy) => proxy.close()));
      const keys = await connections[0]!.keys(`${prefix}*`);
      if (keys.length > 0) await connections[0]!.del(...keys);
      await Promise.all(connections.map((redis) => redis.quit()));
    }
  });

  it('answers 503 with OVEN_ERR_REST_STORE at once when Redis is unreachable, instead of hanging', async () => {
    discord = await FakeDiscord.start({ port: 0 });
    const guild = discord.createGuild({ name: 'dead' });
    // Port 1 on loopback refuses connections: a Redis that is down.
    const redis = createFailFastRedis({ url: 'redis://127.0.0.1:1', retry: { stepMs: 50, maxMs: 200 } });
    redis.on('error', () => undefined);
    const proxy = await createRestProxy({ port: 0, rest: { baseURL: discord.restUrl }, limiterStore: redisLimiterStores(redis) }).listen();
    try {
      const response = await fetch(`${proxy.apiUrl}/v10/channels/${guild.system_channel_id!}`, {
        headers: { authorization: `Bot ${discord.token}` },
        // A hang would abort here and fail the test with a TimeoutError instead of a 503.
        signal: AbortSignal.timeout(10_000),
      });
      expect(response.status).toBe(503);
      const body = (await response.json()) as { code: string; message: string };
      expect(body.code).toBe('OVEN_ERR_REST_STORE');
      expect(body.message).toMatch(/Redis/);
      // Nothing was sent to Discord without the shared limits.
      expect(discord.requests('GET /channels/{channel_id}')).toHaveLength(0);
    } finally {
      await proxy.close();
      redis.disconnect();
    }
  });
});
