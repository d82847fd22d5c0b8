import { GatewayIntentBits, GatewayOpcodes, type GatewayGuildMembersChunkDispatchData } from 'discord-api-types/v10';
import { Client, GuildMembersRateLimitedError, GuildMembersRequestError, type ClientOptions } from '../../../src/client';
import { FakeDiscord } from '../../../src/testing';

const INTENTS = GatewayIntentBits.Guilds | GatewayIntentBits.GuildMembers;
// Long enough that no heartbeat falls inside a test: a delayed ACK must not turn into a zombie reconnect.
const HEARTBEAT_MS = 20_000;

interface Op8 {
  readonly op: number;
  readonly d: { readonly nonce?: string; readonly presences?: boolean; readonly query?: string; readonly user_ids?: string[] };
}

describe('client.requestGuildMembers against FakeDiscord', () => {
  let discord: FakeDiscord;
  let client: Client | undefined;

  beforeEach(async () => {
    discord = await FakeDiscord.start({ port: 0, gateway: { heartbeatIntervalMs: HEARTBEAT_MS, identifyIntervalMs: 0 } });
  });
  afterEach(async () => {
    await client?.destroy();
    client = undefined;
    await discord.close();
  });

  function makeClient(options: Partial<ClientOptions> = {}): Client {
    client = new Client({ token: discord.token, intents: INTENTS, rest: { baseURL: discord.restUrl }, gateway: { identifyIntervalMs: 0 }, ...options });
    return client;
  }

  /** The op 8 payloads the fake received, oldest first. */
  function op8s(): Op8[] {
    return discord.gateway
      .connections()
      .flatMap((connection) => connection.received as Op8[])
      .filter((payload) => payload.op === GatewayOpcodes.RequestGuildMembers);
  }

  function bakery(): { guildId: string; alice: string; alan: string; bob: string } {
    const guild = discord.createGuild({ name: 'Bakery' });
    const ids = ['alice', 'alan', 'bob'].map((username) => {
      const user = discord.createUser({ username });
      discord.addMember(guild.id, user.id);
      return user.id;
    });
    return { guildId: guild.id, alice: ids[0] as string, alan: ids[1] as string, bob: ids[2] as string };
  }

  it('answers a query with the matching members, through a nonce of its own, and still updates the cache and handlers', async () => {
    const { guildId, alice, alan } = bakery();
    const bot = makeClient();
    const chunks: GatewayGuildMembersChunkDispatchData[] = [];
    bot.on('guildMembersChunk', (chunk) => {
      chunks.push(chunk);
    });
    await bot.login();
    const result = await bot.requestGuildMembers(guildId, { query: 'AL', limit: 10 });
    expect(result.members.map((member) => member.user.id).sort()).toEqual([alice, alan].sort());
    expect(result.notFound).toEqual([]);
    expect(result.presences).toEqual([]);
    const [sent] = op8s();
    expect(sent?.d).toMatchObject({ guild_id: guildId, query: 'AL', limit: 10 });
    expect(Buffer.byteLength(sent?.d.nonce ?? '')).toBeGreaterThan(0);
    expect(Buffer.byteLength(sent?.d.nonce ?? '')).toBeLessThanOrEqual(32);
    expect(bot.cache.member(guildId, alan)).toBeDefined();
    while (chunks.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(chunks[0]?.nonce).toBe(sent?.d.nonce);
  });

  it('returns the requested userIds that are members and lists the others in notFound', async () => {
    const { guildId, bob } = bakery();
    const stranger = discord.createUser({ username: 'stranger' }).id;
    const bot = makeClient();
    await bot.login();
    const result = await bot.requestGuildMembers(guildId, { userIds: [bob, stranger] });
    expect(result.members.map((member) => member.user.username)).toEqual(['bob']);
    expect(result.notFound).toEqual([stranger]);
    expect(op8s()[0]?.d.user_ids).toEqual([bob, stranger]);
  });

  it('collects every chunk of a guild with more than 1000 members', async () => {
    const guild = discord.createGuild({ name: 'Stadium' });
    for (let i = 0; i < 1100; i++) discord.addMember(guild.id, discord.createUser({ username: `fan${i}` }).id);
    const bot = makeClient();
    const chunkIndexes: number[] = [];
    bot.on('guildMembersChunk', (chunk) => {
      chunkIndexes.push(chunk.chunk_index);
    });
    await bot.login();
    const result = await bot.requestGuildMembers(guild.id, { query: '' });
    const expected = discord.world.guildMembers(guild.id).length;
    expect(expected).toBeGreaterThan(1000);
    expect(result.members).toHaveLength(expected);
    expect(new Set(result.members.map((member) => member.user.id)).size).toBe(expected);
    while (chunkIndexes.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(chunkIndexes).toEqual([0, 1]);
  });

  it('asks for presences with GUILD_PRESENCES, and refuses before sending without it', async () => {
    const { guildId, alice } = bakery();
    const withIntent = makeClient({ intents: INTENTS | GatewayIntentBits.GuildPresences });
    await withIntent.login();
    const result = await withIntent.requestGuildMembers(guildId, { userIds: [alice], presences: true });
    expect(result.members).toHaveLength(1);
    expect(Array.isArray(result.presences)).toBe(true);
    expect(op8s()[0]?.d.presences).toBe(true);
    await withIntent.destroy();

    const withoutIntent = makeClient();
    await withoutIntent.login();
    const before = op8s().length;
    await expect(withoutIntent.requestGuildMembers(guildId, { userIds: [alice], presences: true })).rejects.toMatchObject({
      code: 'OVEN_ERR_CLIENT_MEMBERS_MISSING_INTENT',
    });
    await expect(makeClient({ intents: GatewayIntentBits.Guilds }).requestGuildMembers(guildId, { query: '' })).rejects.toMatchObject({
      code: 'OVEN_ERR_CLIENT_MEMBERS_MISSING_INTENT',
    });
    await withoutIntent.destroy();
    expect(op8s()).toHaveLength(before);
  });

  it('keeps two concurrent requests apart', async () => {
    const { guildId, alice, alan, bob } = bakery();
    const bot = makeClient();
    await bot.login();
    const [byQuery, byIds] = await Promise.all([
      bot.requestGuildMembers(guildId, { query: 'al' }),
      bot.requestGuildMembers(guildId, { userIds: [bob] }),
    ]);
    expect(byQuery.members.map((member) => member.user.id).sort()).toEqual([alice, alan].sort());
    expect(byIds.members.map((member) => member.user.id)).toEqual([bob]);
    const nonces = op8s().map((payload) => payload.d.nonce);
    expect(new Set(nonces).size).toBe(2);
  });

  it('times out when no chunk comes within timeoutMs, and ignores the late chunk', async () => {
    const { guildId } = bakery();
    const bot = makeClient();
    await bot.login();
    discord.gateway.faults.setLatency({}, 400);
    const error = await bot.requestGuildMembers(guildId, { query: 'al', timeoutMs: 100 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GuildMembersRequestError);
    expect(error).toMatchObject({ code: 'OVEN_ERR_CLIENT_MEMBERS_TIMEOUT', guildId, shardId: 0 });
    discord.gateway.faults.setLatency({}, 0);
    // The late chunk still reaches the cache; the next request gets its own answer.
    const again = await bot.requestGuildMembers(guildId, { query: 'bo' });
    expect(again.members.map((member) => member.user.username)).toEqual(['bob']);
  });

  it('rejects when its signal aborts, and does not send when it was aborted already', async () => {
    const { guildId } = bakery();
    const bot = makeClient();
    await bot.login();
    discord.gateway.faults.setLatency({}, 300);
    const controller = new AbortController();
    const pending = bot.requestGuildMembers(guildId, { query: 'al', signal: controller.signal });
    controller.abort(new Error('user left'));
    await expect(pending).rejects.toMatchObject({ code: 'OVEN_ERR_CLIENT_MEMBERS_ABORTED' });
    discord.gateway.faults.setLatency({}, 0);
    const sent = op8s().length;
    await expect(bot.requestGuildMembers(guildId, { query: 'al', signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: 'OVEN_ERR_CLIENT_MEMBERS_ABORTED',
    });
    expect(op8s()).toHaveLength(sent);
  });

  it("rejects with retryAfterMs when Discord answers RATE_LIMITED for the request's nonce", async () => {
    const { guildId } = bakery();
    const bot = makeClient();
    await bot.login();
    const first = await bot.requestGuildMembers(guildId, { query: '' });
    expect(first.members.length).toBeGreaterThanOrEqual(3);
    const error = await bot.requestGuildMembers(guildId, { query: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GuildMembersRateLimitedError);
    const { retryAfterMs, code } = error as GuildMembersRateLimitedError;
    expect(code).toBe('OVEN_ERR_CLIENT_MEMBERS_RATE_LIMITED');
    expect(retryAfterMs).toBeGreaterThan(0);
    expect(retryAfterMs).toBeLessThanOrEqual(30_000);
  });

  it('rejects a pending request when its shard reconnects, and refuses while the shard is not ready', async () => {
    const { guildId } = bakery();
    const bot = makeClient({ gateway: { identifyIntervalMs: 0, shardOptions: { reconnectDelayMs: () => 50 } } });
    await bot.login();
    discord.gateway.faults.setLatency({}, 500);
    const received = discord.gateway.waitFor('payload', (event) => (event.payload as Op8).op === GatewayOpcodes.RequestGuildMembers);
    const pending = bot.requestGuildMembers(guildId, { query: 'al' });
    const outcome = pending.catch((e: unknown) => e);
    await received;
    let duringReconnect: Promise<unknown> | undefined;
    // The new socket is open but neither resumed nor identified yet.
    bot.once('shardConnect', () => {
      duringReconnect = bot.requestGuildMembers(guildId, { query: 'al' }).catch((e: unknown) => e);
    });
    discord.gateway.faults.drop({});
    expect(await outcome).toMatchObject({ code: 'OVEN_ERR_CLIENT_MEMBERS_INTERRUPTED', shardId: 0 });
    while (duringReconnect === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await duringReconnect).toMatchObject({ code: 'OVEN_ERR_CLIENT_MEMBERS_SHARD_NOT_READY', shardId: 0 });
  });

  it("names the guild's shard when this process does not run it, and asks for login() before any shard runs", async () => {
    const { guildId } = bakery();
    const idle = makeClient();
    await expect(idle.requestGuildMembers(guildId, { query: 'al' })).rejects.toMatchObject({ code: 'OVEN_ERR_CLIENT_MEMBERS_SHARD_NOT_RUNNING' });
    await idle.destroy();
    const bot = makeClient({ gateway: { identifyIntervalMs: 0, totalShards: 2, shards: [0] } });
    await bot.login();
    // (id >> 22) % 2 === 1: a guild of shard 1.
    const otherShardGuild = (1n << 22n).toString();
    const error = (await bot.requestGuildMembers(otherShardGuild, { query: 'al' }).catch((e: unknown) => e)) as GuildMembersRequestError;
    expect(error.code).toBe('OVEN_ERR_CLIENT_MEMBERS_SHARD_NOT_RUNNING');
    expect(error.shardId).toBe(1);
    expect(error.message).toContain('shard 1 of 2');
  });
});
