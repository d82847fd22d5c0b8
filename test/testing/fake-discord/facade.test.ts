import { GatewayDispatchEvents, GatewayIntentBits, GatewayOpcodes, type GatewayReceivePayload } from 'discord-api-types/v10';
import WebSocket from 'ws';
import { FakeDiscord, FakeDiscordError } from '../../../src/testing/fake-discord';

/** A bare gateway client: enough to identify and collect dispatches. */
async function connect(discord: FakeDiscord, intents: number): Promise<{ socket: WebSocket; next: (t: string) => Promise<GatewayReceivePayload & { d: Record<string, unknown> }> }> {
  const bot = (await (await fetch(`${discord.restUrl}/v10/gateway/bot`, { headers: { Authorization: `Bot ${discord.token}` } })).json()) as { url: string };
  const socket = new WebSocket(`${bot.url}/?v=10&encoding=json`);
  const queue: (GatewayReceivePayload & { d: Record<string, unknown> })[] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (data: Buffer) => {
    const payload = JSON.parse(data.toString()) as GatewayReceivePayload & { d: Record<string, unknown> };
    if (payload.op === GatewayOpcodes.Hello) {
      socket.send(JSON.stringify({ op: GatewayOpcodes.Identify, d: { token: discord.token, intents, properties: { os: 'linux', browser: 'test', device: 'test' } } }));
    }
    queue.push(payload);
    for (const wake of waiters.splice(0)) wake();
  });
  const next = async (t: string): Promise<GatewayReceivePayload & { d: Record<string, unknown> }> => {
    for (;;) {
      const index = queue.findIndex((p) => p.op === GatewayOpcodes.Dispatch && p.t === t);
      if (index !== -1) return queue.splice(index, 1)[0] as GatewayReceivePayload & { d: Record<string, unknown> };
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return { socket, next };
}

describe('FakeDiscord facade', () => {
  let discord: FakeDiscord;
  afterEach(async () => {
    await discord.close();
  });

  it('serves REST and the gateway on one port; world events reach the shard with the right intents', async () => {
    discord = await FakeDiscord.start({ port: 0 });
    const guild = discord.createGuild({ name: 'Seam' });
    const channelId = guild.system_channel_id as string;
    const alice = discord.createUser({ username: 'alice' });
    discord.addMember(guild.id, alice.id);
    expect(discord.restUrl).toBe(`http://127.0.0.1:${discord.port}/api`);
    expect(discord.gatewayUrl).toBe(`ws://127.0.0.1:${discord.port}`);

    const { socket, next } = await connect(discord, GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages);
    const ready = await next(GatewayDispatchEvents.Ready);
    expect(ready.d.guilds).toEqual([{ id: guild.id, unavailable: true }]);
    expect((ready.d.user as { id: string }).id).toBe(discord.botUser.id);
    const guildCreate = await next(GatewayDispatchEvents.GuildCreate);
    expect(guildCreate.d.id).toBe(guild.id);

    discord.postMessage(channelId, alice.id, 'no content intent');
    const created = await next(GatewayDispatchEvents.MessageCreate);
    expect(created.d).toMatchObject({ channel_id: channelId, guild_id: guild.id, content: '', author: { id: alice.id } });

    const later = discord.createChannel(guild.id, { name: 'later' });
    expect((await next(GatewayDispatchEvents.ChannelCreate)).d.id).toBe(later.id);
    socket.close(1000);
  });

  it('names the shard of a guild as Discord routes it', async () => {
    discord = await FakeDiscord.start({ port: 0 });
    const guild = discord.createGuild({ name: 'Shards' });
    expect(discord.shardOf(guild.id, 3)).toBe(Number((BigInt(guild.id) >> 22n) % 3n));
    expect(discord.shardOf('4194304', 2)).toBe(1);
    expect(() => discord.shardOf(guild.id, 0)).toThrow(FakeDiscordError);
  });

  it('refuses a busy port and a bad one with a coded error', async () => {
    discord = await FakeDiscord.start({ port: 0 });
    await expect(FakeDiscord.start({ port: discord.port })).rejects.toMatchObject({ code: 'OVEN_ERR_FAKE_DISCORD_BAD_CONFIG' });
    await expect(FakeDiscord.start({ port: 70_000 })).rejects.toBeInstanceOf(FakeDiscordError);
  });

  it('closes twice safely and refuses use after close', async () => {
    discord = await FakeDiscord.start({ port: 0 });
    await discord.close();
    await discord.close();
    expect(() => discord.postMessage('1', '1', 'x')).toThrow(expect.objectContaining({ code: 'OVEN_ERR_FAKE_DISCORD_CLOSED' }));
  });
});
