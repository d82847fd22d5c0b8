import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { GatewayIntentBits, GatewayOpcodes, PresenceUpdateStatus, type GatewayIdentifyData, type GatewaySendPayload } from 'discord-api-types/v10';
import { WebSocketServer, type WebSocket } from 'ws';
import { GatewayOptionError, GatewayTransformError, Shard, ShardManager, type ShardOptions } from '../../src/gateway';

/** A minimal gateway: Hello, READY on identify, and a record of every payload received. */
class TinyGateway {
  public readonly received: { op: number; d: unknown }[] = [];
  private readonly sockets = new Set<WebSocket>();

  private constructor(private readonly server: WebSocketServer) {
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.send(JSON.stringify({ op: GatewayOpcodes.Hello, d: { heartbeat_interval: 60_000 } }));
      socket.on('message', (raw) => {
        const payload = JSON.parse(String(raw)) as { op: number; d: unknown };
        this.received.push(payload);
        if (payload.op === GatewayOpcodes.Identify) {
          socket.send(JSON.stringify({ op: 0, t: 'READY', s: 1, d: { session_id: 'session', resume_gateway_url: this.url, guilds: [] } }));
        }
      });
    });
  }

  public static async start(): Promise<TinyGateway> {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await once(server, 'listening');
    return new TinyGateway(server);
  }

  public get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  public identifies(): GatewayIdentifyData[] {
    return this.received.filter((p) => p.op === GatewayOpcodes.Identify).map((p) => p.d as GatewayIdentifyData);
  }

  /** Asks every connected shard for a heartbeat (op 1 from the server). */
  public requestHeartbeat(): void {
    for (const socket of this.sockets) socket.send(JSON.stringify({ op: GatewayOpcodes.Heartbeat, d: null }));
  }

  public async until(predicate: () => boolean): Promise<void> {
    for (let i = 0; i < 200 && !predicate(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    if (!predicate()) throw new Error('condition not reached');
  }

  public async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

const presence = (status: PresenceUpdateStatus): GatewaySendPayload => ({
  op: GatewayOpcodes.PresenceUpdate,
  d: { since: null, activities: [], status, afk: false },
});

describe('Shard identify and send stages', () => {
  let gateway: TinyGateway;
  let shard: Shard | undefined;
  const base = (): ShardOptions => ({ id: 0, totalShards: 1, token: 'token', intents: GatewayIntentBits.Guilds, url: gateway.url, random: () => 0.5 });

  beforeEach(async () => {
    gateway = await TinyGateway.start();
  });
  afterEach(async () => {
    await shard?.destroy();
    shard = undefined;
    await gateway.close();
  });

  it('identifies with what the identify transform returns, keeping token, shard, compress and the shared presence untouched', async () => {
    const shared = { since: null, activities: [], status: PresenceUpdateStatus.Online, afk: false };
    const seen: number[] = [];
    shard = new Shard({
      ...base(),
      presence: shared,
      identifyTransform: async (identify, shardId) => {
        seen.push(shardId);
        await new Promise((resolve) => setImmediate(resolve));
        if (identify.presence !== undefined) identify.presence.status = PresenceUpdateStatus.DoNotDisturb;
        return { ...identify, intents: identify.intents | GatewayIntentBits.GuildMembers, token: 'someone else', shard: [5, 6], compress: true };
      },
    });
    await shard.connect();
    expect(seen).toEqual([0]);
    expect(gateway.identifies()).toEqual([
      expect.objectContaining({
        token: 'token',
        shard: [0, 1],
        compress: false,
        intents: GatewayIntentBits.Guilds | GatewayIntentBits.GuildMembers,
        presence: expect.objectContaining({ status: 'dnd' }),
      }),
    ]);
    expect(shared.status).toBe('online');
  });

  it.each([
    ['throws', (): GatewayIdentifyData => { throw new Error('stage broke'); }, /threw/],
    ['returns no identify data', (): GatewayIdentifyData => ({ intents: -1 }) as unknown as GatewayIdentifyData, /integer intents/],
  ])('reports an identify transform that %s and identifies unchanged', async (_, transform, message) => {
    shard = new Shard({ ...base(), identifyTransform: transform });
    const errors: Error[] = [];
    shard.on('error', (error) => void errors.push(error));
    await shard.connect();
    expect(gateway.identifies()).toEqual([expect.objectContaining({ intents: GatewayIntentBits.Guilds, token: 'token' })]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(GatewayTransformError);
    expect(errors[0]).toMatchObject({ code: 'OVEN_ERR_GATEWAY_TRANSFORM_FAILED' });
    expect(errors[0]?.message).toMatch(message);
  });

  it('sends what the send transform returns; heartbeats, identify and resume never pass through it', async () => {
    const ops: number[] = [];
    shard = new Shard({
      ...base(),
      sendTransform: (payload) => {
        ops.push(payload.op);
        return payload.op === GatewayOpcodes.PresenceUpdate ? { ...payload, d: { ...payload.d, status: PresenceUpdateStatus.Idle } } : payload;
      },
    });
    await shard.connect();
    gateway.requestHeartbeat();
    await gateway.until(() => gateway.received.some((p) => p.op === GatewayOpcodes.Heartbeat));
    shard.send(presence(PresenceUpdateStatus.Online));
    await gateway.until(() => gateway.received.some((p) => p.op === GatewayOpcodes.PresenceUpdate));
    expect(gateway.received.find((p) => p.op === GatewayOpcodes.PresenceUpdate)?.d).toMatchObject({ status: 'idle' });
    expect(ops).toEqual([GatewayOpcodes.PresenceUpdate]);
  });

  it('makes send() throw a typed error when the send transform fails, and sends nothing', async () => {
    const cause = new Error('stage broke');
    const cases: [ShardOptions['sendTransform'], RegExp][] = [
      [() => { throw cause; }, /threw/],
      [(payload) => ({ ...payload, op: GatewayOpcodes.Identify }) as unknown as GatewaySendPayload, /same op/],
      [(async (payload: GatewaySendPayload) => payload) as unknown as ShardOptions['sendTransform'], /promise/],
    ];
    for (const [sendTransform, message] of cases) {
      const local = new Shard({ ...base(), ...(sendTransform === undefined ? {} : { sendTransform }) });
      let thrown: unknown;
      try {
        local.send(presence(PresenceUpdateStatus.Online));
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(GatewayTransformError);
      expect((thrown as Error).message).toMatch(message);
      await local.destroy();
    }
    const withCause = new Shard({ ...base(), sendTransform: () => { throw cause; } });
    expect(() => withCause.send(presence(PresenceUpdateStatus.Online))).toThrow(expect.objectContaining({ cause }));
    await withCause.destroy();
  });

  it('checks the size of the transformed payload', async () => {
    shard = new Shard({
      ...base(),
      sendTransform: (payload) => ({ ...payload, d: { since: null, activities: [{ name: 'x'.repeat(5000), type: 0 }], status: PresenceUpdateStatus.Online, afk: false } }) as GatewaySendPayload,
    });
    expect(() => shard?.send(presence(PresenceUpdateStatus.Online))).toThrow(expect.objectContaining({ code: 'OVEN_ERR_GATEWAY_PAYLOAD_TOO_LARGE' }));
  });
});

describe('ShardManager stages and configure()', () => {
  let gateway: TinyGateway;
  let manager: ShardManager;

  beforeEach(async () => {
    gateway = await TinyGateway.start();
    manager = new ShardManager({
      token: 'token',
      intents: GatewayIntentBits.Guilds,
      identifyIntervalMs: 0,
      shardOptions: { random: () => 0.5 },
      fetchGatewayInfo: async () => ({ url: gateway.url, shards: 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } }),
    });
  });
  afterEach(async () => {
    await manager.destroy();
    await gateway.close();
  });

  it('runs identify stages in order and send stages on send(); removed stages stop applying', async () => {
    manager.configure({ intents: GatewayIntentBits.GuildMessages, totalShards: 2 });
    expect(manager.intents).toBe(GatewayIntentBits.GuildMessages);
    const removeSecond = manager.addIdentifyTransform((identify) => ({ ...identify, large_threshold: 50 }));
    manager.addIdentifyTransform(async (identify) => ({ ...identify, large_threshold: (identify.large_threshold ?? 0) + 100 }));
    removeSecond();
    manager.addIdentifyTransform((identify) => ({ ...identify, properties: { ...identify.properties, browser: 'custom' } }));
    const removeSend = manager.addSendTransform((payload) => ({ ...payload, d: { ...(payload.d as object), afk: true } }) as GatewaySendPayload);
    await manager.connect();
    expect(gateway.identifies().map((identify) => [identify.shard, identify.intents, identify.large_threshold, identify.properties.browser])).toEqual([
      [[0, 2], GatewayIntentBits.GuildMessages, 100, 'custom'],
      [[1, 2], GatewayIntentBits.GuildMessages, 100, 'custom'],
    ]);
    manager.send(1, presence(PresenceUpdateStatus.Idle));
    removeSend();
    manager.send(0, presence(PresenceUpdateStatus.Online));
    await gateway.until(() => gateway.received.filter((p) => p.op === GatewayOpcodes.PresenceUpdate).length === 2);
    expect(gateway.received.filter((p) => p.op === GatewayOpcodes.PresenceUpdate).map((p) => p.d)).toEqual([
      expect.objectContaining({ status: 'idle', afk: true }),
      expect.objectContaining({ status: 'online', afk: false }),
    ]);
  });

  it('reports a failing identify stage on error even while connect() is pending', async () => {
    manager.addIdentifyTransform(() => {
      throw new Error('stage broke');
    });
    const errors: Error[] = [];
    manager.on('error', (error) => void errors.push(error));
    await manager.connect();
    expect(errors.map((error) => (error as GatewayTransformError).code)).toEqual(['OVEN_ERR_GATEWAY_TRANSFORM_FAILED']);
    expect(gateway.identifies()).toHaveLength(1);
  });

  it('configure() refuses bad values and any change once connect() was called', async () => {
    expect(() => manager.configure({ intents: -1 })).toThrow(GatewayOptionError);
    expect(() => manager.configure({ totalShards: 0 })).toThrow(GatewayOptionError);
    expect(manager.intents).toBe(GatewayIntentBits.Guilds);
    manager.configure({ totalShards: 3 });
    manager.configure({ totalShards: undefined });
    await manager.connect();
    expect(manager.totalShards).toBe(1);
    expect(() => manager.configure({ intents: 0 })).toThrow(/before connect\(\)/);
  });
});
