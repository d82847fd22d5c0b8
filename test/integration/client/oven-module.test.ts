import { GatewayIntentBits, type GatewayGuildCreateDispatchData, type GatewayMessageCreateDispatchData } from 'discord-api-types/v10';
import {
  AfterClientReady,
  BeforeClientReady,
  Client,
  EventHandlerError,
  OnEvent,
  OvenModule,
  type EventContext,
} from '../../../src/client';
import { EVENT_CONTEXT, Inject, Injectable, InjectionToken, Module, OvenFactory, type OvenApplication } from '../../../src/di';
import { RestClient } from '../../../src/rest';
import { FakeDiscord } from '../../../src/testing';
import { TRANSPORTS } from '../gateway/fake-gateway-fixture';

const INTENTS = GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.MessageContent;
const LOG = new InjectionToken<string[]>('LOG');

@Injectable({ scope: 'event' })
class EventState {
  public static built = 0;
  public readonly id = ++EventState.built;
  public constructor(@Inject(EVENT_CONTEXT) public readonly context: EventContext) {}
}

@Injectable()
class Handlers {
  public constructor(
    @Inject(LOG) private readonly log: string[],
    @Inject(Client) private readonly client: Client,
  ) {}

  @OnEvent('guildCreate')
  public onGuild(guild: GatewayGuildCreateDispatchData): void {
    this.log.push(`guildCreate:${guild.name}`);
  }

  @OnEvent('messageCreate', { priority: 1 })
  public explode(message: GatewayMessageCreateDispatchData): void {
    if (message.content === 'boom') throw new Error('handler bug');
  }

  @OnEvent('messageCreate')
  public async onMessage(message: GatewayMessageCreateDispatchData, context: EventContext): Promise<void> {
    if (message.author.id === this.client.user?.id) return;
    this.log.push(`message:${message.content}:seq${context.sequence}`);
    if (message.content === '!ping') await this.client.rest.channels.createMessage(message.channel_id, { content: 'pong' });
  }

  @BeforeClientReady()
  public before(): void {
    this.log.push(`before:${this.client.isReady}`);
  }

  @AfterClientReady()
  public after(): void {
    this.log.push(`after:${this.client.isReady}`);
  }
}

const SEEN = new InjectionToken<Array<{ id: number; sequence: number; handlerSequence: number }>>('SEEN');

/** Depends on an event-scoped provider, so it is rebuilt per event: proves one scope per event. */
@Injectable()
class ScopeProbe {
  public constructor(
    @Inject(EventState) private readonly state: EventState,
    @Inject(SEEN) private readonly seen: Array<{ id: number; sequence: number; handlerSequence: number }>,
  ) {}

  @OnEvent('messageCreate')
  public probe(_message: GatewayMessageCreateDispatchData, context: EventContext): void {
    this.seen.push({ id: this.state.id, sequence: this.state.context.sequence, handlerSequence: context.sequence });
  }
}

describe.each(TRANSPORTS)('OvenModule with the DI core against FakeDiscord (transport %s)', (transport) => {
  let discord: FakeDiscord;
  let app: OvenApplication | undefined;

  beforeEach(async () => {
    discord = await FakeDiscord.start({ port: 0, gateway: { heartbeatIntervalMs: 500, identifyIntervalMs: 0 } });
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    await discord.close();
  });

  async function waitFor(predicate: () => boolean): Promise<void> {
    const deadline = Date.now() + 5000;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error('condition not met in 5 s');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  it('binds @OnEvent handlers, logs in on listen, runs ready hooks, isolates errors and closes shards on app.close()', async () => {
    const guild = discord.createGuild({ name: 'Bakery' });
    const alice = discord.createUser({ username: 'alice' });
    discord.addMember(guild.id, alice.id);
    const log: string[] = [];
    const seen: Array<{ id: number; sequence: number; handlerSequence: number }> = [];

    @Module({
      imports: [OvenModule.forRoot({ token: discord.token, intents: INTENTS, rest: { baseURL: discord.restUrl }, gateway: { identifyIntervalMs: 0, transport } })],
      providers: [{ provide: LOG, useValue: log }, { provide: SEEN, useValue: seen }, EventState, Handlers, ScopeProbe],
    })
    class AppModule {}

    app = await OvenFactory.create(AppModule);
    const client = app.get(Client);
    expect(app.get(RestClient)).toBe(client.rest);
    const errors: Error[] = [];
    client.on('error', (error) => errors.push(error));
    await app.listen();
    expect(client.isReady).toBe(true);
    expect(log.slice(-2)).toEqual(['before:false', 'after:true']);
    await waitFor(() => log.includes('guildCreate:Bakery'));

    const channelId = guild.system_channel_id as string;
    discord.postMessage(channelId, alice.id, 'boom');
    discord.postMessage(channelId, alice.id, '!ping');
    const reply = await discord.waitForMessage((message) => message.content === 'pong');
    expect(reply.channel_id).toBe(channelId);
    await waitFor(() => log.filter((entry) => entry.startsWith('message:')).length === 2);
    expect(log.filter((entry) => entry.startsWith('message:')).map((entry) => entry.split(':')[1])).toEqual(['boom', '!ping']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(EventHandlerError);
    expect((errors[0] as EventHandlerError).handler).toBe('Handlers.explode');

    // One event-scoped instance per event, carrying that event as EVENT_CONTEXT.
    await waitFor(() => seen.length >= 3);
    const ids = seen.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(seen.every((entry) => entry.sequence === entry.handlerSequence)).toBe(true);

    await app.close();
    app = undefined;
    await waitFor(() => discord.gateway.connections().every((connection) => !connection.open));
    expect(client.gateway.status()).toEqual([]);
  });

  it('forRootAsync builds the options from injected providers', async () => {
    discord.createGuild({ name: 'Async' });
    const TOKEN = new InjectionToken<string>('TOKEN');

    @Module({ providers: [{ provide: TOKEN, useValue: discord.token }], exports: [TOKEN] })
    class ConfigModule {}

    @Module({
      imports: [
        OvenModule.forRootAsync({
          imports: [ConfigModule],
          inject: [TOKEN],
          useFactory: async (token: string) => ({ token, intents: INTENTS, rest: { baseURL: discord.restUrl }, gateway: { identifyIntervalMs: 0, transport } }),
        }),
      ],
    })
    class AppModule {}

    app = await OvenFactory.create(AppModule);
    await app.listen();
    const client = app.get(Client);
    expect(client.user?.id).toBe(discord.botUser.id);
    expect(client.cache.guilds.size).toBe(1);
  });

  it('rejects an unknown event name at decoration time with a typed error', () => {
    expect(() => OnEvent('messageCreated' as never)).toThrow(expect.objectContaining({ code: 'OVEN_ERR_CLIENT_INVALID_OPTION' }));
  });
});
