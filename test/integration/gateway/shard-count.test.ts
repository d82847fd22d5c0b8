import { GatewayIntentBits } from 'discord-api-types/v10';
import { Client } from '../../../src/client';
import { FakeGatewayFixture, TRANSPORTS } from './fake-gateway-fixture';

describe.each(TRANSPORTS)('ShardManager shard count resolved before connecting (transport %s)', (transport) => {
  let fixture: FakeGatewayFixture;
  afterEach(() => fixture.stop());

  it('a planner resolves the count once and two processes split the shards with it', async () => {
    fixture = await FakeGatewayFixture.start({ transport, world: { recommendedShards: 4, sessionStartLimit: { maxConcurrency: 4 } }, guilds: 6 });
    const planner = fixture.manager();
    const total = await planner.resolveTotalShards();
    expect(total).toBe(4);
    expect(planner.totalShards).toBe(4);
    const half = total / 2;
    const first = fixture.manager({ totalShards: total, shards: [0, 1] });
    const second = fixture.manager({ totalShards: total, shards: [2, 3] });
    expect([first.totalShards, second.totalShards]).toEqual([4, 4]);
    await Promise.all([first.connect(), second.connect()]);
    expect([...first.shards.keys()]).toEqual([0, 1]);
    expect([...second.shards.keys()]).toHaveLength(half);
    const sessions = fixture.gateway.sessions().map((session) => session.shard);
    expect(sessions.sort()).toEqual([
      [0, 4],
      [1, 4],
      [2, 4],
      [3, 4],
    ]);
    // Each guild's events reach the process whose manager says it owns the guild.
    for (const guildId of fixture.world.guildIds()) {
      const owner = first.shardIdFor(guildId);
      expect(owner).toBe(second.shardIdFor(guildId));
      expect(fixture.gateway.sessions({ shard: owner })).toHaveLength(1);
    }
  });

  it('connect() keeps the resolved count even when Discord recommends another one by then', async () => {
    fixture = await FakeGatewayFixture.start({ transport, world: { sessionStartLimit: { maxConcurrency: 4 } } });
    let recommended = 2;
    const manager = fixture.manager({ fetchGatewayInfo: async () => ({ ...fixture.gatewayInfo(), shards: recommended }) });
    await expect(manager.resolveTotalShards()).resolves.toBe(2);
    recommended = 3;
    await manager.connect();
    expect(manager.totalShards).toBe(2);
    expect(fixture.gateway.sessions().map((session) => session.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
  });

  it('a Client resolves it through GET /gateway/bot on its RestClient, once', async () => {
    fixture = await FakeGatewayFixture.start({ transport, world: { recommendedShards: 3 } });
    const client = new Client({ token: fixture.world.botToken, intents: GatewayIntentBits.Guilds, rest: { baseURL: fixture.discord.restUrl }, gateway: { transport } });
    try {
      expect(client.gateway.totalShards).toBe(0);
      await expect(client.gateway.resolveTotalShards()).resolves.toBe(3);
      await expect(client.gateway.resolveTotalShards()).resolves.toBe(3);
      const fetches = fixture.discord.requests().filter((request) => request.method === 'GET' && request.path.endsWith('/gateway/bot'));
      expect(fetches).toHaveLength(1);
    } finally {
      await client.destroy();
    }
  });
});
