import { FakeGatewayFixture, until, TRANSPORTS } from './fake-gateway-fixture';

describe.each(TRANSPORTS)('ShardManager against the fake gateway: sharding (transport %s)', (transport) => {
  let fixture: FakeGatewayFixture;
  afterEach(() => fixture.stop());

  it('identifies 4 shards with max_concurrency 2 in two waves, one identify interval apart, with no rate-limit violation', async () => {
    fixture = await FakeGatewayFixture.start({ transport,
      world: { recommendedShards: 4, sessionStartLimit: { maxConcurrency: 2 } },
      gateway: { identifyIntervalMs: 300 },
      guilds: 6,
    });
    const violations: string[] = [];
    fixture.gateway.on('violation', (violation) => violations.push(`${violation.kind}: ${violation.message}`));
    // The fake measures the gap on arrival; a little headroom absorbs loopback jitter.
    const manager = fixture.manager({ identifyIntervalMs: 400 });
    const identified: number[] = [];
    manager.on('shardIdentify', (event) => identified.push(event.shardId));
    await manager.connect();
    expect(manager.totalShards).toBe(4);
    // Bucket = id % 2: shards 0 and 1 form the first wave, 2 and 3 the second.
    expect(violations).toEqual([]);
    expect(identified.slice(0, 2).sort()).toEqual([0, 1]);
    expect(identified.slice(2).sort()).toEqual([2, 3]);
    const sessions = fixture.gateway.sessions().map((session) => session.shard);
    expect(sessions.map(([id]) => id).sort()).toEqual([0, 1, 2, 3]);
    expect(sessions.every(([, count]) => count === 4)).toBe(true);
    expect(violations).toEqual([]);
    expect(manager.status().map((state) => state.status)).toEqual(['ready', 'ready', 'ready', 'ready']);
  });

  it('runs only the given subset of shards against the given total', async () => {
    fixture = await FakeGatewayFixture.start({ transport, world: { sessionStartLimit: { maxConcurrency: 4 } } });
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
    return FakeGatewayFixture.start({ transport }).then((started) => {
      fixture = started;
      expect(() => started.manager({ shards: [0, 2] })).toThrow(expect.objectContaining({ code: 'OVEN_ERR_GATEWAY_INVALID_OPTION' }));
      expect(() => started.manager({ shards: [4], totalShards: 4 })).toThrow(/outside \[0, 3\]/);
    });
  });

  it('reshards when Discord closes with 4011 (sharding required) and ends with every shard ready', async () => {
    fixture = await FakeGatewayFixture.start({ transport, world: { sessionStartLimit: { maxConcurrency: 16 } }, gateway: { guildsPerShardLimit: 2 }, guilds: 0 });
    // Guild ids made in different milliseconds land on different shard keys.
    for (let i = 0; i < 3; i++) {
      fixture.world.createGuild({ name: `guild ${i}` });
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    const spread = (total: number): number => {
      const counts = new Map<number, number>();
      for (const id of fixture.world.guildIds()) {
        const shard = Number((BigInt(id) >> 22n) % BigInt(total));
        counts.set(shard, (counts.get(shard) ?? 0) + 1);
      }
      return Math.max(...counts.values());
    };
    const needed = [2, 3, 4, 5, 6, 7].find((total) => spread(total) <= 2) as number;
    let calls = 0;
    const manager = fixture.manager({
      fetchGatewayInfo: async () => ({ ...fixture.gatewayInfo(), shards: calls++ === 0 ? 1 : needed }),
    });
    const reshards: Array<{ from: number; to: number }> = [];
    manager.on('reshard', (event) => reshards.push(event));
    await manager.connect();
    expect(reshards).toEqual([{ from: 1, to: needed }]);
    expect(manager.totalShards).toBe(needed);
    expect(manager.status().every((state) => state.status === 'ready')).toBe(true);
    expect(fixture.gateway.sessions().filter((session) => session.shard[1] === needed)).toHaveLength(needed);
  });

  it('gives up after 4 reshard rounds when every total still gets 4011, rejecting with the 4011 error', async () => {
    fixture = await FakeGatewayFixture.start({ transport, world: { sessionStartLimit: { maxConcurrency: 16 } }, gateway: { guildsPerShardLimit: 1 }, guilds: 0 });
    // Two guilds made in the same millisecond share a shard key, so they share a shard whatever the
    // total: every round is refused with 4011.
    let previous = fixture.world.createGuild({ name: 'first' }).id;
    for (;;) {
      const next = fixture.world.createGuild({ name: 'next' }).id;
      if (BigInt(next) >> 22n === BigInt(previous) >> 22n) break;
      previous = next;
    }
    const manager = fixture.manager({ fetchGatewayInfo: async () => ({ ...fixture.gatewayInfo(), shards: 1 }) });
    const reshards: Array<{ from: number; to: number }> = [];
    manager.on('reshard', (event) => reshards.push(event));
    await expect(manager.connect()).rejects.toMatchObject({ closeCode: 4011 });
    // Discord keeps recommending 1 shard, so each round doubles; the fifth refusal ends it.
    expect(reshards).toEqual([
      { from: 1, to: 2 },
      { from: 2, to: 4 },
      { from: 4, to: 8 },
      { from: 8, to: 16 },
    ]);
    expect(fixture.gateway.sessions().filter((session) => session.shard[1] === 32)).toHaveLength(0);
  });
});
