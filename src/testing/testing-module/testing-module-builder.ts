import {
  InjectionToken,
  Module,
  type DynamicModule,
  type FactoryDependency,
  type ModuleImport,
  type OvenApplicationOptions,
  type Provider,
  type Token,
  type Type,
} from '../../di';
import { buildGraph } from '../../di/internal';
import { TestingModule } from './testing-module';
import { UnusedOverrideError } from './unused-override.error';

/** The argument of `Test.createTestingModule`: like `@Module`, for the module under test. */
export interface TestingModuleMetadata {
  imports?: ModuleImport[];
  providers?: Provider[];
}

/**
 * How an overridden provider is replaced. Each method returns the builder to keep chaining.
 * Replacements are typed `Partial<T>`: a test double only needs the public members the test uses.
 */
export interface OverrideBy<T> {
  useValue(value: Partial<T>): TestingModuleBuilder;
  useClass(replacement: Type<Partial<T>>): TestingModuleBuilder;
  useFactory(options: { factory: (...args: never[]) => Partial<T> | Promise<Partial<T>>; inject?: FactoryDependency[] }): TestingModuleBuilder;
}

/** What an overridden module is replaced with. */
export interface OverrideModuleWith {
  useModule(replacement: Type | DynamicModule): TestingModuleBuilder;
}

/** The synthetic root the test's imports and providers hang from. */
@Module({})
class TestingRootModule {}

/**
 * Collects overrides, then compiles the module graph with them applied before anything is built,
 * so they reach every module that provides the token, however deep.
 *
 * @example
 * ```ts
 * const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
 *   .overrideProvider(RestClient)
 *   .useValue({ post: async () => ({ id: '1' }) })
 *   .compile();
 * const greetings = moduleRef.get(GreetingService);
 * await moduleRef.close();
 * ```
 */
export class TestingModuleBuilder {
  readonly #providerOverrides = new Map<Token, object>();
  readonly #moduleOverrides = new Map<Type | DynamicModule, Type | DynamicModule>();

  public constructor(
    private readonly metadata: TestingModuleMetadata,
    private readonly options: OvenApplicationOptions = {},
  ) {}

  /**
   * Replaces the provider of `token` in every module that provides it.
   *
   * @example
   * ```ts
   * Test.createTestingModule({ imports: [AppModule] }).overrideProvider(RestClient).useValue(fakeRest);
   * ```
   */
  public overrideProvider<T>(token: Token<T>): OverrideBy<T> {
    return {
      useValue: (value) => this.#override(token, { provide: token, useValue: value }),
      useClass: (replacement) => this.#override(token, { provide: token, useClass: replacement }),
      useFactory: ({ factory, inject }) => this.#override(token, { provide: token, useFactory: factory, inject: inject ?? [] }),
    };
  }

  /**
   * Imports `replacement` wherever `module` (or a dynamic module of that class) is imported.
   *
   * @example
   * ```ts
   * Test.createTestingModule({ imports: [AppModule] }).overrideModule(DatabaseModule).useModule(InMemoryDatabaseModule);
   * ```
   */
  public overrideModule(module: Type | DynamicModule): OverrideModuleWith {
    return {
      useModule: (replacement) => {
        this.#moduleOverrides.set(module, replacement);
        return this;
      },
    };
  }

  /**
   * Builds every singleton and runs `init()` (not `listen()`). Rejects with the same typed errors
   * as `OvenFactory.create`, and with `UnusedOverrideError` when an override matched nothing.
   */
  public async compile(): Promise<TestingModule> {
    const root: DynamicModule = {
      module: TestingRootModule,
      imports: this.metadata.imports ?? [],
      providers: this.metadata.providers ?? [],
    };
    const { graph, lifecycle } = await buildGraph(root, {
      providers: this.#providerOverrides,
      modules: this.#moduleOverrides,
    });
    const scanned = graph.scanned;
    const rootNames = (this.metadata.imports ?? []).map((entry) => describeImport(entry));
    const unusedToken = [...this.#providerOverrides.keys()].find((token) => !scanned.usedProviderOverrides.has(token));
    const unusedModule = [...this.#moduleOverrides.keys()].find((module) => !scanned.usedModuleOverrides.has(module));
    const testingModule = new TestingModule(graph, lifecycle, this.options);
    if (unusedToken !== undefined || unusedModule !== undefined) {
      await testingModule.close();
      throw unusedToken !== undefined
        ? new UnusedOverrideError('provider', describeToken(unusedToken), rootNames)
        : new UnusedOverrideError('module', describeImport(unusedModule), rootNames);
    }
    await testingModule.init();
    return testingModule;
  }

  #override(token: Token, provider: object): this {
    this.#providerOverrides.set(token, provider);
    return this;
  }
}

function describeToken(token: Token): string {
  if (typeof token === 'function') return token.name;
  if (token instanceof InjectionToken) return token.description;
  return typeof token === 'string' ? `"${token}"` : token.toString();
}

function describeImport(entry: unknown): string {
  if (typeof entry === 'function') return entry.name;
  if (typeof entry === 'object' && entry !== null && typeof (entry as DynamicModule).module === 'function') return (entry as DynamicModule).module.name;
  return String(entry);
}
