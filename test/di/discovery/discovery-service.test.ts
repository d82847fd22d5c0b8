import {
  createClassDecorator,
  createMethodDecorator,
  DiscoveryService,
  EventScope,
  EVENT_CONTEXT,
  Inject,
  Injectable,
  Module,
  OvenFactory,
} from '../../../src/di';

const Plugin = createClassDecorator<{ name: string }>('Plugin');
const OnEvent = createMethodDecorator<{ event: string }>('OnEvent');
const Marker = createClassDecorator('Marker');

@Plugin({ name: 'stats' })
@Injectable()
class StatsPlugin {
  @OnEvent({ event: 'READY' })
  @OnEvent({ event: 'RESUMED' })
  public ready(): string {
    return 'stats ready';
  }
}

@Injectable()
class Untagged {
  public plain(): void {}
}

@Marker()
@Injectable({ scope: 'event' })
class PerEventHandler {
  public constructor(@Inject(EVENT_CONTEXT) public readonly context: unknown) {}

  @OnEvent({ event: 'MESSAGE_CREATE' })
  public onMessage(): unknown {
    return this.context;
  }
}

@Module({ providers: [StatsPlugin, Untagged] })
class PluginsModule {}

@Module({ imports: [PluginsModule], providers: [PerEventHandler] })
class AppModule {}

describe('DiscoveryService', () => {
  it('lists providers carrying a class decorator with metadata, module and the shared singleton', async () => {
    const app = await OvenFactory.create(AppModule);
    const discovery = app.get(DiscoveryService);
    const found = discovery.getProviders(Plugin);
    expect(found).toHaveLength(1);
    const [stats] = found;
    expect(stats?.metatype).toBe(StatsPlugin);
    expect(stats?.metadata).toEqual({ name: 'stats' });
    expect(stats?.moduleName).toBe('PluginsModule');
    expect(stats?.getInstance()).toBe(app.get(StatsPlugin));
    await app.close();
  });

  it('lists every use of a method decorator, in written order, across modules', async () => {
    const app = await OvenFactory.create(AppModule);
    const methods = app.get(DiscoveryService).getMethods(OnEvent);
    expect(methods.map((m) => [m.metatype.name, m.methodName, m.metadata.event])).toEqual([
      ['StatsPlugin', 'ready', 'READY'],
      ['StatsPlugin', 'ready', 'RESUMED'],
      ['PerEventHandler', 'onMessage', 'MESSAGE_CREATE'],
    ]);
    await app.close();
  });

  it('getInstance() gives the instance of the current event scope for per-event providers', async () => {
    const app = await OvenFactory.create(AppModule);
    const [handler] = app.get(DiscoveryService).getProviders(Marker);
    expect(handler?.scope).toBe('event');
    const [first, again, second] = [
      ...EventScope.run('event-1', () => {
        const a = handler?.getInstance();
        return [a, handler?.getInstance()];
      }),
      EventScope.run('event-2', () => handler?.getInstance()),
    ];
    expect(first).toBe(again);
    expect(second).not.toBe(first);
    expect((second as PerEventHandler).context).toBe('event-2');
    await app.close();
  });

  it('is injectable in any module', async () => {
    @Injectable()
    class Binder {
      public constructor(public readonly discovery: DiscoveryService) {}
    }
    @Module({ providers: [Binder] })
    class BinderModule {}
    const app = await OvenFactory.create(BinderModule);
    expect(app.get(Binder).discovery.getProviders(Plugin)).toEqual([]);
    await app.close();
  });
});
