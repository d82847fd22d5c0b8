import {
  Global,
  Inject,
  Injectable,
  InjectionToken,
  Module,
  OvenFactory,
  ProviderNotExportedError,
  UnknownProviderError,
  forwardRef,
  type AsyncModuleOptions,
  type DynamicModule,
} from '../../../src/di';

interface ConfigOptions {
  prefix: string;
}
const CONFIG_OPTIONS = new InjectionToken<ConfigOptions>('CONFIG_OPTIONS');

@Injectable()
class ConfigService {
  public constructor(@Inject(CONFIG_OPTIONS) private readonly options: ConfigOptions) {}
  public get prefix(): string {
    return this.options.prefix;
  }
}

@Module({ providers: [ConfigService], exports: [ConfigService] })
class ConfigModule {
  public static forRoot(options: ConfigOptions): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: CONFIG_OPTIONS, useValue: options }] };
  }

  public static forRootAsync(options: AsyncModuleOptions<ConfigOptions>): DynamicModule {
    return {
      module: ConfigModule,
      imports: options.imports ?? [],
      providers: [{ provide: CONFIG_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] }],
    };
  }
}

describe('modules', () => {
  it('exports to importers, re-exports imported modules, and keeps unexported providers private', async () => {
    @Injectable()
    class Secret {}
    @Injectable()
    class Public {
      public constructor(public readonly secret: Secret) {}
    }
    @Module({ providers: [Secret, Public], exports: [Public] })
    class CoreModule {}
    @Module({ imports: [CoreModule], exports: [CoreModule] })
    class SharedModule {}
    @Injectable()
    class Feature {
      public constructor(public readonly shared: Public) {}
    }
    @Module({ imports: [SharedModule], providers: [Feature] })
    class AppModule {}

    const app = await OvenFactory.create(AppModule);
    expect(app.get(Feature).shared).toBe(app.get(Public));
    expect(app.get(Public).secret).toBe(app.get(Secret));
    expect(() => app.get(Secret, { strict: true })).toThrow(UnknownProviderError);
    await app.close();

    @Injectable()
    class Snoop {
      public constructor(public readonly secret: Secret) {}
    }
    @Module({ imports: [CoreModule], providers: [Snoop] })
    class SnoopModule {}
    await expect(OvenFactory.create(SnoopModule)).rejects.toThrow(ProviderNotExportedError);
  });

  it('builds dynamic modules from forRoot and forRootAsync, the factory injecting from its imports', async () => {
    const ENV = new InjectionToken<Record<string, string>>('ENV');
    @Module({ providers: [{ provide: ENV, useValue: { PREFIX: '?' } }], exports: [ENV] })
    class EnvModule {}
    @Injectable()
    class Greeter {
      public constructor(public readonly config: ConfigService) {}
    }
    @Module({ imports: [ConfigModule.forRoot({ prefix: '!' })], providers: [Greeter] })
    class SyncApp {}
    const sync = await OvenFactory.create(SyncApp);
    expect(sync.get(Greeter).config.prefix).toBe('!');
    await sync.close();

    @Module({
      imports: [
        ConfigModule.forRootAsync({
          imports: [EnvModule],
          inject: [ENV],
          useFactory: async (env: Record<string, string>) => ({ prefix: env['PREFIX'] ?? '' }),
        }),
      ],
      providers: [Greeter],
    })
    class AsyncApp {}
    const asyncApp = await OvenFactory.create(AsyncApp);
    expect(asyncApp.get(Greeter).config.prefix).toBe('?');
    await asyncApp.close();
  });

  it('gives two dynamic instances of one module class separate providers', async () => {
    @Injectable()
    class First {
      public constructor(public readonly config: ConfigService) {}
    }
    @Module({ imports: [ConfigModule.forRoot({ prefix: 'a' })], providers: [First], exports: [First] })
    class AModule {}
    @Injectable()
    class Second {
      public constructor(public readonly config: ConfigService) {}
    }
    @Module({ imports: [ConfigModule.forRoot({ prefix: 'b' })], providers: [Second], exports: [Second] })
    class BModule {}
    @Module({ imports: [AModule, BModule] })
    class AppModule {}

    const app = await OvenFactory.create(AppModule);
    expect(app.get(First).config.prefix).toBe('a');
    expect(app.get(Second).config.prefix).toBe('b');
    await app.close();
  });

  it('accepts a promise of a dynamic module in imports', async () => {
    @Injectable()
    class Greeter {
      public constructor(public readonly config: ConfigService) {}
    }
    @Module({ imports: [Promise.resolve(ConfigModule.forRoot({ prefix: '>' }))], providers: [Greeter] })
    class AppModule {}
    const app = await OvenFactory.create(AppModule);
    expect(app.get(Greeter).config.prefix).toBe('>');
    await app.close();
  });

  it('makes a @Global() module (or global: true dynamic module) visible without importing it', async () => {
    const CLOCK = new InjectionToken<() => number>('CLOCK');
    @Global()
    @Module({ providers: [{ provide: CLOCK, useValue: () => 7 }], exports: [CLOCK] })
    class ClockModule {}
    @Injectable()
    class Deep {
      public constructor(@Inject(CLOCK) public readonly clock: () => number, public readonly config: ConfigService) {}
    }
    @Module({ providers: [Deep], exports: [Deep] })
    class DeepModule {}
    @Module({ imports: [DeepModule, ClockModule, { ...ConfigModule.forRoot({ prefix: 'g' }), global: true }] })
    class AppModule {}

    const app = await OvenFactory.create(AppModule);
    expect(app.get(Deep).clock()).toBe(7);
    expect(app.get(Deep).config.prefix).toBe('g');
    await app.close();
  });

  it('allows a module import cycle marked with forwardRef and shares instances across it', async () => {
    @Injectable()
    class UsersService {}
    @Injectable()
    class GuildsService {
      public constructor(public readonly users: UsersService) {}
    }
    @Module({ imports: [forwardRef(() => UsersModule)], providers: [GuildsService], exports: [GuildsService] })
    class GuildsModule {}
    @Module({ imports: [GuildsModule], providers: [UsersService], exports: [UsersService] })
    class UsersModule {}
    @Module({ imports: [UsersModule] })
    class AppModule {}

    const app = await OvenFactory.create(AppModule);
    expect(app.get(GuildsService).users).toBe(app.get(UsersService));
    await app.close();
  });

  it('lets a module re-export a single token it imports', async () => {
    @Injectable()
    class Logger {}
    @Module({ providers: [Logger], exports: [Logger] })
    class LoggerModule {}
    @Module({ imports: [LoggerModule], exports: [Logger] })
    class FacadeModule {}
    @Injectable()
    class Feature {
      public constructor(public readonly logger: Logger) {}
    }
    @Module({ imports: [FacadeModule], providers: [Feature] })
    class AppModule {}
    const app = await OvenFactory.create(AppModule);
    expect(app.get(Feature).logger).toBe(app.get(Logger));
    await app.close();
  });
});
