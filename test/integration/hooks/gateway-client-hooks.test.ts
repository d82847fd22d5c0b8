import {
  ActivityType,
  GatewayIntentBits,
  GatewayOpcodes,
  PresenceUpdateStatus,
  type GatewayMessageCreateDispatchData,
} from 'discord-api-types/v10';
import { Client, OnEvent, OvenModule } from '../../../src/client';
import { Inject, Injectable, Module, OvenFactory, type OvenApplication } from '../../../src/di';
import {
  Hook,
  HookManager,
  HooksModule,
  type ClientDiagnosticPayload,
  type ClientLoginPayload,
  type EventProcessedPayload,
  type GatewaySendHookPayload,
  type ShardIdentifyPayload,
} from '../../../src/hooks';
import { FakeDiscord } from '../../../src/testing';

const INTENTS = GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.MessageContent;

@Injectable()
class GatewayClientHooks {
  public readonly log: string[] = [];
  public readonly debug: ClientDiagnosticPayload[] = [];
  public readonly sent: GatewaySendHookPayload[] = [];

  public constructor(@Inject(Client) private readonly client: Client) {}

  @Hook('beforeClientLogin')
  public login(payload: ClientLoginPayload): ClientLoginPayload {
    this.log.push(`login intents=${String(payload.intents)} shards=${payload.shardCount}`);
    // A list of bits is accepted as well as a number.
    return { intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent, GatewayIntentBits.GuildMessageReactions], shardCount: 2 };
  }

  @Hook('beforeIdentify')
  public async identify(payload: ShardIdentifyPayload): Promise<ShardIdentifyPayload> {
    await new Promise((resolve) => setImmediate(resolve));
    this.log.push(`identify shard ${payload.shardId}`);
    return {
      ...payload,
      identify: {
        ...payload.identify,
        presence: { since: null, afk: false, status: PresenceUpdateStatus.DoNotDisturb, activities: [{ name: `baking on ${payload.shardId}`, type: ActivityType.Playing }] },
      },
    };
  }

  @Hook('beforeGatewaySend')
  public send(payload: GatewaySendHookPayload): GatewaySendHookPayload {
    this.sent.push(payload);
    if (payload.packet.op !== GatewayOpcodes.PresenceUpdate) return payload;
    return { ...payload, packet: { ...payload.packet, d: { ...payload.packet.d, afk: true } } };
  }

  @OnEvent('messageCreate')
  public async onMessage(message: GatewayMessageCreateDispatchData): Promise<void> {
    if (message.author.id === this.client.user?.id) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
    this.log.push(`handler ${message.content}`);
  }

  @Hook('afterEventProcess')
  public processed({ event, handlerCount }: EventProcessedPayload): void {
    if (event.name === 'MESSAGE_CREATE') this.log.push(`processed ${(event.data as { content: string }).content} handlers=${handlerCount}`);
  }

  @Hook('clientDebug')
  public onDebug(payload: ClientDiagnosticPayload): void {
    this.debug.push(payload);
  }
}

