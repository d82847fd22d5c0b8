import type { REST } from '@discordjs/rest';
import { CompressionMethod, WebSocketManager, WebSocketShardEvents, WorkerShardingStrategy } from '@discordjs/ws';
import { GatewayDispatchEvents, GatewayIntentBits, GatewayOpcodes, PresenceUpdateStatus } from 'discord-api-types/v10';
import type { APIGatewayBotInfo, GatewayDispatchPayload } from 'discord-api-types/v10';
import { GatewayHarness } from '../../testing/fake-discord/gateway/gateway-harness';
import { TEST_TOKEN, TestWorld, guildIdForKey } from '../../testing/fake-discord/gateway/test-world';

const GUILDS = [0, 1, 2, 3];

/** @discordjs/ws 2.x reads the gateway URL from `rest.get(Routes.gatewayBot())`. */
function gatewayRest(info: () => APIGatewayBotInfo): REST {
  return { get: async () => info() } as unknown as REST;
}

describe('@discordjs/ws 2.0.4 against the fake gateway', () => {
  let harness: GatewayHarness;
  let manager: WebSocketManager;
  let received: { payload: GatewayDispatchPayload; shardId: number }[];

  async function start(
    options: { shardCount?: number; compression?: CompressionMethod | null; workers?: boolean; useIdentifyCompression?: boolean } = {},
  ): Promise<void> {
    manager = new WebSocketManager({
      useIdentifyCompression: options.useIdentifyCompression ?? false,
      // The fake enforces identify spacing itself (off here); the client's 5 s wait would only slow the suite.
      buildIdentifyThrottler: () => ({ waitForIdentify: async () => undefined }),
      // Worker threads load modules with plain Node, where @discordjs/ws's dynamic import('zlib') works
      // (jest's sandbox refuses dynamic imports, so in-process shards silently run uncompressed).
      ...(options.workers === true ? { buildStrategy: (m: WebSocketManager) => new WorkerShardingStrategy(m, { shardsPerWorker: 'all' }) } : {}),
      token: TEST_TOKEN,
      intents: GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessageTyping,
      shardCount: options.shardCount ?? 1,
      compression: options.compression ?? null,
      rest: gatewayRest(() => ({
        url: harness.url,
        shards: options.shardCount ?? 1,
        session_start_limit: { ...harness.world.sessionStartLimit.toJSON(), max_concurrency: 16 },
      })),
    });
    received = [];
    manager.on(WebSocketShardEvents.Dispatch, (payload, shardId) => {
      received.push({ payload, shardId });
    });
    await manager.connect();
  }

  async function receivedCount(t: GatewayDispatchEvents, count: number): Promise<GatewayDispatchPayload[]> {
    while (received.filter((r) => r.payload.t === t).length < count) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return received.filter((r) => r.payload.t === t).map((r) => r.payload);
  }

  async function receivedTyping(count: number): Promise<number[]> {
    const payloads = await receivedCount(GatewayDispatchEvents.TypingStart, count);
    return payloads.map((p) => (p.d as unknown as { n: number }).n);
  }

  function typing(n: number): void {
    harness.world.emitDispatch({ t: GatewayDispatchEvents.TypingStart, d: { n }, guildId: guildIdForKey(0), intents: GatewayIntentBits.GuildMessageTyping });
  }

  beforeEach(async () => {
    harness = await GatewayHarness.start(new TestWorld(GUILDS), {
      heartbeatIntervalMs: 250,
      // Generous, so a loaded CI machine never trips the server-side 4009 during these scenarios.
      heartbeatTimeoutMs: 10_000,
      identifyIntervalMs: 0,
    });
  });

  afterEach(async () => {
    await manager.destroy();
    await harness.stop();
  });

  it('connects two shards, each getting READY and the GUILD_CREATEs of its guilds', async () => {
    await start({ shardCount: 2 });
    const guildsByShard = (shardId: number): string[] =>
      received.filter((r) => r.shardId === shardId && r.payload.t === GatewayDispatchEvents.GuildCreate).map((r) => (r.payload.d as { id: string }).id);
    while (guildsByShard(0).length + guildsByShard(1).length < 4) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(guildsByShard(0)).toEqual([guildIdForKey(0), guildIdForKey(2)]);
    expect(guildsByShard(1)).toEqual([guildIdForKey(1), guildIdForKey(3)]);
    expect(harness.gateway.sessions().map((s) => s.identify.properties.browser)).toEqual(['@discordjs/ws 2.0.4', '@discordjs/ws 2.0.4']);
  });

  it('resumes after a dropped socket without losing or duplicating dispatches', async () => {
    await start();
    typing(1);
    await receivedTyping(1);
    const resumed = harness.gateway.waitFor('resumed');
    harness.gateway.faults.drop({ shard: 0 });
    typing(2);
    typing(3);
    expect(await resumed).toMatchObject({ replayed: 2 });
    typing(4);
    expect(await receivedTyping(4)).toEqual([1, 2, 3, 4]);
    expect(harness.gateway.sessions()).toHaveLength(1);
    expect(harness.gateway.sessions()[0]?.resumes).toBe(1);
  });

  it('reconnects through resume_gateway_url from READY to resume', async () => {
    await harness.stop();
    harness = await GatewayHarness.start(new TestWorld(GUILDS), { heartbeatIntervalMs: 250, heartbeatTimeoutMs: 10_000, identifyIntervalMs: 0, resumeUrlPath: '/resume' });
    await start();
    const resumed = harness.gateway.waitFor('resumed');
    harness.gateway.faults.drop({ shard: 0 });
    const { connectionId } = await resumed;
    expect(harness.gateway.connections().map((c) => [c.connectionId, c.query.path])).toEqual([
      [1, '/'],
      [connectionId, '/resume'],
    ]);
  });

  it('detects a zombie connection (no heartbeat ACK), closes it itself and resumes', async () => {
    await start();
    const clientClose = harness.gateway.waitFor('close', (e) => e.initiator === 'client');
    const resumed = harness.gateway.waitFor('resumed');
    harness.gateway.faults.stopHeartbeatAcks({ shard: 0 });
    expect(await clientClose).toMatchObject({ code: 4200, sessionEnded: false });
    await resumed;
    typing(7);
    expect(await receivedTyping(1)).toEqual([7]);
  });

  it('follows op 7 with a resume, op 9 true with a resume on the same socket, and op 9 false with a new identify', async () => {
    await start();
    let resumed = harness.gateway.waitFor('resumed');
    harness.gateway.faults.reconnect({ shard: 0 });
    await resumed;
    resumed = harness.gateway.waitFor('resumed');
    const connectionsBefore = harness.gateway.connections().length;
    harness.gateway.faults.invalidateSession({ shard: 0 }, true);
    expect(await resumed).toMatchObject({ connectionId: connectionsBefore });
    harness.gateway.faults.invalidateSession({ shard: 0 }, false);
    const readies = await receivedCount(GatewayDispatchEvents.Ready, 2);
    expect(harness.gateway.sessions().map((s) => s.sessionId)).toEqual([(readies[1]?.d as { session_id: string }).session_id]);
  });

  it('delivers the same events with zlib-stream transport compression on and off', async () => {
    const events = async (compression: CompressionMethod | null): Promise<unknown[]> => {
      await start({ compression, workers: true });
      typing(1);
      await receivedTyping(1);
      await manager.destroy();
      // @discordjs/ws handles frames concurrently (READY awaits a round trip to the main thread in
      // worker mode), so its emit order can differ from the wire order: compare in `s` order.
      return [...received]
        .sort((a, b) => a.payload.s - b.payload.s)
        .map((r) => [r.payload.s, r.payload.t, r.payload.t === GatewayDispatchEvents.Ready ? null : r.payload.d]);
    };
    const compressed = await events(CompressionMethod.ZlibNative);
    const plain = await events(null);
    expect(compressed).toEqual(plain);
    expect(compressed.length).toBe(6);
    expect(harness.gateway.connections().map((c) => c.query.compress)).toEqual(['zlib-stream', null]);
  });

  it('inflates per-payload zlib when identifying with compress: true', async () => {
    await start({ workers: true, useIdentifyCompression: true });
    typing(5);
    expect(await receivedTyping(1)).toEqual([5]);
    expect(harness.gateway.sessions()[0]?.identify.compress).toBe(true);
    expect(received.filter((r) => r.payload.t === GatewayDispatchEvents.GuildCreate)).toHaveLength(4);
  });

  it('heartbeats at once when the server sends op 1', async () => {
    // A 10-minute interval, so the heartbeat seen can only be the answer to op 1.
    await harness.stop();
    harness = await GatewayHarness.start(new TestWorld(GUILDS), { heartbeatIntervalMs: 600_000, identifyIntervalMs: 0 });
    await start();
    const beat = harness.gateway.waitFor('payload', (e) => (e.payload as { op: number }).op === 1);
    harness.gateway.faults.requestHeartbeat({ shard: 0 });
    expect(await beat).toMatchObject({ payload: { op: 1 } });
  });

  it('closes a client that outruns the send limit with 4008, records it, and the client starts a new session', async () => {
    await harness.stop();
    harness = await GatewayHarness.start(new TestWorld(GUILDS), {
      heartbeatIntervalMs: 600_000,
      identifyIntervalMs: 0,
      sendLimit: { count: 4, windowMs: 60_000 },
    });
    await start();
    const violation = harness.gateway.waitFor('violation');
    const presence = { since: null, activities: [], status: PresenceUpdateStatus.Idle, afk: false };
    for (let i = 0; i < 4; i += 1) void manager.send(0, { op: GatewayOpcodes.PresenceUpdate, d: presence });
    expect(await violation).toMatchObject({ kind: 'send-rate-limit', response: { close: 4008 } });
    const readies = await receivedCount(GatewayDispatchEvents.Ready, 2);
    expect(harness.gateway.sessions().map((s) => s.sessionId)).toEqual([(readies[1]?.d as { session_id: string }).session_id]);
  });

  it('reports a bad token as a fatal error (4004)', async () => {
    manager = new WebSocketManager({
      token: 'wrong',
      intents: 0,
      shardCount: 1,
      rest: gatewayRest(() => ({ url: harness.url, shards: 1, session_start_limit: harness.world.sessionStartLimit.toJSON() })),
    });
    const error = new Promise<Error>((resolve) => manager.once(WebSocketShardEvents.Error, (err) => resolve(err)));
    const closed = harness.gateway.waitFor('close');
    void manager.connect().catch(() => undefined);
    expect((await error).message).toBe('Authentication failed');
    expect(await closed).toMatchObject({ code: 4004, initiator: 'server' });
  });
});
