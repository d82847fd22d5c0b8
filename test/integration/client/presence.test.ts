import { ActivityType, GatewayIntentBits, GatewayOpcodes, type GatewayPresenceUpdateData } from 'discord-api-types/v10';
import { Client, PresenceError, type ClientOptions } from '../../../src/client';
import { FakeDiscord } from '../../../src/testing';

const IDLE: GatewayPresenceUpdateData = { status: 'idle' as never, activities: [{ name: 'the oven', type: ActivityType.Watching }], since: null, afk: false };

describe('client.setPresence against FakeDiscord', () => {
  let discord: FakeDiscord;
  let client: Client | undefined;

  beforeEach(async () => {
    discord = await FakeDiscord.start({ port: 0, gateway: { heartbeatIntervalMs: 20_000, identifyIntervalMs: 0 } });
  });
  afterEach(async () => {
    await client?.destroy();
    client = undefined;
    await discord.close();
  });

  function makeClient(options: Partial<ClientOptions> = {}): Client {
    client = new Client({ token: discord.token, intents: GatewayIntentBits.Guilds, rest: { baseURL: discord.restUrl }, gateway: { identifyIntervalMs: 0 }, ...options });
    return client;
  }

  async function sessionPresence(shard: number, expected: GatewayPresenceUpdateData): Promise<void> {
    const deadline = Date.now() + 5_000;
    let presence = discord.gateway.sessions({ shard })[0]?.presence;
    while (JSON.stringify(presence) !== JSON.stringify(expected) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      presence = discord.gateway.sessions({ shard })[0]?.presence;
    }
    expect(presence).toEqual(expected);
  }

  function op3Count(): number {
    return discord.gateway
      .connections()
      .flatMap((connection) => connection.received as Array<{ op: number }>)
      .filter((payload) => payload.op === GatewayOpcodes.PresenceUpdate).length;
  }

  it('sends op 3 with the defaults filled in, and the session keeps it', async () => {
    const bot = makeClient();
    await bot.login();
    bot.setPresence({ status: 'idle', activities: [{ name: 'the oven', type: ActivityType.Watching }] });
    await sessionPresence(0, IDLE);
  });

  it('identifies a new session with the latest presence after the old one is invalidated', async () => {
    const bot = makeClient({ gateway: { identifyIntervalMs: 0, presence: { status: 'online' as never, activities: [], since: null, afk: false } } });
    await bot.login();
    bot.setPresence({ status: 'idle', activities: [{ name: 'the oven', type: ActivityType.Watching }] });
    await sessionPresence(0, IDLE);
    // A resume (op 7) keeps the session, and with it the presence.
    const resumed = new Promise<void>((resolve) => bot.once('shardResume', () => resolve()));
    discord.gateway.faults.reconnect({ shard: 0 });
    await resumed;
    expect(discord.gateway.sessions({ shard: 0 })[0]?.presence).toEqual(IDLE);
    const first = discord.gateway.sessions({ shard: 0 })[0]?.sessionId;
    const ready = new Promise<void>((resolve) => bot.once('shardReady', () => resolve()));
    discord.gateway.faults.invalidateSession({ shard: 0 }, false);
    await ready;
    const [session] = discord.gateway.sessions({ shard: 0 });
    expect(session?.sessionId).not.toBe(first);
    expect(session?.identify.presence).toEqual(IDLE);
    expect(session?.presence).toEqual(IDLE);
  });

  it('before login, becomes the presence of the first identify', async () => {
    const bot = makeClient();
    bot.setPresence({ status: 'dnd', afk: true, since: 1_700_000_000_000 });
    await bot.login();
    expect(discord.gateway.sessions({ shard: 0 })[0]?.identify.presence).toEqual({ status: 'dnd', activities: [], since: 1_700_000_000_000, afk: true });
  });

  it('updates only the chosen shards', async () => {
    const bot = makeClient({ gateway: { identifyIntervalMs: 0, totalShards: 2 } });
    await bot.login();
    bot.setPresence({ status: 'idle', activities: [{ name: 'the oven', type: ActivityType.Watching }] }, { shardIds: [1] });
    await sessionPresence(1, IDLE);
    expect(discord.gateway.sessions({ shard: 0 })[0]?.presence).toBeNull();
    expect(() => bot.setPresence({ status: 'idle' }, { shardIds: [2] })).toThrow(expect.objectContaining({ code: 'OVEN_ERR_CLIENT_PRESENCE_SHARD_NOT_RUNNING', field: 'shardIds' }));
  });

  it('refuses a bad presence, naming the field, and sends nothing', async () => {
    const bot = makeClient();
    await bot.login();
    const attempt = (presence: unknown): PresenceError => {
      try {
        bot.setPresence(presence as never);
      } catch (error) {
        return error as PresenceError;
      }
      throw new Error('setPresence accepted a bad presence');
    };
    expect(attempt({ status: 'busy' })).toMatchObject({ code: 'OVEN_ERR_CLIENT_INVALID_PRESENCE', field: 'status' });
    expect(attempt({ status: 'online', activities: [{ name: 'x', type: 9 }] }).field).toBe('activities[0].type');
    expect(attempt({ status: 'online', activities: [{ type: 0 }] }).field).toBe('activities[0].name');
    expect(attempt({ status: 'online', since: 'now' }).field).toBe('since');
    expect(attempt({ status: 'online', afk: 1 }).field).toBe('afk');
    expect(attempt({ status: 'online', activities: {} }).field).toBe('activities');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(op3Count()).toBe(0);
    expect(discord.gateway.sessions({ shard: 0 })[0]?.presence).toBeNull();
  });
});
