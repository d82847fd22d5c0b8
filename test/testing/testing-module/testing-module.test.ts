import {
  EVENT_CONTEXT,
  Inject,
  Injectable,
  InjectionToken,
  Module,
  UnknownDependencyError,
  type OnModuleDestroy,
  type OnModuleInit,
} from '../../../src/di';
import { Test, TestingModule, UnusedOverrideError } from '../../../src/testing';

const API_KEY = new InjectionToken<string>('API_KEY');

@Injectable()
class HttpTransport {
  public send(path: string): string {
    return `real ${path}`;
  }
}

// Three modules deep from AppModule: AppModule -> GuildModule -> ApiModule -> TransportModule.
@Module({ providers: [HttpTransport, { provide: API_KEY, useValue: 'real-key' }], exports: [HttpTransport, API_KEY] })
class TransportModule {}

@Injectable()
class ApiClient {
  public constructor(private readonly transport: HttpTransport, @Inject(API_KEY) public readonly key: string) {}
  public fetchGuild(id: string): string {
    return this.transport.send(`/guilds/${id}`);
  }
}

@Module({ imports: [TransportModule], providers: [ApiClient], exports: [ApiClient] })
class ApiModule {}

@Injectable()
class GuildService implements OnModuleInit, OnModuleDestroy {
  public readonly journal: string[] = [];
  public constructor(private readonly api: ApiClient) {}
  public describe(id: string): string {
    return this.api.fetchGuild(id);
  }
  public onModuleInit(): void {
    this.journal.push('init');
  }
  public onModuleDestroy(): void {
    this.journal.push('destroy');
  }
}

@Module({ imports: [ApiModule], providers: [GuildService], exports: [GuildService] })
class GuildModule {}

@Module({ imports: [GuildModule] })
class AppModule {}

describe('Test.createTestingModule', () => {
  it('overrides a provider three modules deep with useValue', async () => {
    const fake = { send: (path: string) => `fake ${path}` };
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).overrideProvider(HttpTransport).useValue(fake).compile();
    expect(moduleRef).toBeInstanceOf(TestingModule);
    expect(moduleRef.get(GuildService).describe('1')).toBe('fake /guilds/1');
    expect(moduleRef.get(HttpTransport)).toBe(fake);
    await moduleRef.close();
  });

  it('overrides with useClass and useFactory (the factory injecting from the graph)', async () => {
    @Injectable()
    class RecordingTransport {
      public readonly sent: string[] = [];
      public send(path: string): string {
        this.sent.push(path);
        return `recorded ${path}`;
      }
    }
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
      .overrideProvider(HttpTransport)
      .useClass(RecordingTransport)
      .overrideProvider(API_KEY)
      .useFactory({ factory: async (transport: RecordingTransport) => `key-for-${transport.constructor.name}`, inject: [HttpTransport] })
      .compile();
    expect(moduleRef.get(GuildService).describe('9')).toBe('recorded /guilds/9');
    expect((moduleRef.get(HttpTransport) as unknown as RecordingTransport).sent).toEqual(['/guilds/9']);
    expect(moduleRef.get(ApiClient).key).toBe('key-for-RecordingTransport');
    await moduleRef.close();
  });

  it('replaces a module wherever it is imported with overrideModule().useModule()', async () => {
    @Injectable()
    class OfflineTransport {
      public send(path: string): string {
        return `offline ${path}`;
      }
    }
    @Module({
      providers: [{ provide: HttpTransport, useClass: OfflineTransport }, { provide: API_KEY, useValue: 'offline-key' }],
      exports: [HttpTransport, API_KEY],
    })
    class OfflineTransportModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
      .overrideModule(TransportModule)
      .useModule(OfflineTransportModule)
      .compile();
    expect(moduleRef.get(GuildService).describe('2')).toBe('offline /guilds/2');
    expect(moduleRef.get(ApiClient).key).toBe('offline-key');
    await moduleRef.close();
  });

  it('compile() runs init hooks and close() runs destroy hooks', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    const guilds = moduleRef.get(GuildService);
    expect(guilds.journal).toEqual(['init']);
    expect(guilds.describe('3')).toBe('real /guilds/3');
    await moduleRef.close();
    expect(guilds.journal).toEqual(['init', 'destroy']);
  });

  it('takes providers directly and resolves per-event providers with resolve()', async () => {
    @Injectable({ scope: 'event' })
    class Reply {
      public constructor(@Inject(EVENT_CONTEXT) public readonly interaction: { id: string }, public readonly guilds: GuildService) {}
    }
    const moduleRef = await Test.createTestingModule({ imports: [GuildModule], providers: [Reply] })
      .overrideProvider(ApiClient)
      .useValue({ fetchGuild: (id: string) => `stub ${id}` })
      .compile();
    const reply = await moduleRef.resolve(Reply, { context: { id: 'i-1' } });
    expect(reply.interaction.id).toBe('i-1');
    expect(reply.guilds.describe('4')).toBe('stub 4');
    await moduleRef.close();
  });

  it('an override of a token nobody provides is an error, not a silent no-op', async () => {
    const builder = Test.createTestingModule({ imports: [GuildModule] }).overrideProvider('NOT_PROVIDED').useValue(1);
    await expect(builder.compile()).rejects.toThrow(UnusedOverrideError);
    await expect(builder.compile()).rejects.toThrow(/overrideProvider\("NOT_PROVIDED"\) matched nothing: no module reachable from \[GuildModule\]/);
  });

  it('reports the same typed errors as OvenFactory when the tested modules are incomplete', async () => {
    await expect(Test.createTestingModule({ providers: [ApiClient] }).compile()).rejects.toThrow(UnknownDependencyError);
  });
});
