import { REST as DiscordJsRest } from '@discordjs/rest';
import { Routes, type APIChannel } from 'discord-api-types/v10';
import { createRestProxy, type RestProxy } from '../../../src/proxy';
import { RestClient } from '../../../src/rest';
import { FakeDiscord } from '../../../src/testing';

const MESSAGES = 'POST /channels/{channel_id}/messages';

describe('RestProxy in front of the fake Discord', () => {
  let discord: FakeDiscord;
  let proxy: RestProxy;
  let channels: APIChannel[];

  beforeAll(async () => {
    discord = await FakeDiscord.start({
      port: 0,
      rateLimits: { global: { limit: 40, windowMs: 1000 }, routes: { [MESSAGES]: { limit: 3, windowMs: 200 } } },
    });
    const guild = discord.createGuild({ name: 'proxy', withGeneralChannel: false });
    channels = Array.from({ length: 3 }, (_, index) => discord.createChannel(guild.id, { name: `c${index}` }));
    proxy = await createRestProxy({ port: 0, rest: { baseURL: discord.restUrl, globalRequestsPerSecond: 40 } }).listen();
  });

  afterAll(async () => {
    await proxy.close();
    await discord.close();
  });

  it('two @discordjs/rest and two OvenJS clients bursting across channels get no 429 and keep per-bucket order', async () => {
    const djs = [0, 1].map(() => new DiscordJsRest({ api: proxy.apiUrl, globalRequestsPerSecond: 1_000_000, retries: 0 }).setToken(discord.token));
    const oven = [0, 1].map(() => new RestClient({ token: discord.token, baseURL: proxy.apiUrl, globalRequestsPerSecond: 1_000_000, retries: 0 }));
    const senders: ((channelId: string, content: string) => Promise<unknown>)[] = [
      ...djs.map((rest) => (channelId: string, content: string) => rest.post(Routes.channelMessages(channelId), { body: { content } })),
      ...oven.map((rest) => (channelId: string, content: string) => rest.channels.createMessage(channelId, { content })),
    ];
    try {
      // Everything is fired at once: four senders, three channels, four messages each, none
      // awaiting the previous one. Each sender's messages to a channel must still land in order.
      await Promise.all(senders.flatMap((send, sender) => channels.flatMap((channel) => [0, 1, 2, 3].map((n) => send(channel.id, `s${sender}-${n}`)))));
    } finally {
      await Promise.all(oven.map((rest) => rest.close()));
    }
    const served = discord.requests(MESSAGES);
    expect(served).toHaveLength(4 * 3 * 4);
    expect(served.filter((request) => request.status === 429)).toHaveLength(0);
    expect(discord.requests().filter((request) => request.status === 429)).toHaveLength(0);
    for (const channel of channels) {
      const contents = discord.messages(channel.id).map((message) => message.content);
      expect(contents).toHaveLength(16);
      for (let sender = 0; sender < 4; sender += 1) {
        expect(contents.filter((content) => content.startsWith(`s${sender}-`))).toEqual([0, 1, 2, 3].map((n) => `s${sender}-${n}`));
      }
    }
    const metrics = proxy.snapshot();
    expect(metrics.rest.rateLimitHits).toBe(0);
    expect(metrics.byStatus['200']).toBeGreaterThanOrEqual(48);
  });
});
