import { Global, Inject, Injectable, Module, OvenFactory, forwardRef, type Type } from '../../../src/di';

// A module class that journals its own onModuleInit, so the order of modules is observable.
function journaled(journal: string[], name: string, metadata: Parameters<typeof Module>[0]): Type {
  const cls = class {
    public onModuleInit(): void {
      journal.push(name);
    }
  };
  Object.defineProperty(cls, 'name', { value: name });
  Module(metadata)(cls);
  return cls;
}

describe('module order', () => {
  it('uses the longest import path from the root: a module imported at several depths starts at its deepest', async () => {
    const journal: string[] = [];
    const Shared = journaled(journal, 'Shared', {});
    const Deep = journaled(journal, 'Deep', { imports: [Shared] });
    const Middle = journaled(journal, 'Middle', { imports: [Deep] });
    // Root imports Shared directly (distance 1) and through Middle -> Deep (distance 3).
    const Root = journaled(journal, 'Root', { imports: [Shared, Middle] });
    const app = await OvenFactory.create(Root);
    await app.init();
    expect(journal).toEqual(['Shared', 'Deep', 'Middle', 'Root']);
    await app.close();
  });

  it('orders a forwardRef module cycle without looping, and still puts globals first', async () => {
    const journal: string[] = [];
    const refs: { b?: Type } = {};
    const A = journaled(journal, 'A', { imports: [forwardRef(() => refs.b as Type)] });
    refs.b = journaled(journal, 'B', { imports: [A] });
    const Config = journaled(journal, 'Config', {});
    Global()(Config);
    const Root = journaled(journal, 'Root', { imports: [refs.b, Config] });
    const app = await OvenFactory.create(Root);
    await app.init();
    expect(journal).toEqual(['Config', 'A', 'B', 'Root']);
    await app.close();
    expect(journal).toHaveLength(4);
  });

  it('builds a provider after the providers it depends on across modules', async () => {
    const built: string[] = [];
    @Injectable()
    class Leaf {
      public constructor() {
        built.push('Leaf');
      }
    }
    @Injectable()
    class Branch {
      public constructor(@Inject(Leaf) public readonly leaf: object) {
        built.push('Branch');
      }
    }
    @Module({ providers: [Leaf], exports: [Leaf] })
    class LeafModule {}
    // Branch is declared in the root module, which is walked first; Leaf must still be built first.
    @Module({ imports: [LeafModule], providers: [Branch] })
    class AppModule {}
    const app = await OvenFactory.create(AppModule);
    expect(built).toEqual(['Leaf', 'Branch']);
    await app.close();
  });
});

describe('module order with a global module that imports others', () => {
  it('initialises what a global module imports before the global module (forRootAsync({ imports: [ConfigModule] }))', async () => {
    const journal: string[] = [];
    @Injectable()
    class ConfigService {
      public values: Record<string, string> | undefined;
      public onModuleInit(): void {
        this.values = { redisUrl: 'redis://cache' };
        journal.push('init ConfigService');
      }
      public onApplicationShutdown(): void {
        journal.push('shutdown ConfigService');
      }
    }
    @Module({ providers: [ConfigService], exports: [ConfigService] })
    class ConfigModule {}
    @Injectable()
    class CacheService {
      public constructor(@Inject(ConfigService) private readonly config: ConfigService) {}
      public onModuleInit(): void {
        // Reads what ConfigService set up in its own onModuleInit.
        journal.push(`init CacheService with ${this.config.values?.['redisUrl'] ?? 'nothing'}`);
      }
      public onApplicationShutdown(): void {
        journal.push('shutdown CacheService');
      }
    }
    @Module({})
    class CacheModule {
      public static forRootAsync(imports: Type[]) {
        return { module: CacheModule, global: true, imports, providers: [CacheService], exports: [CacheService] };
      }
    }
    const Feature = journaled(journal, 'Feature', {});
    const Root = journaled(journal, 'Root', { imports: [CacheModule.forRootAsync([ConfigModule]), Feature] });
    const app = await OvenFactory.create(Root);
    await app.init();
    expect(journal).toEqual(['init ConfigService', 'init CacheService with redis://cache', 'Feature', 'Root']);
    journal.length = 0;
    await app.close();
    expect(journal).toEqual(['shutdown CacheService', 'shutdown ConfigService']);
  });
});
