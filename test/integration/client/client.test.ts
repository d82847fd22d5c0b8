import { GatewayIntentBits, type GatewayMessageCreateDispatchData } from 'discord-api-types/v10';
import { Client, EventHandlerError, type ClientOptions, type EventContext } from '../../../src/client';
import { FakeDiscord } from '../../../src/testing';
import { TRANSPORTS } from '../gateway/fake-gateway-fixture';

const INTENTS = GatewayIntentBits.Guilds | GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildMessages | GatewayIntentBits.MessageContent;

describe.each(TRANSPORTS)('Client against FakeDiscord (transport %s)', (transport) => {
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

  function makeClient(options: Partial<ClientOptions> = {}): Client {
    client = new Client({ token: discord.token, intents: INTENTS, rest: { baseURL: discord.restUrl }, gateway: { identifyIntervalMs: 0, transport }, ...options });
    return client;
  }

  it('logs in through GET /gateway/bot, fires clientReady after every GUILD_CREATE and caches the guilds', async () => {
    const guild = discord.createGuild({ name: 'Bakery' });
    const role = discord.createRole(guild.id, { name: 'bakers' });
    const bot = makeClient();
    const order: string[] = [];
    bot.on('guildCreate', (data) => order.push(`guildCreate:${data.name}`));
    bot.on('clientReady', () => order.push('clientReady'));
    await bot.login();
    expect(bot.isReady).toBe(true);
    expect(discord.requests().some((request) => request.method === 'GET' && request.path.endsWith('/gateway/bot'))).toBe(true);
    expect(bot.user?.id).toBe(discord.botUser.id);
    const cached = bot.cache.guilds.get(guild.id as never);
    expect(cached).toMatchObject({ name: 'Bakery', unavailable: false });
    expect(cached?.roles.get(role.id as never)?.name).toBe('bakers');
    expect(bot.cache.member(guild.id, discord.botUser.id)?.roles).toHaveLength(1);
    // Members joining later arrive as GUILD_MEMBER_ADD and are cached too.
    const alice = discord.createUser({ username: 'alice' });
    let added = 0;
    bot.on('guildMemberAdd', () => added++);
    discord.addMember(guild.id, alice.id, { nick: 'Al' });
    while (added === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(bot.cache.member(guild.id, alice.id)?.nick).toBe('Al');
    expect(bot.cache.users.get(alice.id as never)?.username).toBe('alice');
    expect(bot.cache.guilds.get(guild.id as never)?.memberCount).toBe(3);
    expect(bot.cache.channels.get(guild.system_channel_id as never)?.name).toBe('general');
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['guildCreate:Bakery', 'clientReady']);
  });

  it('delivers a typed messageCreate and answers it through client.rest', async () => {
    const guild = discord.createGuild({ name: 'Chat' });
    const alice = discord.createUser({ username: 'alice' });
    discord.addMember(guild.id, alice.id);
    const bot = makeClient();
    bot.on('messageCreate', async (message: GatewayMessageCreateDispatchData, context: EventContext) => {
      if (message.content === '!ping') await bot.rest.channels.createMessage(message.channel_id, { content: `pong from shard ${context.shardId}` });
    });
    await bot.login();
    const channelId = guild.system_channel_id as string;
    discord.postMessage(channelId, alice.id, '!ping');
    const reply = await discord.waitForMessage((message) => message.author.id === discord.botUser.id);
    expect(reply.content).toBe('pong from shard 0');
    expect(bot.cache.messages(channelId).size).toBeGreaterThanOrEqual(1);
  });

  it('isolates a throwing listener: the others still run and the error event carries an EventHandlerError', async () => {
    const guild = discord.createGuild({ name: 'Chaos' });
    const alice = discord.createUser({ username: 'alice' });
    discord.addMember(guild.id, alice.id);
    const bot = makeClient();
    const errors: Error[] = [];
    const seen: string[] = [];
    bot.on('error', (error) => errors.push(error));
    bot.on('messageCreate', function explodes() {
      throw new Error('handler bug');
    }, { priority: 10 });
    bot.on('messageCreate', (message) => {
      seen.push(message.content);
    });
    await bot.login();
    discord.postMessage(guild.system_channel_id as string, alice.id, 'one');
    discord.postMessage(guild.system_channel_id as string, alice.id, 'two');
    const deadline = Date.now() + 5000;
    while (seen.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(seen).toEqual(['one', 'two']);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toBeInstanceOf(EventHandlerError);
    expect(errors[0]).toMatchObject({ code: 'OVEN_ERR_CLIENT_EVENT_HANDLER', handler: 'explodes' });
    expect(bot.gateway.status()[0]?.status).toBe('ready');
  });

  it('removes listeners with off and once', async () => {
    const guild = discord.createGuild({ name: 'Quiet' });
    const alice = discord.createUser({ username: 'alice' });
    discord.addMember(guild.id, alice.id);
    const bot = makeClient();
    const onceSeen: string[] = [];
    const offSeen: string[] = [];
    const allSeen: string[] = [];
    const removed = (message: GatewayMessageCreateDispatchData): void => {
      offSeen.push(message.content);
    };
    bot.once('messageCreate', (message) => {
      onceSeen.push(message.content);
    });
    bot.on('messageCreate', removed);
    bot.off('messageCreate', removed);
    bot.on('messageCreate', (message) => {
      allSeen.push(message.content);
    });
    await bot.login();
    discord.postMessage(guild.system_channel_id as string, alice.id, 'a');
    discord.postMessage(guild.system_channel_id as string, alice.id, 'b');
    const deadline = Date.now() + 5000;
    while (allSeen.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(allSeen).toEqual(['a', 'b']);
    expect(onceSeen).toEqual(['a']);
    expect(offSeen).toEqual([]);
  });

  it('keeps nothing in no-cache mode but still knows its user', async () => {
    discord.createGuild({ name: 'Lean' });
    const bot = makeClient({ cache: false });
    await bot.login();
    expect(bot.user?.id).toBe(discord.botUser.id);
    expect(bot.cache.stats()).toEqual({ guilds: 0, channels: 0, roles: 0, members: 0, users: 0, messages: 0 });
  });

  it('destroy resolves only when every shard socket is closed', async () => {
    discord.createGuild({ name: 'Bye' });
    const bot = makeClient();
    await bot.login();
    expect(discord.gateway.connections().filter((connection) => connection.open)).toHaveLength(1);
    await bot.destroy();
    client = undefined;
    expect(bot.gateway.status()).toEqual([]);
    const deadline = Date.now() + 2000;
    while (discord.gateway.connections().some((connection) => connection.open) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(discord.gateway.connections().filter((connection) => connection.open)).toHaveLength(0);
  });

  it('rejects login with the gateway error for a bad token, without retrying', async () => {
    const bot = makeClient({ token: 'bad.token.value', gateway: { identifyIntervalMs: 0, transport, fetchGatewayInfo: async () => ({ url: discord.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } }) } });
    await expect(bot.login()).rejects.toMatchObject({ code: 'OVEN_ERR_GATEWAY_AUTHENTICATION_FAILED' });
    expect(discord.gateway.connections()).toHaveLength(1);
  });

  it('rejects invalid options with a typed error', () => {
    expect(() => new Client({ token: '', intents: 1 })).toThrow(expect.objectContaining({ code: 'OVEN_ERR_CLIENT_INVALID_OPTION' }));
    expect(() => new Client({ token: 'x', intents: -1 })).toThrow(/GatewayIntentBits/);
  });
});
