import { GatewayOpcodes, type GatewayDispatchPayload } from 'discord-api-types/v10';
import { FakeGatewayFixture, until, TRANSPORTS } from './fake-gateway-fixture';

describe.each(TRANSPORTS)('Shard against the fake gateway: identify and READY (transport %s)', (transport) => {
  let fixture: FakeGatewayFixture;
  afterEach(() => fixture.stop());

  it('identifies with token, intents, shard, large_threshold and presence, then receives READY and every GUILD_CREATE of the shard', async () => {
    fixture = await FakeGatewayFixture.start({ transport, guilds: 3 });
    const manager = fixture.manager({
      largeThreshold: 100,
      presence: { since: null, activities: [], status: 'online' as never, afk: false },
    });
    const dispatches: GatewayDispatchPayload[] = [];
    manager.on('dispatch', (payload) => dispatches.push(payload));
    await manager.connect();
    const [session] = fixture.gateway.sessions();
    expect(session?.identify).toMatchObject({
      token: fixture.world.botToken,
      intents: manager.shards.get(0) === undefined ? -1 : session?.intents,
      shard: [0, 1],
      large_threshold: 100,
      presence: { status: 'online', afk: false },
      properties: { browser: 'ovenjs', device: 'ovenjs' },
    });
    expect(dispatches[0]?.t).toBe('READY');
    const ready = dispatches[0] as Extract<GatewayDispatchPayload, { t: 'READY' }>;
    expect(manager.shards.get(0)?.sessionInfo).toMatchObject({ sessionId: ready.d.session_id, resumeUrl: ready.d.resume_gateway_url });
    const guildIds = fixture.world.guildIds().sort();
    await until(() => dispatches.filter((payload) => payload.t === 'GUILD_CREATE').length === guildIds.length);
    expect(dispatches.filter((payload) => payload.t === 'GUILD_CREATE').map((payload) => (payload.d as { id: string }).id).sort()).toEqual(guildIds);
    expect(manager.status()).toEqual([expect.objectContaining({ id: 0, status: 'ready' })]);
  });

  it('sends ordinary payloads through the queue once ready (presence update reaches the session)', async () => {
    fixture = await FakeGatewayFixture.start({ transport });
    const manager = fixture.manager();
    await manager.connect();
    manager.send(0, { op: GatewayOpcodes.PresenceUpdate, d: { since: null, activities: [], status: 'idle' as never, afk: true } });
    await until(() => fixture.gateway.sessions()[0]?.presence?.status === 'idle');
    expect(fixture.gateway.sessions()[0]?.presence).toMatchObject({ status: 'idle', afk: true });
  });

  it('rejects a payload over 4096 bytes with a typed error instead of getting closed with 4002', async () => {
    fixture = await FakeGatewayFixture.start({ transport });
    const manager = fixture.manager();
    await manager.connect();
    expect(() =>
      manager.send(0, { op: GatewayOpcodes.PresenceUpdate, d: { since: null, activities: [{ name: 'x'.repeat(5000), type: 0 }], status: 'online' as never, afk: false } }),
    ).toThrow(expect.objectContaining({ code: 'OVEN_ERR_GATEWAY_PAYLOAD_TOO_LARGE' }));
  });
});
