import { GatewayIntentBits } from 'discord-api-types/v10';
import type { GatewayReadyDispatchData } from 'discord-api-types/v10';
import { GatewayHarness } from './gateway-harness';
import { TEST_TOKEN, TestWorld, guildIdForKey } from './test-world';

describe('FakeGateway hello, heartbeat and identify', () => {
  let harness: GatewayHarness;

  afterEach(async () => {
    await harness.stop();
  });

  it('sends Hello with the configured interval and ACKs every heartbeat', async () => {
    harness = await GatewayHarness.start(new TestWorld(), { heartbeatIntervalMs: 1234 });
    const client = await harness.connect();
    const hello = await client.waitFor((p) => p.op === 10);
    expect(hello).toEqual({ op: 10, d: { heartbeat_interval: 1234 }, s: null, t: null });
    client.send({ op: 1, d: null });
    client.send({ op: 1, d: null });
    const secondAck = await client.waitFor((p) => p.op === 11, 2);
    expect(secondAck).toEqual({ op: 11, d: null, s: null, t: null });
  });

  it('answers identify with READY (guilds unavailable, resume URL) then GUILD_CREATE per guild of the shard', async () => {
    const world = new TestWorld([0, 1, 2, 3, 4]);
    harness = await GatewayHarness.start(world);
    const client = await harness.ready({ shard: [1, 2], intents: GatewayIntentBits.Guilds, large_threshold: 50 });
    const ready = client.dispatches('READY')[0];
    const data = ready?.d as GatewayReadyDispatchData;
    expect(ready?.s).toBe(1);
    expect(data.v).toBe(10);
    expect(data.user.id).toBe('100');
    expect(data.guilds).toEqual([
      { id: guildIdForKey(1), unavailable: true },
      { id: guildIdForKey(3), unavailable: true },
    ]);
    expect(data.shard).toEqual([1, 2]);
    expect(data.application).toEqual({ id: '100', flags: 0, flags_new: '0' });
    expect(data.resume_gateway_url).toBe(harness.url);
    expect(data.session_id).toMatch(/^[0-9a-f]{32}$/);
    const creates = await client.waitFor((p) => p.op === 0 && p.t === 'GUILD_CREATE', 2).then(() => client.dispatches('GUILD_CREATE'));
    expect(creates.map((p) => [p.s, (p.d as { id: string }).id])).toEqual([
      [2, guildIdForKey(1)],
      [3, guildIdForKey(3)],
    ]);
    const [session] = harness.gateway.sessions();
    expect(session).toMatchObject({ sessionId: data.session_id, shard: [1, 2], intents: 1, seq: 3, resumes: 0 });
    expect(session?.identify.properties).toEqual({ os: 'linux', browser: 'test', device: 'test' });
  });

  it('sends no GUILD_CREATE without the GUILDS intent and empties presences without GUILD_PRESENCES', async () => {
    harness = await GatewayHarness.start(new TestWorld([0]));
    const withoutGuilds = await harness.ready({ intents: GatewayIntentBits.GuildMessages });
    const withGuilds = await harness.ready({ intents: GatewayIntentBits.Guilds });
    await withGuilds.waitFor((p) => p.op === 0 && p.t === 'GUILD_CREATE');
    const guild = withGuilds.dispatches('GUILD_CREATE')[0]?.d as { presences: unknown[]; members: { user: { id: string } }[]; large: boolean };
    expect(guild.presences).toEqual([]);
    expect(guild.members.map((m) => m.user.id)).toEqual(['100']);
    expect(guild.large).toBe(false);
    expect(withoutGuilds.dispatches('GUILD_CREATE')).toEqual([]);
  });

  it('accepts a "Bot " prefixed token and the deprecated $os property keys', async () => {
    harness = await GatewayHarness.start();
    const client = await harness.connect();
    client.send({ op: 2, d: { token: `Bot ${TEST_TOKEN}`, intents: 0, properties: { $os: 'linux', $browser: 'b', $device: 'd' } } });
    await expect(client.waitFor((p) => p.op === 0 && p.t === 'READY')).resolves.toBeDefined();
  });

  it.each([
    ['a wrong token', 4004, { token: 'nope' }],
    ['a shard id beyond the count', 4010, { shard: [2, 2] }],
    ['a malformed shard', 4010, { shard: [0] }],
    ['unknown intent bits', 4013, { intents: 1 << 30 }],
    ['missing intents', 4013, { intents: undefined }],
    ['a privileged intent the application may not use', 4014, { intents: GatewayIntentBits.MessageContent }],
    ['a large_threshold out of range', 4001, { large_threshold: 10 }],
    ['a bad presence', 4001, { presence: { status: 'sleeping', activities: [], since: null, afk: false } }],
  ])('closes an identify with %s using %i', async (_name, code, extra) => {
    harness = await GatewayHarness.start();
    const closeEvent = harness.gateway.waitFor('close');
    const client = await harness.connect();
    client.identify(extra);
    const closed = await client.closed;
    expect(closed.code).toBe(code);
    expect(closed.reason.length).toBeGreaterThan(0);
    expect(await closeEvent).toMatchObject({ code, initiator: 'server' });
    expect(harness.gateway.sessions()).toEqual([]);
  });

  it('allows privileged intents the application enabled', async () => {
    const world = new TestWorld();
    world.allowedPrivilegedIntents = GatewayIntentBits.MessageContent;
    harness = await GatewayHarness.start(world);
    const client = await harness.ready({ intents: GatewayIntentBits.MessageContent | GatewayIntentBits.Guilds });
    expect(client.dispatches('READY')).toHaveLength(1);
  });

  it('closes with 4011 when a shard would hold more guilds than allowed, and records the violation', async () => {
    harness = await GatewayHarness.start(new TestWorld([0, 1, 2]), { guildsPerShardLimit: 2 });
    const violation = harness.gateway.waitFor('violation');
    const client = await harness.connect();
    client.identify();
    expect((await client.closed).code).toBe(4011);
    await expect(violation).resolves.toMatchObject({ kind: 'sharding-required', shard: [0, 1], response: { close: 4011 } });
  });
});
