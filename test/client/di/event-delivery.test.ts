import 'reflect-metadata';
import { GatewayIntentBits, type GatewayDispatchPayload, type GatewayMessageCreateDispatchData } from 'discord-api-types/v10';
import { Client, EventHandlerError, OnEvent, OvenModule, type EventContext } from '../../../src/client';
import { EVENT_CONTEXT, EventScope, Inject, Injectable, InjectionToken, Module, ModuleRef, OvenFactory, type OvenApplication } from '../../../src/di';

/**
 * What an @OnEvent handler sees, delivered through OvenModule's per-event scope without a
 * gateway: dispatches are emitted on the ShardManager as a shard would.
 */
const LOG = new InjectionToken<string[]>('LOG');

@Injectable({ scope: 'event' })
class PerEvent {
  private static built = 0;
  public readonly id = ++PerEvent.built;
  public constructor(@Inject(EVENT_CONTEXT) public readonly context: EventContext) {}
}

/** Singleton: resolves the per-event provider lazily, in the sync part and after an await. */
@Injectable()
class AsyncReader {
  public constructor(
    @Inject(ModuleRef) private readonly refs: ModuleRef,
    @Inject(LOG) private readonly log: string[],
  ) {}

  @OnEvent('messageCreate', { priority: 3 })
  public async read(message: GatewayMessageCreateDispatchData, context: EventContext): Promise<void> {
    const before = this.refs.get(PerEvent);
    await new Promise((resolve) => setImmediate(resolve));
    const after = this.refs.get(PerEvent);
    const scoped = EventScope.context<EventContext>();
    this.log.push(`async ${message.content}: same=${before === after} ctx=${after.context.sequence === context.sequence && scoped === context} id=${after.id}`);
  }
}

/** Becomes per event through its dependency. */
@Injectable()
class SyncReader {
  public constructor(
    @Inject(PerEvent) private readonly perEvent: PerEvent,
    @Inject(LOG) private readonly log: string[],
  ) {}

  @OnEvent('messageCreate', { priority: 2 })
  public first(message: GatewayMessageCreateDispatchData): void {
    if (message.content === 'boom') throw new Error('handler bug');
    this.log.push(`sync ${message.content}: id=${this.perEvent.id}`);
  }

  @OnEvent('messageCreate', { priority: 1 })
  public second(message: GatewayMessageCreateDispatchData): void {
    this.log.push(`sync2 ${message.content}: id=${this.perEvent.id}`);
  }

  @OnEvent('interactionCreate')
  public interaction(): void {
    this.log.push(`interaction: id=${this.perEvent.id}`);
  }
}

let seq = 0;
function message(content: string): GatewayDispatchPayload {
  return { op: 0, t: 'MESSAGE_CREATE', s: ++seq, d: { id: String(seq), channel_id: '7', content, author: { id: '9', username: 'baker' } } } as unknown as GatewayDispatchPayload;
}

describe('@OnEvent delivery through the per-event scope', () => {
  let app: OvenApplication;
  let client: Client;
  const log: string[] = [];
  const errors: Error[] = [];

  beforeAll(async () => {
    @Module({
      imports: [OvenModule.forRoot({ token: 'token', intents: GatewayIntentBits.GuildMessages, rest: { baseURL: 'http://127.0.0.1:9/api' }, cache: false })],
      providers: [{ provide: LOG, useValue: log }, PerEvent, AsyncReader, SyncReader],
    })
    class AppModule {}
    app = await OvenFactory.create(AppModule, { logger: false });
    // Binds the @OnEvent handlers (onApplicationBootstrap) without logging in.
    await app.init();
    client = app.get(Client);
    client.on('error', (error) => errors.push(error));
  });
  afterAll(async () => {
    await app.close();
  });

  async function settle(): Promise<void> {
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
  }

  it('gives every handler of one event the same per-event instance, a new one per event, across awaits, in lane and priority order, isolating a throwing handler', async () => {
    const burst = [message('a'), message('boom'), { op: 0, t: 'INTERACTION_CREATE', s: ++seq, d: { id: 'i' } } as unknown as GatewayDispatchPayload, message('b')];
    for (const payload of burst) client.gateway.emit('dispatch', payload, 0);
    await settle();
    const ids = (prefix: string): number[] => log.filter((line) => line.startsWith(prefix)).map((line) => Number(/id=(\d+)/.exec(line)?.[1]));
    // Sync part in delivery order: the interaction (high lane) first, then messages by handler priority.
    expect(log.filter((line) => !line.startsWith('async'))).toEqual([
      expect.stringMatching(/^interaction: id=\d+$/),
      expect.stringMatching(/^sync a: id=\d+$/),
      expect.stringMatching(/^sync2 a: id=\d+$/),
      expect.stringMatching(/^sync2 boom: id=\d+$/),
      expect.stringMatching(/^sync b: id=\d+$/),
      expect.stringMatching(/^sync2 b: id=\d+$/),
    ]);
    const [interaction, syncA, sync2A, sync2Boom, syncB, sync2B] = log.filter((line) => !line.startsWith('async')).map((line) => Number(/id=(\d+)/.exec(line)?.[1]));
    expect(syncA).toBe(sync2A);
    expect(syncB).toBe(sync2B);
    expect(new Set([interaction, syncA, sync2Boom, syncB]).size).toBe(4);
    // The async handler resolved the same instance before and after its await, with the right context.
    expect(log.filter((line) => line.startsWith('async'))).toEqual([
      `async a: same=true ctx=true id=${syncA}`,
      `async boom: same=true ctx=true id=${sync2Boom}`,
      `async b: same=true ctx=true id=${syncB}`,
    ]);
    expect(ids('async')).toEqual([syncA, sync2Boom, syncB]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(EventHandlerError);
    expect((errors[0] as EventHandlerError).handler).toBe('SyncReader.first');
    expect(EventScope.current()).toBeUndefined();
  });
});