describe('gateway and client stage hooks in a DI app against the fake Discord', () => {
  let discord: FakeDiscord;
  let app: OvenApplication | undefined;

  beforeEach(async () => {
    // A shard counts a heartbeat whose ACK it has not read by the next beat as a zombie and
    // reconnects: when the loaded process stalls for a whole interval, the beat timer runs before the
    // ACK waiting in the socket is read. At 1 s (50 ms, then 250 ms before) that takes a 1 s stall;
    // the one test that needs a beat waits at most an interval for it.
    discord = await FakeDiscord.start({ port: 0, gateway: { identifyIntervalMs: 0, heartbeatIntervalMs: 1_000 } });
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    await discord.close();
  });

  async function start(): Promise<{ hooks: GatewayClientHooks; client: Client }> {
    @Module({
      imports: [
        OvenModule.forRoot({ token: discord.token, intents: INTENTS, rest: { baseURL: discord.restUrl }, gateway: { identifyIntervalMs: 0 } }),
        HooksModule.forRoot(),
      ],
      providers: [GatewayClientHooks],
    })
    class AppModule {}
    app = await OvenFactory.create(AppModule);
    await app.listen();
    return { hooks: app.get(GatewayClientHooks), client: app.get(Client) };
  }

  it('beforeClientLogin changes intents and shard count, beforeIdentify the presence each shard identifies with', async () => {
    const { hooks, client } = await start();
    expect(hooks.log.slice(0, 1)).toEqual([`login intents=${INTENTS} shards=auto`]);
    // A set: on a loaded machine a shard may miss a heartbeat ACK, reconnect and identify again,
    // which runs beforeIdentify again (as it should).
    expect([...new Set(hooks.log.filter((line) => line.startsWith('identify')))].sort()).toEqual(['identify shard 0', 'identify shard 1']);
    expect(client.gateway.shards.size).toBe(2);
    const sessions = discord.gateway.sessions().sort((a, b) => (a.identify.shard?.[0] ?? 0) - (b.identify.shard?.[0] ?? 0));
    expect(sessions.map((session) => [session.identify.shard, session.identify.intents, session.presence?.status, session.presence?.activities[0]?.name])).toEqual([
      [[0, 2], INTENTS | GatewayIntentBits.GuildMessageReactions, 'dnd', 'baking on 0'],
      [[1, 2], INTENTS | GatewayIntentBits.GuildMessageReactions, 'dnd', 'baking on 1'],
    ]);
    expect(sessions.every((session) => session.identify.token === discord.token)).toBe(true);
  });

  it('beforeGatewaySend sees and changes a presence update; heartbeats never reach it; an async handler is refused', async () => {
    const { hooks, client } = await start();
    const beats = new Promise<void>((resolve) => client.gateway.on('shardHeartbeat', () => resolve()));
    await beats;
    client.gateway.send(1, { op: GatewayOpcodes.PresenceUpdate, d: { since: null, activities: [], status: PresenceUpdateStatus.Idle, afk: false } });
    const deadline = Date.now() + 5000;
    while (discord.gateway.sessions({ shard: 1 })[0]?.presence?.status !== 'idle' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(discord.gateway.sessions({ shard: 1 })[0]?.presence).toMatchObject({ status: 'idle', afk: true });
    expect(hooks.sent.map(({ shardId, packet }) => `${shardId}:${packet.op}`)).toEqual([`1:${GatewayOpcodes.PresenceUpdate}`]);
    // Packets keep their order only if the hook is synchronous: an async handler makes send() throw.
    app?.get(HookManager).register('beforeGatewaySend', async (payload) => payload);
    expect(() => client.gateway.send(0, { op: GatewayOpcodes.PresenceUpdate, d: { since: null, activities: [], status: PresenceUpdateStatus.Online, afk: false } })).toThrow(
      expect.objectContaining({ code: 'OVEN_ERR_GATEWAY_TRANSFORM_FAILED' }),
    );
  });

  it('afterEventProcess fires once the async @OnEvent handler finished; clientDebug receives the engines\' messages', async () => {
    const guild = discord.createGuild({ name: 'bakery' });
    const channel = discord.createChannel(guild.id, { name: 'orders' });
    const user = discord.createUser({ username: 'gus' });
    discord.addMember(guild.id, user.id);
    const { hooks } = await start();
    const processed = new Promise<void>((resolve) =>
      app?.get(HookManager).register('afterEventProcess', ({ event }) => (event.name === 'MESSAGE_CREATE' ? resolve() : undefined)),
    );
    discord.postMessage(channel.id, user.id, { content: 'croissant' });
    await processed;
    await new Promise((resolve) => setImmediate(resolve));
    // Only the app's @OnEvent handler counts: the hooks bridge handles MESSAGE_CREATE only while
    // an afterMessageReceive handler exists, and this app has none.
    expect(hooks.log.filter((line) => line.includes('croissant'))).toEqual(['handler croissant', 'processed croissant handlers=1']);
    expect(hooks.debug).toEqual(
      expect.arrayContaining([
        { source: 'client', message: `logging in with intents ${INTENTS | GatewayIntentBits.GuildMessageReactions} and 2 shards` },
        { source: 'gateway', message: 'shard 0 sent identify' },
        { source: 'gateway', message: 'shard 1 sent identify' },
      ]),
    );
  });
});
