import type { APIGatewayBotInfo } from 'discord-api-types/v10';
import { GatewayIntentBits } from 'discord-api-types/v10';
import { EventPipeline, type PipelineEvent, ShardManager } from '../../../src/gateway';
import { HookManager } from '../../../src/hooks';
import { bridgeEventHooks } from '../../../src/hooks/bridges/events';
import { bridgeGatewayHooks } from '../../../src/hooks/bridges/gateway';
import { RestClient } from '../../../src/rest';
import { FakeDiscord } from '../../../src/testing';

function waitFor<T>(register: (resolve: (value: T) => void) => void): Promise<T> {
  return new Promise(register);
}

describe('gateway, event and incoming-message hooks, fired by a real ShardManager and EventPipeline', () => {
  let discord: FakeDiscord;
  let rest: RestClient;
  let gateway: ShardManager;
  let pipeline: EventPipeline;
  let hooks: HookManager;
  let detach: (() => void)[];
  let seen: string[];

  beforeEach(async () => {
    discord = await FakeDiscord.start({ port: 0, gateway: { heartbeatIntervalMs: 100 } });
    rest = new RestClient({ token: discord.token, baseURL: discord.restUrl });
    gateway = new ShardManager({
      token: discord.token,
      intents: GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.MessageContent,
      fetchGatewayInfo: () => rest.get<APIGatewayBotInfo>('/gateway/bot'),
      shardOptions: { random: () => 0 },
    });
    pipeline = new EventPipeline({ batch: false });
    gateway.on('dispatch', (payload, shardId) => pipeline.push(payload, shardId));
    hooks = new HookManager();
    seen = [];
    for (const hook of ['shardConnect', 'shardReady', 'shardClose', 'shardResume', 'shardReconnect'] as const) {
      hooks.register(hook, () => void seen.push(hook));
    }
    detach = [bridgeGatewayHooks(gateway, hooks), bridgeEventHooks(pipeline, hooks)];
  });
  afterEach(async () => {
    for (const d of detach) d();
    await gateway.destroy();
    pipeline.close();
    await rest.close();
    await discord.close();
  });

  it('fires shard lifecycle hooks, heartbeat acks and raw dispatches', async () => {
    const raw: string[] = [];
    hooks.register('gatewayRawPacket', ({ packet }) => void raw.push(packet.t));
    const ack = waitFor<number>((resolve) => hooks.register('shardHeartbeatAck', ({ latencyMs }) => resolve(latencyMs)));
    await gateway.connect();
    expect(await ack).toBeGreaterThanOrEqual(0);
    expect(seen).toEqual(['shardConnect', 'shardReady']);
    expect(raw[0]).toBe('READY');
    const resumed = waitFor<void>((resolve) => hooks.register('shardResume', () => resolve()));
    discord.gateway.faults.reconnect();
    await resumed;
    expect(seen).toEqual(['shardConnect', 'shardReady', 'shardReconnect', 'shardConnect', 'shardResume']);
    const closed = waitFor<number>((resolve) => hooks.register('shardClose', ({ code }) => resolve(code)));
    const resumedAgain = waitFor<void>((resolve) => hooks.register('shardResume', () => resolve()));
    discord.gateway.faults.drop();
    expect(await closed).not.toBe(1000);
    await resumedAgain;
    expect(seen.slice(5)).toEqual(['shardClose', 'shardReconnect', 'shardConnect', 'shardResume']);
  });

  it('fires shardInvalidSession on op 9 and shardError on a fatal close', async () => {
    await gateway.connect();
    const invalid = waitFor<boolean>((resolve) => hooks.register('shardInvalidSession', ({ resumable }) => resolve(resumable)));
    const back = waitFor<void>((resolve) => {
      hooks.register('shardResume', () => resolve());
      hooks.register('shardReady', () => resolve());
    });
    discord.gateway.faults.invalidateSession({}, true);
    expect(await invalid).toBe(true);
    await back;
    const failed = waitFor<{ shardId: number | undefined; message: string }>((resolve) =>
      hooks.register('shardError', ({ shardId, error }) => resolve({ shardId, message: error.message })),
    );
    discord.gateway.faults.close({}, 4014, 'Disallowed intent(s)');
    const error = await failed;
    expect(error.message).toContain('4014');
    expect(error.shardId).toBe(0);
  });

  it('filters, transforms and reports incoming messages through the event hooks', async () => {
    const guild = discord.createGuild({ name: 'g' });
    const channel = discord.createChannel(guild.id, { name: 'chat' });
    const user = discord.createUser({ username: 'alice' });
    discord.addMember(guild.id, user.id);
    await gateway.connect();

    const delivered: string[] = [];
    pipeline.handle('MESSAGE_CREATE', (event: PipelineEvent) => void delivered.push((event.data as { content: string }).content));
    const dropped: string[] = [];
    const received: string[] = [];
    hooks.register('messageFilter', ({ message }) => (message.content.includes('spam') ? { reason: 'spam filter' } : undefined));
    hooks.register('eventTransform', (event) =>
      event.name === 'MESSAGE_CREATE' ? { ...event, data: { ...(event.data as object), content: `${(event.data as { content: string }).content}!` } } : undefined,
    );
    hooks.register('eventDropped', ({ reason, event }) => void dropped.push(`${event.name}: ${reason}`));
    hooks.register('beforeEventProcess', ({ name }) => (name === 'TYPING_START' ? { reason: 'typing ignored' } : undefined));
    const done = waitFor<void>((resolve) =>
      hooks.register('afterMessageReceive', ({ message }) => {
        received.push(message.content);
        if (message.content === 'second!') resolve();
      }),
    );
    const deleted = waitFor<string>((resolve) => hooks.register('afterMessageDelete', ({ messageId }) => resolve(messageId)));

    discord.postMessage(channel.id, user.id, { content: 'buy spam now' });
    discord.postMessage(channel.id, user.id, { content: 'first' });
    const second = discord.postMessage(channel.id, user.id, { content: 'second' });
    await done;
    expect(received).toEqual(['first!', 'second!']);
    expect(delivered).toEqual(['first!', 'second!']);
    expect(dropped).toEqual(['MESSAGE_CREATE: spam filter']);
    await rest.delete(`/channels/${channel.id}/messages/${second.id}`);
    expect(await deleted).toBe(second.id);
  });

  it('drops a vetoed dispatch and reports dispatches nobody handles', async () => {
    const guild = discord.createGuild({ name: 'g' });
    await gateway.connect();
    const dropped = waitFor<string>((resolve) => hooks.register('eventDropped', ({ event, reason }) => resolve(`${event.name}: ${reason}`)));
    const unhandled = waitFor<string>((resolve) => hooks.register('eventUnhandled', ({ name }) => resolve(name)));
    const delivered: string[] = [];
    pipeline.handle('CHANNEL_CREATE', () => void delivered.push('CHANNEL_CREATE'));
    hooks.register('beforeEventProcess', ({ name }) => (name === 'CHANNEL_CREATE' ? { reason: 'channels muted' } : undefined));
    discord.createChannel(guild.id, { name: 'muted' });
    expect(await dropped).toBe('CHANNEL_CREATE: channels muted');
    discord.createRole(guild.id, { name: 'nobody-listens' });
    expect(await unhandled).toBe('GUILD_ROLE_CREATE');
    expect(delivered).toEqual([]);
  });

  it('reports a failing pipeline handler through eventHandlerError', async () => {
    const guild = discord.createGuild({ name: 'g' });
    const channel = discord.createChannel(guild.id, { name: 'chat' });
    const user = discord.createUser({ username: 'bob' });
    discord.addMember(guild.id, user.id);
    await gateway.connect();
    pipeline.handle('MESSAGE_CREATE', function explode() {
      throw new Error('handler broke');
    });
    const failure = waitFor<string>((resolve) => hooks.register('eventHandlerError', ({ handler, error }) => resolve(`${handler}: ${(error as Error).message}`)));
    discord.postMessage(channel.id, user.id, { content: 'hi' });
    expect(await failure).toBe('explode: handler broke');
  });
});
