import { GatewayIntentBits } from 'discord-api-types/v10';
import { WebSocket } from 'ws';
import { FakeDiscord } from '../../../src/testing';

/** A raw gateway client that identifies with `intents` and records dispatch names. */
async function shard(discord: FakeDiscord, intents: number): Promise<{ events: string[]; socket: WebSocket }> {
  const socket = new WebSocket(`${discord.gatewayUrl}/?v=10&encoding=json`);
  const events: string[] = [];
  await new Promise<void>((resolve, reject) => {
    socket.on('error', reject);
    socket.on('message', (data: Buffer) => {
      const payload = JSON.parse(data.toString()) as { op: number; t?: string };
      if (payload.op === 10) socket.send(JSON.stringify({ op: 2, d: { token: discord.token, intents, properties: { os: 'linux', browser: 'test', device: 'test' } } }));
      if (payload.op === 0 && payload.t !== undefined) events.push(payload.t);
      if (payload.t === 'READY') resolve();
    });
  });
  return { events, socket };
}

describe('invite, event, sticker and thread-member dispatches on the fake gateway', () => {
  let discord: FakeDiscord;
  const sockets: WebSocket[] = [];
  afterAll(async () => {
    for (const socket of sockets) socket.terminate();
    await discord.close();
  });

  it('reach only the shards whose intents cover them', async () => {
    discord = await FakeDiscord.start({ port: 0, rateLimits: false, sessionStartLimit: { maxConcurrency: 16 }, gateway: { identifyIntervalMs: 0 } });
    const guild = discord.createGuild({ name: 'Intents' });
    const alice = discord.createUser({ username: 'alice' });
    discord.addMember(guild.id, alice.id);
    const guildsOnly = await shard(discord, GatewayIntentBits.Guilds);
    const everything = await shard(discord, GatewayIntentBits.Guilds | GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildInvites | GatewayIntentBits.GuildScheduledEvents | GatewayIntentBits.GuildExpressions);
    sockets.push(guildsOnly.socket, everything.socket);

    const general = guild.system_channel_id as string;
    const invite = discord.createInvite(general);
    discord.deleteInvite(invite.code);
    const event = discord.createScheduledEvent(guild.id, { name: 'E', location: 'L', scheduledStartTime: '2030-01-01T00:00:00Z', scheduledEndTime: '2030-01-01T01:00:00Z' });
    discord.addEventInterest(guild.id, event.id, alice.id);
    discord.createSticker(guild.id, { name: 'st', tags: 'x' });
    const thread = discord.createThread(general, { name: 't', ownerId: alice.id });
    discord.addThreadMember(thread.id, discord.botUser.id);
    discord.removeThreadMember(thread.id, alice.id);
    // CHANNEL_CREATE reaches both shards and comes last, so once it is in, everything before it is.
    discord.createChannel(guild.id, { name: 'marker' });
    for (const { events } of [guildsOnly, everything]) {
      while (!events.includes('CHANNEL_CREATE')) await new Promise((resolve) => setTimeout(resolve, 10));
    }

    const resources = (events: string[]): string[] => events.filter((t) => !['READY', 'GUILD_CREATE', 'THREAD_CREATE', 'CHANNEL_CREATE'].includes(t));
    expect(resources(guildsOnly.events)).toEqual(['THREAD_MEMBER_UPDATE', 'THREAD_MEMBERS_UPDATE']);
    expect(resources(everything.events)).toEqual([
      'INVITE_CREATE',
      'INVITE_DELETE',
      'GUILD_SCHEDULED_EVENT_CREATE',
      'GUILD_SCHEDULED_EVENT_USER_ADD',
      'GUILD_STICKERS_UPDATE',
      'THREAD_MEMBER_UPDATE',
      'THREAD_MEMBERS_UPDATE',
      'THREAD_MEMBERS_UPDATE',
    ]);
  });
});
