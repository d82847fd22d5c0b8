import {
  Inject,
  Injectable,
  InjectionToken,
  Module,
  Optional,
  OvenFactory,
  UnknownDependencyError,
  UnresolvableParameterError,
} from '../../../src/di';

const PREFIX = new InjectionToken<string>('PREFIX');
const METRICS = new InjectionToken<object>('METRICS');

@Injectable()
class Logger {}

describe('property injection', () => {
  it('fills @Inject properties after construction, by declared class or explicit token, parents included', async () => {
    @Injectable()
    class BaseHandler {
      @Inject() public logger!: Logger;
    }
    @Injectable()
    class PingHandler extends BaseHandler {
      @Inject(PREFIX) public prefix!: string;
      @Optional() @Inject(METRICS) public metrics?: object;
      public readonly seenInConstructor: unknown;
      public constructor() {
        super();
        this.seenInConstructor = this.prefix;
      }
    }
    @Module({ providers: [Logger, PingHandler, { provide: PREFIX, useValue: '!' }] })
    class AppModule {}

    const app = await OvenFactory.create(AppModule);
    const handler = app.get(PingHandler);
    expect(handler.logger).toBe(app.get(Logger));
    expect(handler.prefix).toBe('!');
    expect(handler.metrics).toBeUndefined();
    expect(handler.seenInConstructor).toBeUndefined();
    await app.close();
  });

  it('builds what a property needs before the provider that declares it', async () => {
    const built: string[] = [];
    @Injectable()
    class Holder {
      @Inject('LATE') public late!: string;
      public constructor() {
        built.push('holder');
      }
    }
    @Module({
      providers: [
        Holder,
        {
          provide: 'LATE',
          useFactory: async () => {
            built.push('late');
            return 'ready';
          },
        },
      ],
    })
    class AppModule {}
    const app = await OvenFactory.create(AppModule);
    expect(built).toEqual(['late', 'holder']);
    expect(app.get(Holder).late).toBe('ready');
    await app.close();
  });

  it('reports a missing property dependency with the property name', async () => {
    @Injectable()
    class Needy {
      @Inject(PREFIX) public prefix!: string;
    }
    @Module({ providers: [Needy] })
    class AppModule {}
    await expect(OvenFactory.create(AppModule)).rejects.toThrow(UnknownDependencyError);
    await expect(OvenFactory.create(AppModule)).rejects.toThrow('its dependency PREFIX at property "prefix" of Needy()');
  });

  it('rejects an interface-typed property without a token, naming the property', async () => {
    interface Store {
      get(key: string): string;
    }
    @Injectable()
    class UsesInterface {
      @Inject() public store!: Store;
    }
    @Module({ providers: [UsesInterface] })
    class AppModule {}
    const error = await OvenFactory.create(AppModule).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UnresolvableParameterError);
    expect((error as UnresolvableParameterError).index).toBe('store');
    expect((error as Error).message).toContain('Cannot tell what to inject into property "store" of UsesInterface');
  });
});
