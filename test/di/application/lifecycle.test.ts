import {
  ApplicationClosedError,
  Global,
  Inject,
  Injectable,
  LifecycleHookFailedError,
  Module,
  OvenFactory,
  ShutdownFailedError,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationListen,
  type OnApplicationShutdown,
  type OnModuleDestroy,
  type OnModuleInit,
} from '../../../src/di';

// Every provider records its hooks into the journal it receives, under its own name.
function tracked(name: string) {
  @Injectable()
  class Tracked
    implements OnModuleInit, OnApplicationBootstrap, OnApplicationListen, OnModuleDestroy, BeforeApplicationShutdown, OnApplicationShutdown
  {
    public constructor(@Inject('JOURNAL') public readonly journal: string[]) {}
    public onModuleInit(): void {
      this.journal.push(`init ${name}`);
    }
    public onApplicationBootstrap(): void {
      this.journal.push(`bootstrap ${name}`);
    }
    public onApplicationListen(): void {
      this.journal.push(`listen ${name}`);
    }
    public async onModuleDestroy(): Promise<void> {
      await new Promise((resolve) => setImmediate(resolve));
      this.journal.push(`destroy ${name}`);
    }
    public beforeApplicationShutdown(signal?: string): void {
      this.journal.push(`before ${name} ${signal ?? '-'}`);
    }
    public onApplicationShutdown(signal?: string): void {
      this.journal.push(`shutdown ${name} ${signal ?? '-'}`);
    }
  }
  Object.defineProperty(Tracked, 'name', { value: name });
  return Tracked;
}

