import { Client, Events, GatewayIntentBits, type Message } from 'discord.js';
import { FakeDiscord } from '../../../src/testing';

/**
 * discord.js 14 (its own bundled @discordjs/ws 1.x) reaches `clientReady` against the fake and sees
 * a user's message with content when MESSAGE_CONTENT is enabled for the application.
 */
describe('discord.js Client against FakeDiscord', () => {
  let discord: FakeDiscord;
  let client: Client;

  beforeAll(async () => {
    discord = await FakeDiscord.start({ port: 0, allowedPrivilegedIntents: 1 << 15, gateway: { heartbeatIntervalMs: 1000 } });
  });

  afterAll(async () => {
    await client.destroy();
    await discord.close();
  });

  it('becomes ready with the world\'s guilds cached and receives messageCreate', async () => {
    const guild = discord.createGuild({ name: 'Bakery' });
    const alice = discord.createUser({ username: 'alice' });
    discord.addMember(guild.id, alice.id);
    client = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
      rest: { api: discord.restUrl },
    });
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    await client.login(discord.token);
    await ready;
    expect(client.user?.id).toBe(discord.botUser.id);
    expect(client.guilds.cache.get(guild.id)?.name).toBe('Bakery');

    const received = new Promise<Message>((resolve) => client.once(Events.MessageCreate, resolve));
    discord.postMessage(guild.system_channel_id as string, alice.id, 'fresh bread');
    const message = await received;
    expect(message.content).toBe('fresh bread');
    expect(message.author.id).toBe(alice.id);
    expect(discord.gateway.sessions()[0]?.identify.properties.browser).toMatch(/^@discordjs\/ws /);
  });
});
