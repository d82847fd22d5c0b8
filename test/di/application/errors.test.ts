import {
  DiError,
  DuplicateProviderError,
  FactoryFailedError,
  Inject,
  Injectable,
  InvalidModuleError,
  Module,
  ModuleCycleError,
  NotInjectableError,
  OvenFactory,
  ProviderConstructionFailedError,
  ProviderCycleError,
  ProviderNotExportedError,
  UnknownDependencyError,
  UnknownProviderError,
  UnresolvableParameterError,
  type ModuleImport,
  type Type,
} from '../../../src/di';
import { OvenError } from '../../../src/errors';
import { Scheduler } from '../fixtures/type-only-consumer';
import { Clock } from '../fixtures/type-only-dependency';

async function failure(root: Type): Promise<DiError> {
  const error = await OvenFactory.create(root).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof DiError)) throw new Error(`expected a DiError, got ${String(error)}`);
  expect(error).toBeInstanceOf(OvenError);
  return error;
}

@Injectable()
class Logger {}

@Module({})
class FeatureModule {}

describe('DI errors', () => {
  it('missing provider: names module chain, the dependency with ? at its index, and the fix', async () => {
    @Injectable()
    class Greeter {
      public constructor(public readonly logger: Logger, @Inject('PREFIX') public readonly prefix: string) {}
    }
    @Module({ providers: [Greeter, Logger] })
    class GreetingModule {}
    @Module({ imports: [GreetingModule] })
    class AppModule {}

    const error = await failure(AppModule);
    expect(error).toBeInstanceOf(UnknownDependencyError);
    expect(error.code).toBe('OVEN_ERR_DI_UNKNOWN_DEPENDENCY');
    expect(error.moduleChain).toEqual(['AppModule', 'GreetingModule']);
    expect(error.token).toBe('"PREFIX"');
    expect(error.message).toContain('Cannot build Greeter in GreetingModule (AppModule -> GreetingModule)');
    expect(error.message).toContain('"PREFIX" at index [1] of Greeter(Logger, ?)');
    expect(error.message).toContain(`Fix: add a provider for "PREFIX" to GreetingModule's providers`);
  });

  it('missing provider that another, unimported module has: says which module to import', async () => {
    @Module({ providers: [Logger], exports: [Logger] })
    class LoggerModule {}
    @Injectable()
    class Feature {
      public constructor(public readonly logger: Logger) {}
    }
    @Module({ providers: [Feature] })
    class FeatureModule {}
    @Module({ imports: [LoggerModule, FeatureModule] })
    class AppModule {}
    const error = await failure(AppModule);
    expect(error).toBeInstanceOf(UnknownDependencyError);
    expect(error.message).toContain('Logger is provided by LoggerModule (AppModule -> LoggerModule), which FeatureModule does not import');
  });

  it('provider not exported: names the owning module and says to export it', async () => {
    @Module({ providers: [Logger] })
    class LoggerModule {}
    @Injectable()
    class Feature {
      public constructor(public readonly logger: Logger) {}
    }
    @Module({ imports: [LoggerModule], providers: [Feature] })
    class AppModule {}
    const error = await failure(AppModule);
    expect(error).toBeInstanceOf(ProviderNotExportedError);
    expect(error.code).toBe('OVEN_ERR_DI_PROVIDER_NOT_EXPORTED');
    expect((error as ProviderNotExportedError).ownerModule).toBe('LoggerModule');
    expect(error.message).toContain('provided by the imported LoggerModule, which does not export it');
    expect(error.message).toContain("Fix: add Logger to LoggerModule's exports");
  });

  it('unintended module import cycle: prints the cycle and suggests forwardRef', async () => {
    // The metadata objects are filled after the classes exist, as two files importing each other would.
    const aImports: ModuleImport[] = [];
    const bImports: ModuleImport[] = [];
    @Module({ imports: aImports })
    class AModule {}
    @Module({ imports: bImports })
    class BModule {}
    @Module({ imports: [BModule] })
    class CModule {}
    aImports.push(CModule);
    bImports.push(AModule);
    @Module({ imports: [AModule] })
    class AppModule {}
    const error = await failure(AppModule);
    expect(error).toBeInstanceOf(ModuleCycleError);
    expect(error.code).toBe('OVEN_ERR_DI_MODULE_CYCLE');
    expect((error as ModuleCycleError).cycle).toEqual(['AModule', 'CModule', 'BModule', 'AModule']);
    expect(error.message).toContain('Module import cycle: AModule -> CModule -> BModule -> AModule');
    expect(error.message).toContain("forwardRef(() => AModule) in BModule's imports");
  });

  it('dependency cycle between providers: prints it with the modules', async () => {
    @Injectable()
    class Ping {
      public constructor(@Inject('PONG') public readonly pong: unknown) {}
    }
    @Injectable()
    class Pong {
      public constructor(public readonly ping: Ping) {}
    }
    @Module({ providers: [Ping, { provide: 'PONG', useClass: Pong }] })
    class AppModule {}
    const error = await failure(AppModule);
    expect(error).toBeInstanceOf(ProviderCycleError);
    expect(error.code).toBe('OVEN_ERR_DI_PROVIDER_CYCLE');
    expect(error.message).toContain('Provider dependency cycle: Ping (AppModule) -> "PONG" (AppModule) -> Ping (AppModule)');
  });

  it('class used as a provider without @Injectable', async () => {
    class Plain {}
    @Module({ providers: [Plain] })
    class AppModule {}
    const error = await failure(AppModule);
    expect(error).toBeInstanceOf(NotInjectableError);
    expect(error.code).toBe('OVEN_ERR_DI_NOT_INJECTABLE');
    expect(error.message).toContain('Plain is listed as a provider in AppModule (AppModule) but is not decorated with @Injectable()');
  });

  it('a factory that rejects: wraps the cause and names the token and module', async () => {
    const cause = new Error('invalid token');
    @Module({ providers: [{ provide: 'REST', useFactory: async () => Promise.reject(cause) }] })
    class RestModule {}
    @Module({ imports: [RestModule] })
    class AppModule {}
    const error = await failure(AppModule);
    expect(error).toBeInstanceOf(FactoryFailedError);
    expect(error.code).toBe('OVEN_ERR_DI_FACTORY_FAILED');
    expect(error.cause).toBe(cause);
    expect(error.message).toContain('The factory for "REST" in RestModule (AppModule -> RestModule) failed: Error: invalid token');
  });

  it('a factory that throws synchronously, and a constructor that throws', async () => {
    @Module({ providers: [{ provide: 'SYNC', useFactory: () => { throw new TypeError('bad'); } }] })
    class SyncModule {}
    expect(await failure(SyncModule)).toBeInstanceOf(FactoryFailedError);

    @Injectable()
    class Exploding {
      public constructor() {
        throw new RangeError('boom');
      }
    }
    @Module({ providers: [Exploding] })
    class CtorModule {}
    const error = await failure(CtorModule);
    expect(error).toBeInstanceOf(ProviderConstructionFailedError);
    expect(error.code).toBe('OVEN_ERR_DI_PROVIDER_CONSTRUCTION_FAILED');
    expect(error.message).toContain('The constructor of Exploding in CtorModule (CtorModule) threw: RangeError: boom');
  });

  it('duplicate token in one module', async () => {
    @Module({ providers: [Logger, { provide: 'X', useValue: 1 }, { provide: Logger, useValue: {} }] })
    class AppModule {}
    const error = await failure(AppModule);
    expect(error).toBeInstanceOf(DuplicateProviderError);
    expect(error.code).toBe('OVEN_ERR_DI_DUPLICATE_PROVIDER');
    expect(error.message).toContain('AppModule (AppModule) provides Logger twice: providers[0] and providers[2]');
  });

  it.each<[string, object, string, string]>([
    ['an unknown key', { provider: [Logger] }, 'unknown key "provider"', 'did you mean "providers"?'],
    ['a non-array list', { imports: Logger }, '"imports" set to the function Logger', 'make imports an array'],
    ['a non-boolean global', { global: 'yes' }, '"global" set to the string "yes"', 'set global to true or false'],
    ['a class that is not a module in imports', { imports: [Logger] }, 'imports[0] of AppModule is the class Logger, which has no @Module() decorator', 'list it in providers instead of imports'],
    ['an undefined import', { imports: [undefined] }, 'imports[0] of AppModule is undefined', 'forwardRef(() => TheModule)'],
    ['a number in providers', { providers: [42] }, 'providers[0] is number 42, which is not a provider', '@Injectable()'],
    ['a provider with two forms', { providers: [{ provide: 'A', useValue: 1, useFactory: () => 2 }] }, 'must have exactly one of useClass, useValue, useFactory, useExisting; it has useValue, useFactory', 'keep exactly one'],
    ['a provider without provide', { providers: [{ useValue: 1 }] }, 'providers[0] has no valid "provide" token', 'set provide to'],
    ['an invalid scope', { providers: [{ provide: 'A', useClass: Logger, scope: 'request' }] }, 'has scope the string "request"', "'singleton', 'transient', 'event'"],
    ['a module in providers', { providers: [FeatureModule] }, 'providers[0] is the module FeatureModule', 'list FeatureModule in imports instead of providers'],
    ['a useClass that is not a class', { providers: [{ provide: 'A', useClass: 'Logger' }] }, 'has a useClass that is the string "Logger"', 'set useClass to a class'],
    ['a factory whose inject is not an array', { providers: [{ provide: 'A', useFactory: (): number => 1, inject: Logger }] }, 'has an inject that is not an array', 'inject: [ConfigService]'],
    ['an undefined factory dependency', { providers: [{ provide: 'A', useFactory: (): number => 1, inject: [undefined] }] }, 'inject[0] of the factory for "A" is undefined', 'forwardRef(() => TheClass)'],
    ['an export of a module it does not import', { exports: [FeatureModule] }, 'exports[0] is the module FeatureModule, which AppModule does not import', "add FeatureModule to AppModule's imports"],
    ['an export it does not provide', { exports: [Logger] }, 'exports[0] is Logger, which AppModule neither provides nor imports', "add it to AppModule's providers"],
  ])('invalid @Module metadata: %s', async (_label, metadata, problem, fix) => {
    @Module(metadata as never)
    class AppModule {}
    const error = await failure(AppModule);
    expect(error).toBeInstanceOf(InvalidModuleError);
    expect(error.code).toBe('OVEN_ERR_DI_INVALID_MODULE');
    expect(error.message).toContain('Invalid module metadata in AppModule');
    expect(error.message).toContain(problem);
    expect(error.message).toContain(fix);
  });

  it('an imported promise of a dynamic module that rejects', async () => {
    const cause = new Error('secrets store unreachable');
    const rejected = Promise.reject(cause);
    rejected.catch(() => undefined);
    @Module({ imports: [rejected] })
    class AppModule {}
    const error = await failure(AppModule);
    expect(error).toBeInstanceOf(InvalidModuleError);
    expect(error.cause).toBe(cause);
    expect(error.message).toContain('imports[0] of AppModule is a promise of a dynamic module that rejected: Error: secrets store unreachable');
  });

  it('a module class that injects a per-event provider', async () => {
    @Injectable({ scope: 'event' })
    class CurrentInteraction {}
    @Module({ providers: [CurrentInteraction] })
    class AppModule {
      public constructor(public readonly current: CurrentInteraction) {}
    }
    const error = await failure(AppModule);
    expect(error).toBeInstanceOf(InvalidModuleError);
    expect(error.message).toContain('the module class AppModule injects CurrentInteraction, which is per event');
    expect(error.message).toContain('moduleRef.resolve(CurrentInteraction)');
  });

  it('a class imported with "import type": names the parameter index and the hint', async () => {
    @Module({ providers: [Scheduler, Clock] })
    class AppModule {}
    const error = await failure(AppModule);
    expect(error).toBeInstanceOf(UnresolvableParameterError);
    expect(error.code).toBe('OVEN_ERR_DI_UNRESOLVABLE_PARAMETER');
    expect((error as UnresolvableParameterError).index).toBe(0);
    expect(error.message).toContain('parameter [0] of Scheduler in AppModule');
    expect(error.message).toContain('"import type"');
  });

  it('a class compiled without decorator metadata: says to enable emitDecoratorMetadata', async () => {
    // What a compiler that drops design:paramtypes (esbuild, tsx) produces: a decorated class with no parameter types.
    const Bare = class {
      public constructor(public readonly logger: unknown) {}
    };
    Object.defineProperty(Bare, 'name', { value: 'Bare' });
    Injectable()(Bare);
    @Module({ providers: [Bare, Logger] })
    class AppModule {}
    const error = await failure(AppModule);
    expect(error).toBeInstanceOf(UnresolvableParameterError);
    expect(error.message).toContain('parameter [0] of Bare in AppModule');
    expect(error.message).toContain('enable "emitDecoratorMetadata"');
  });

  it('app.get of a token nobody provides', async () => {
    @Module({})
    class AppModule {}
    const app = await OvenFactory.create(AppModule);
    expect(() => app.get('NOPE')).toThrow(UnknownProviderError);
    expect(() => app.get('NOPE')).toThrow(/No module of the application rooted at AppModule provides "NOPE"/);
    await app.close();
  });
});
