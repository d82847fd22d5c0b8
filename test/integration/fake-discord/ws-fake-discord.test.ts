import { REST } from '@discordjs/rest';
import { WebSocketManager, WebSocketShardEvents } from '@discordjs/ws';
import { GatewayDispatchEvents, GatewayIntentBits } from 'discord-api-types/v10';
import type { GatewayDispatchPayload, GatewayMessageCreateDispatchData } from 'discord-api-types/v10';
import { FakeDiscord } from '../../../src/testing';

/**
 * The whole chain a discord.js bot uses: @discordjs/rest fetches GET /gateway/bot from the fake,
 * @discordjs/ws connects to the URL it returns, and world changes arrive as dispatches.
 */
describe('@discordjs/rest + @discordjs/ws against FakeDiscord', () => {
  let discord: FakeDiscord;
  let manager: WebSocketManager;
  const received: GatewayDispatchPayload[] = [];

  async function dispatched(t: GatewayDispatchEvents): Promise<GatewayDispatchPayload> {
    for (;;) {
      const hit = received.find((p) => p.t === t);
      if (hit !== undefined) return hit;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  beforeAll(async () => {
    discord = await FakeDiscord.start({ port: 0, gateway: { heartbeatIntervalMs: 1000 } });
  });

  afterAll(async () => {
    await manager.destroy();
    await discord.close();
  });

  it('gets READY and GUILD_CREATE for the world, then MESSAGE_CREATE without content when MESSAGE_CONTENT is off', async () => {
    const guild = discord.createGuild({ name: 'Bakery' });
    const alice = discord.createUser({ username: 'alice' });
    discord.addMember(guild.id, alice.id);
    const rest = new REST({ api: discord.restUrl, version: '10' }).setToken(discord.token);
    manager = new WebSocketManager({
      token: discord.token,
      intents: GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages,
      rest,
    });
    manager.on(WebSocketShardEvents.Dispatch, (payload) => {
      received.push(payload);
    });
    await manager.connect();
    const ready = await dispatched(GatewayDispatchEvents.Ready);
    expect(ready.d).toMatchObject({ v: 10, user: { id: discord.botUser.id }, guilds: [{ id: guild.id, unavailable: true }], resume_gateway_url: discord.gatewayUrl });
    const create = await dispatched(GatewayDispatchEvents.GuildCreate);
    expect(create.d).toMatchObject({ id: guild.id, name: 'Bakery' });

    const posted = discord.postMessage(guild.system_channel_id as string, alice.id, 'fresh bread');
    const message = (await dispatched(GatewayDispatchEvents.MessageCreate)).d as GatewayMessageCreateDispatchData;
    expect(message.id).toBe(posted.id);
    expect(message.content).toBe('');
    const [session] = discord.gateway.sessions();
    expect(session?.identify.intents).toBe(GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages);
    expect(discord.world.sessionStartLimit.toJSON().remaining).toBe(discord.world.sessionStartLimit.total - 1);
  });
});