describe('lifecycle', () => {
  it('runs hooks globals first, deepest imports first, root last; by dependency level inside a module; teardown reversed', async () => {
    const journal: string[] = [];
    const G = tracked('G');
    const Low = tracked('Low');
    @Injectable()
    class High {
      public constructor(@Inject(Low) public readonly low: object, @Inject('JOURNAL') private readonly journal: string[]) {}
      public onModuleInit(): void {
        this.journal.push('init High');
      }
      public onModuleDestroy(): void {
        this.journal.push('destroy High');
      }
    }
    const A = tracked('A');
    const B = tracked('B');
    const Root = tracked('Root');
    @Global()
    @Module({ providers: [{ provide: 'JOURNAL', useValue: journal }, G], exports: ['JOURNAL'] })
    class GlobalModule {}
    // High is listed before Low but depends on it, so Low's hooks run first.
    @Module({ providers: [High, Low] })
    class CModule {}
    @Module({ imports: [CModule], providers: [A] })
    class AModule {}
    @Module({ imports: [CModule], providers: [B] })
    class BModule {}
    @Module({ imports: [AModule, BModule, GlobalModule], providers: [Root] })
    class AppModule {}

    const app = await OvenFactory.create(AppModule);
    await app.listen();
    expect(journal.filter((line) => line.startsWith('init'))).toEqual(['init G', 'init Low', 'init High', 'init A', 'init B', 'init Root']);
    expect(journal.filter((line) => line.startsWith('bootstrap'))).toEqual(['bootstrap G', 'bootstrap Low', 'bootstrap A', 'bootstrap B', 'bootstrap Root']);
    expect(journal.filter((line) => line.startsWith('listen'))).toEqual(['listen G', 'listen Low', 'listen A', 'listen B', 'listen Root']);
    journal.length = 0;
    await app.close('SIGTERM');
    expect(journal).toEqual([
      'destroy Root',
      'destroy B',
      'destroy A',
      'destroy High',
      'destroy Low',
      'destroy G',
      'before Root SIGTERM',
      'before B SIGTERM',
      'before A SIGTERM',
      'before Low SIGTERM',
      'before G SIGTERM',
      'shutdown Root SIGTERM',
      'shutdown B SIGTERM',
      'shutdown A SIGTERM',
      'shutdown Low SIGTERM',
      'shutdown G SIGTERM',
    ]);
  });

  it('init() is idempotent and listen() runs init first', async () => {
    const journal: string[] = [];
    const Only = tracked('Only');
    @Module({ providers: [{ provide: 'JOURNAL', useValue: journal }, Only] })
    class AppModule {}
    const app = await OvenFactory.create(AppModule);
    await Promise.all([app.listen(), app.init(), app.init()]);
    expect(journal).toEqual(['init Only', 'bootstrap Only', 'listen Only']);
    await app.close();
    await app.close();
    expect(journal.filter((line) => line.startsWith('destroy'))).toEqual(['destroy Only']);
  });

  it('a failing start-up hook stops the start, tears down what was initialised, and names module, provider and hook', async () => {
    const journal: string[] = [];
    const Before = tracked('Before');
    const After = tracked('After');
    @Injectable()
    class NoHooksPool {
      public constructor(@Inject('JOURNAL') private readonly journal: string[]) {}
      public onApplicationShutdown(): void {
        this.journal.push('shutdown NoHooksPool');
      }
    }
    @Injectable()
    class Broken implements OnModuleInit {
      public onModuleInit(): Promise<void> {
        return Promise.reject(new Error('cannot reach the database'));
      }
      public onModuleDestroy(): void {
        journal.push('destroy Broken');
      }
    }
    @Global()
    @Module({ providers: [{ provide: 'JOURNAL', useValue: journal }], exports: ['JOURNAL'] })
    class JournalModule {}
    @Module({ providers: [Before, NoHooksPool] })
    class DataModule {}
    @Module({ providers: [Broken] })
    class FeatureModule {}
    @Module({ imports: [JournalModule, DataModule, FeatureModule], providers: [After] })
    class AppModule {}

    const app = await OvenFactory.create(AppModule);
    const error = await app.init().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(LifecycleHookFailedError);
    const failure = error as LifecycleHookFailedError;
    expect(failure.code).toBe('OVEN_ERR_DI_LIFECYCLE_HOOK_FAILED');
    expect(failure.hook).toBe('onModuleInit');
    expect(failure.provider).toBe('Broken');
    expect(failure.moduleChain).toEqual(['AppModule', 'FeatureModule']);
    expect(failure.message).toContain('Broken.onModuleInit() in FeatureModule (AppModule -> FeatureModule) failed: Error: cannot reach the database');
    expect((failure.cause as Error).message).toBe('cannot reach the database');
    // Teardown is in reverse order: NoHooksPool is listed after Before in DataModule.
    expect(journal).toEqual(['init Before', 'destroy Before', 'before Before -', 'shutdown NoHooksPool', 'shutdown Before -']);
    await app.close();
    expect(journal).toHaveLength(5);
    await expect(app.listen()).rejects.toBe(error);
  });

  it('a failing factory stops OvenFactory.create and shuts down what was built', async () => {
    const journal: string[] = [];
    @Injectable()
    class Pool {
      public onApplicationShutdown(): void {
        journal.push('pool closed');
      }
    }
    @Module({
      providers: [
        Pool,
        {
          provide: 'CACHE',
          inject: [Pool],
          useFactory: async () => {
            throw new Error('redis refused');
          },
        },
      ],
    })
    class AppModule {}
    await expect(OvenFactory.create(AppModule)).rejects.toMatchObject({ code: 'OVEN_ERR_DI_FACTORY_FAILED' });
    expect(journal).toEqual(['pool closed']);
  });

  it('close() resolves only after every async shutdown hook resolved, and reports failing hooks after running the rest', async () => {
    const journal: string[] = [];
    @Injectable()
    class Slow implements OnApplicationShutdown {
      public async onApplicationShutdown(): Promise<void> {
        await new Promise((resolve) => setTimeout(resolve, 20));
        journal.push('slow done');
      }
    }
    @Injectable()
    class Faulty implements OnModuleDestroy {
      public onModuleDestroy(): void {
        throw new Error('socket already closed');
      }
    }
    @Module({ providers: [Slow, Faulty] })
    class AppModule {}
    const app = await OvenFactory.create(AppModule);
    await app.init();
    const error = await app.close().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(journal).toEqual(['slow done']);
    expect(error).toBeInstanceOf(ShutdownFailedError);
    expect((error as ShutdownFailedError).errors).toHaveLength(1);
    expect((error as ShutdownFailedError).message).toContain('Faulty.onModuleDestroy() in AppModule');
  });

  it('calls lifecycle hooks on factory-made singletons and module classes, not on values', async () => {
    const journal: string[] = [];
    @Module({
      providers: [
        { provide: 'made', useFactory: () => ({ onModuleInit: () => journal.push('factory init') }) },
        { provide: 'given', useValue: { onModuleInit: () => journal.push('value init') } },
      ],
    })
    class AppModule implements OnModuleInit {
      public onModuleInit(): void {
        journal.push('module init');
      }
    }
    const app = await OvenFactory.create(AppModule);
    await app.init();
    expect(journal).toEqual(['factory init', 'module init']);
    await app.close();
  });

  it('calls each hook once per object, even when factories expose one object under several tokens', async () => {
    const journal: string[] = [];
    const engine = {
      onModuleInit: () => journal.push('init'),
      onApplicationShutdown: () => journal.push('shutdown'),
    };
    @Module({
      providers: [
        { provide: 'ENGINE', useFactory: () => engine },
        { provide: 'ENGINE_AGAIN', useFactory: (same: object) => same, inject: ['ENGINE'] },
      ],
    })
    class AppModule {}
    const app = await OvenFactory.create(AppModule);
    await app.init();
    await app.close();
    expect(journal).toEqual(['init', 'shutdown']);
  });

  it('a failing onApplicationListen (a login that fails) tears down and names the hook', async () => {
    const journal: string[] = [];
    @Injectable()
    class Client implements OnApplicationListen, OnApplicationShutdown {
      public onApplicationListen(): Promise<void> {
        return Promise.reject(new Error('401: invalid token'));
      }
      public onApplicationShutdown(): void {
        journal.push('client destroyed');
      }
    }
    @Module({ providers: [Client] })
    class ClientModule {}
    const app = await OvenFactory.create(ClientModule);
    await expect(app.listen()).rejects.toMatchObject({ hook: 'onApplicationListen', provider: 'Client' });
    expect(journal).toEqual(['client destroyed']);
  });

  it('close() during a slow init() waits for it, then tears everything down', async () => {
    const journal: string[] = [];
    @Injectable()
    class SlowStart implements OnModuleInit, OnModuleDestroy {
      public async onModuleInit(): Promise<void> {
        await new Promise((resolve) => setTimeout(resolve, 10));
        journal.push('started');
      }
      public onModuleDestroy(): void {
        journal.push('stopped');
      }
    }
    @Module({ providers: [SlowStart] })
    class AppModule {}
    const app = await OvenFactory.create(AppModule);
    const starting = app.init();
    await app.close();
    await starting;
    expect(journal).toEqual(['started', 'stopped']);
  });

  it('refuses to start again after close()', async () => {
    @Module({})
    class AppModule {}
    const app = await OvenFactory.create(AppModule);
    await app.close();
    await expect(app.init()).rejects.toThrow(ApplicationClosedError);
    await expect(app.listen()).rejects.toThrow('listen() was called on the application of AppModule after close()');
  });

  it('close() during listen() waits for the listen hooks, then shuts down', async () => {
    const journal: string[] = [];
    @Injectable()
    class Client implements OnApplicationListen, OnApplicationShutdown {
      public async onApplicationListen(): Promise<void> {
        await new Promise((resolve) => setTimeout(resolve, 5));
        journal.push('logged in');
      }
      public onApplicationShutdown(): void {
        journal.push('logged out');
      }
    }
    @Module({ providers: [Client] })
    class AppModule {}
    const app = await OvenFactory.create(AppModule);
    const listening = app.listen();
    await app.close();
    await listening;
    expect(journal).toEqual(['logged in', 'logged out']);
  });
  it('quotes a failing hook\'s error once, without doubling its full stop', async () => {
    @Injectable()
    class Store implements OnModuleInit {
      public onModuleInit(): void {
        throw new Error('The pool was used after close().');
      }
    }
    @Module({ providers: [Store] })
    class AppModule {}
    const app = await OvenFactory.create(AppModule);
    const error = await app.init().catch((caught: unknown) => caught);
    expect((error as Error).message).toContain('failed: Error: The pool was used after close().\n');
    expect((error as Error).message).not.toContain('..');
  });

  it('does not start when listen() is called while close() (say after a SIGTERM) is under way', async () => {
    const journal: string[] = [];
    @Injectable()
    class Client implements OnModuleInit, OnApplicationListen, OnApplicationShutdown {
      public onModuleInit(): void {
        journal.push('init');
      }
      public onApplicationListen(): void {
        journal.push('logged in');
      }
      public onApplicationShutdown(): void {
        journal.push('logged out');
      }
    }
    @Module({ providers: [Client] })
    class AppModule {}
    const app = await OvenFactory.create(AppModule);
    const closing = app.close('SIGTERM');
    // Without the check, the client would log in after the shutdown ran and keep the process alive.
    await expect(app.listen()).rejects.toThrow(ApplicationClosedError);
    await expect(app.init()).rejects.toThrow(ApplicationClosedError);
    await closing;
    expect(journal).toEqual([]);
  });
});
