import { GatewayIntentBits } from 'discord-api-types/v10';
import { Client } from '../../../src/client';
import { FakeDiscord } from '../../../src/testing';

const INTENTS = GatewayIntentBits.Guilds | GatewayIntentBits.DirectMessages | GatewayIntentBits.MessageContent;

describe('Client cache: DM conversations past cache.dmChannels', () => {
  let discord: FakeDiscord;
  let client: Client | undefined;

  beforeEach(async () => {
    discord = await FakeDiscord.start({ port: 0, gateway: { heartbeatIntervalMs: 500, identifyIntervalMs: 0 } });
  });
  afterEach(async () => {
    await client?.destroy();
    client = undefined;
    await discord.close();
  });

  it('keeps the most recently active DM channels only, dropping the oldest conversation and its author', async () => {
    const people = ['ann', 'ben', 'cat'].map((username) => discord.createUser({ username }));
    const dms = people.map((person) => discord.dmChannel(person.id));
    client = new Client({ token: discord.token, intents: INTENTS, rest: { baseURL: discord.restUrl }, gateway: { identifyIntervalMs: 0 }, cache: { dmChannels: 2 } });
    let received = 0;
    client.on('messageCreate', () => received++);
    await client.login();
    discord.postMessage(dms[0]!.id, people[0]!.id, 'hello from ann');
    discord.postMessage(dms[1]!.id, people[1]!.id, 'hello from ben');
    discord.postMessage(dms[0]!.id, people[0]!.id, 'ann again');
    discord.postMessage(dms[2]!.id, people[2]!.id, 'hello from cat');
    while (received < 4) await new Promise((resolve) => setTimeout(resolve, 5));
    const cache = client.cache;
    expect([...cache.messages(dms[0]!.id).values()].map((message) => message.content)).toEqual(['hello from ann', 'ann again']);
    expect(cache.messages(dms[1]!.id).size).toBe(0);
    expect(cache.messages(dms[2]!.id).size).toBe(1);
    expect(cache.users.has(people[1]!.id as never)).toBe(false);
    expect(cache.users.get(people[2]!.id as never)?.username).toBe('cat');
  });

  it('with guilds: false, keeps only the most recently created channels of the guild under the same cap', async () => {
    const guild = discord.createGuild({ name: 'not cached' });
    client = new Client({ token: discord.token, intents: INTENTS, rest: { baseURL: discord.restUrl }, gateway: { identifyIntervalMs: 0 }, cache: { guilds: false, dmChannels: 3 } });
    const created: string[] = [];
    client.on('channelCreate', (channel) => created.push(channel.id));
    await client.login();
    const ids = Array.from({ length: 10 }, (_, i) => discord.createChannel(guild.id, { name: `c${i}` }).id);
    while (created.length < 10) await new Promise((resolve) => setTimeout(resolve, 5));
    expect([...client.cache.channels.keys()].sort()).toEqual(ids.slice(-3).sort());
    expect(client.cache.channels.get(ids[9] as never)?.name).toBe('c9');
  });
});
