import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisLimiterStore, RestClient, type RateLimitedEvent } from '../../../src/rest';
import { FakeDiscord } from '../../../src/testing';

/** Two clients standing for two processes of one bot: each has its own Redis connection and store. */
async function twoProcesses(discord: FakeDiscord, globalRequestsPerSecond: number) {
  const prefix = `oven-test:${randomUUID()}:`;
  const connections = [new Redis({ host: '127.0.0.1', port: 6379 }), new Redis({ host: '127.0.0.1', port: 6379 })];
  const clients = connections.map(
    (redis) =>
      new RestClient({
        token: discord.token,
        baseURL: discord.restUrl,
        globalRequestsPerSecond,
        store: new RedisLimiterStore({ redis, prefix }),
      }),
  );
  const hits: RateLimitedEvent[] = [];
  for (const client of clients) {
    client.on('rateLimited', (event) => {
      if (event.hit) hits.push(event);
    });
  }
  const close = async (): Promise<void> => {
    await Promise.all(clients.map((client) => client.close()));
    const keys = await connections[0]!.keys(`${prefix}*`);
    if (keys.length > 0) await connections[0]!.del(...keys);
    await Promise.all(connections.map((redis) => redis.quit()));
  };
  return { clients: clients as [RestClient, RestClient], hits, close };
}

describe('two RestClients sharing a Redis limiter store', () => {
  let discord: FakeDiscord;

  afterEach(async () => {
    await discord.close();
  });

  it('share one bucket: no 429 from the fake while both post to one channel', async () => {
    discord = await FakeDiscord.start({
      port: 0,
      rateLimits: { global: false, routes: { 'POST /channels/{channel_id}/messages': { limit: 5, windowMs: 250 } } },
    });
    const guild = discord.createGuild({ name: 'shared' });
    const channelId = guild.system_channel_id!;
    const { clients, hits, close } = await twoProcesses(discord, 50);
    try {
      await Promise.all(
        Array.from({ length: 40 }, (_, index) => clients[index % 2]!.channels.createMessage(channelId, { content: `m${index}` })),
      );
      const served = discord.requests('POST /channels/{channel_id}/messages');
      expect(served.filter((request) => request.status === 429)).toHaveLength(0);
      expect(hits).toHaveLength(0);
      expect(discord.messages(channelId).filter((message) => message.content.startsWith('m'))).toHaveLength(40);
      // Each client kept its own requests in order.
      for (const parity of [0, 1]) {
        const mine = served.map((request) => Number((request.body as { content: string }).content.slice(1))).filter((n) => n % 2 === parity);
        expect(mine).toEqual([...mine].sort((a, b) => a - b));
      }
    } finally {
      await close();
    }
  });

  it('share the global limit: the pair stays under the bot-wide limit', async () => {
    discord = await FakeDiscord.start({ port: 0, rateLimits: { global: { limit: 20, windowMs: 1000 } } });
    const guild = discord.createGuild({ name: 'global', withGeneralChannel: false });
    const channels = Array.from({ length: 10 }, (_, index) => discord.createChannel(guild.id, { name: `c${index}` }));
    const { clients, hits, close } = await twoProcesses(discord, 20);
    try {
      await Promise.all(Array.from({ length: 50 }, (_, index) => clients[index % 2]!.channels.get(channels[index % 10]!.id)));
      expect(discord.requests('GET /channels/{channel_id}').filter((request) => request.status === 429)).toHaveLength(0);
      expect(hits).toHaveLength(0);
    } finally {
      await close();
    }
  });
});
