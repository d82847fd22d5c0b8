import { FakeGatewayFixture, until } from './fake-gateway-fixture';

describe('ShardManager against the fake gateway: sharding', () => {
  let fixture: FakeGatewayFixture;
  afterEach(() => fixture.stop());

  it('identifies 4 shards with max_concurrency 2 in two waves, one identify interval apart, with no rate-limit violation', async () => {
    fixture = await FakeGatewayFixture.start({
      world: { recommendedShards: 4, sessionStartLimit: { maxConcurrency: 2 } },
      gateway: { identifyIntervalMs: 300 },
      guilds: 6,
    });
    const violations: string[] = [];
    fixture.gateway.on('violation', (violation) => violations.push(violation.kind));
    // The fake measures the gap on arrival; a little headroom absorbs loopback jitter.
    const manager = fixture.manager({ identifyIntervalMs: 360 });
    const identified: number[] = [];
    manager.on('shardIdentify', (event) => identified.push(event.shardId));
    await manager.connect();
    expect(manager.totalShards).toBe(4);
    // Bucket = id % 2: shards 0 and 1 form the first wave, 2 and 3 the second.
    expect(identified.slice(0, 2).sort()).toEqual([0, 1]);
    expect(identified.slice(2).sort()).toEqual([2, 3]);
    const sessions = fixture.gateway.sessions().map((session) => session.shard);
    expect(sessions.map(([id]) => id).sort()).toEqual([0, 1, 2, 3]);
    expect(sessions.every(([, count]) => count === 4)).toBe(true);
    expect(violations).toEqual([]);
    expect(manager.status().map((state) => state.status)).toEqual(['ready', 'ready', 'ready', 'ready']);
  });

  it('runs only the given subset of shards against the given total', async () => {
    fixture = await FakeGatewayFixture.start({ world: { sessionStartLimit: { maxConcurrency: 4 } } });
    const manager = fixture.manager({ shards: [0, 2], totalShards: 4 });
    await manager.connect();
    expect([...manager.shards.keys()]).toEqual([0, 2]);
    expect(fixture.gateway.sessions().map((session) => session.shard).sort()).toEqual([
      [0, 4],
      [2, 4],
    ]);
    expect(manager.shardIdFor(fixture.world.guildIds()[0] as string)).toBeLessThan(4);
  });

  it('rejects a subset without totalShards or out of range with a typed error', () => {
    fixture = undefined as never;
    return FakeGatewayFixture.start().then((started) => {
      fixture = started;
      expect(() => started.manager({ shards: [0, 2] })).toThrow(expect.objectContaining({ code: 'OVEN_ERR_GATEWAY_INVALID_OPTION' }));
      expect(() => started.manager({ shards: [4], totalShards: 4 })).toThrow(/outside \[0, 3\]/);
    });
  });

  it('reshards when Discord closes with 4011 (sharding required) and ends with every shard ready', async () => {
    fixture = await FakeGatewayFixture.start({
      world: { sessionStartLimit: { maxConcurrency: 16 } },
      gateway: { guildsPerShardLimit: 2 },
      guilds: 3,
    });
    const manager = fixture.manager();
    const reshards: Array<{ from: number; to: number }> = [];
    manager.on('reshard', (event) => reshards.push(event));
    await manager.connect();
    expect(reshards[0]).toEqual({ from: 1, to: 2 });
    expect(manager.totalShards).toBeGreaterThanOrEqual(2);
    await until(() => manager.status().every((state) => state.status === 'ready'));
    const perShard = new Map<number, number>();
    for (const guildId of fixture.world.guildIds()) {
      const shard = manager.shardIdFor(guildId);
      perShard.set(shard, (perShard.get(shard) ?? 0) + 1);
    }
    expect(Math.max(...perShard.values())).toBeLessThanOrEqual(2);
  });
});
