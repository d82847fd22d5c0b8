import { Inject, Injectable, InjectionToken, Module, Optional, OvenFactory, forwardRef } from '../../../src/di';

const API_URL = new InjectionToken<string>('API_URL');
const RETRIES = 'RETRIES';
const CLOCK = Symbol('CLOCK');

describe('provider forms', () => {
  it('builds class, useClass, useValue, useFactory and useExisting providers under every token kind', async () => {
    abstract class Storage {
      public abstract kind(): string;
    }
    @Injectable()
    class MemoryStorage extends Storage {
      public kind(): string {
        return 'memory';
      }
    }
    @Injectable()
    class Api {
      public constructor(
        @Inject(API_URL) public readonly url: string,
        @Inject(RETRIES) public readonly retries: number,
        @Inject(CLOCK) public readonly clock: () => number,
        public readonly storage: Storage,
        @Inject('ALIAS') public readonly alias: Storage,
      ) {}
    }
    @Module({
      providers: [
        Api,
        { provide: Storage, useClass: MemoryStorage },
        { provide: API_URL, useValue: 'http://127.0.0.1/api' },
        { provide: RETRIES, useFactory: (url: string) => url.length, inject: [API_URL] },
        { provide: CLOCK, useValue: () => 42 },
        { provide: 'ALIAS', useExisting: Storage },
      ],
    })
    class AppModule {}

    const app = await OvenFactory.create(AppModule);
    const api = app.get(Api);
    expect(api.url).toBe('http://127.0.0.1/api');
    expect(api.retries).toBe('http://127.0.0.1/api'.length);
    expect(api.clock()).toBe(42);
    expect(api.storage).toBeInstanceOf(MemoryStorage);
    expect(api.alias).toBe(api.storage);
    expect(app.get(API_URL)).toBe('http://127.0.0.1/api');
    expect(app.get<number>(RETRIES)).toBe(api.retries);
    await app.close();
  });

  it('awaits async factories before building anything that depends on them', async () => {
    const events: string[] = [];
    const DB = new InjectionToken<{ connected: boolean }>('DB');
    const SCHEMA = new InjectionToken<string>('SCHEMA');
    @Injectable()
    class Repository {
      public readonly connectedAtConstruction: boolean;
      public constructor(@Inject(DB) db: { connected: boolean }, @Inject(SCHEMA) public readonly schema: string) {
        events.push('repository');
        this.connectedAtConstruction = db.connected;
      }
    }
    @Module({
      providers: [
        Repository,
        {
          provide: SCHEMA,
          inject: [DB],
          useFactory: async (db: { connected: boolean }) => {
            await new Promise((resolve) => setImmediate(resolve));
            events.push('schema');
            return db.connected ? 'public' : 'none';
          },
        },
        {
          provide: DB,
          useFactory: async () => {
            await new Promise((resolve) => setImmediate(resolve));
            events.push('db');
            return { connected: true };
          },
        },
      ],
    })
    class AppModule {}

    const app = await OvenFactory.create(AppModule);
    expect(events).toEqual(['db', 'schema', 'repository']);
    expect(app.get(Repository).connectedAtConstruction).toBe(true);
    expect(app.get(Repository).schema).toBe('public');
    await app.close();
  });

  it('shares one singleton between dependents and gives optional missing dependencies undefined', async () => {
    const METRICS = new InjectionToken<object>('METRICS');
    @Injectable()
    class Counter {}
    @Injectable()
    class A {
      public constructor(public readonly counter: Counter, @Optional() @Inject(METRICS) public readonly metrics?: object) {}
    }
    @Injectable()
    class B {
      public constructor(public readonly counter: Counter) {}
    }
    @Module({
      providers: [A, B, Counter, { provide: 'maybe', useFactory: (m: unknown) => m ?? 'absent', inject: [{ token: METRICS, optional: true }] }],
    })
    class AppModule {}

    const app = await OvenFactory.create(AppModule);
    expect(app.get(A).counter).toBe(app.get(B).counter);
    expect(app.get(A).metrics).toBeUndefined();
    expect(app.get('maybe')).toBe('absent');
    await app.close();
  });

  it('resolves @Inject(forwardRef(() => Class)) for classes declared later in the file', async () => {
    @Injectable()
    class Early {
      // A type annotation naming Late would be read before Late exists; forwardRef is what defers it.
      public constructor(@Inject(forwardRef(() => Late)) public readonly late: object) {}
    }
    @Injectable()
    class Late {}
    @Module({ providers: [Early, Late] })
    class AppModule {}

    const app = await OvenFactory.create(AppModule);
    expect(app.get(Early).late).toBe(app.get(Late));
    await app.close();
  });

  it('lets a subclass without its own constructor reuse its parent injection metadata', async () => {
    @Injectable()
    class Dep {}
    @Injectable()
    class Base {
      public constructor(public readonly dep: Dep) {}
    }
    @Injectable()
    class Child extends Base {}
    @Module({ providers: [Dep, Child] })
    class AppModule {}

    const app = await OvenFactory.create(AppModule);
    expect(app.get(Child).dep).toBe(app.get(Dep));
    await app.close();
  });

  it('lets the module class itself inject providers', async () => {
    @Injectable()
    class Service {}
    @Module({ providers: [Service] })
    class AppModule {
      public constructor(public readonly service: Service) {}
    }
    const app = await OvenFactory.create(AppModule);
    expect(app.get(AppModule).service).toBe(app.get(Service));
    await app.close();
  });
});
