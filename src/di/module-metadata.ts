import type { ForwardReference } from './forward-ref';
import type { Provider } from './provider';
import type { Token, Type } from './token';

/**
 * A module configured at import time, returned by `static forRoot(...)` and friends. Its fields
 * are merged with the ones in the class's own `@Module(...)`.
 *
 * @example
 * ```ts
 * @Module({})
 * export class ConfigModule {
 *   static forRoot(options: ConfigOptions): DynamicModule {
 *     return { module: ConfigModule, providers: [{ provide: CONFIG_OPTIONS, useValue: options }, ConfigService], exports: [ConfigService] };
 *   }
 * }
 * ```
 */
export interface DynamicModule extends ModuleMetadata {
  module: Type;
}

/** What `imports` may list. */
export type ModuleImport =
  | Type
  | DynamicModule
  | Promise<DynamicModule>
  | ForwardReference<Type | DynamicModule>;

/** What `exports` may list: provider tokens, or imported modules to re-export. */
export type ModuleExport = Token | DynamicModule;

/** The argument of `@Module(...)`. */
export interface ModuleMetadata {
  imports?: ModuleImport[];
  providers?: Provider[];
  exports?: ModuleExport[];
  /** Export to every module without importing (same as `@Global()`). */
  global?: boolean;
}

/**
 * The conventional argument of `forRootAsync(...)`: options computed by a factory that may inject
 * providers exported by `imports`.
 *
 * @example
 * ```ts
 * static forRootAsync(options: AsyncModuleOptions<ConfigOptions>): DynamicModule {
 *   return {
 *     module: ConfigModule,
 *     imports: options.imports ?? [],
 *     providers: [{ provide: CONFIG_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] }, ConfigService],
 *     exports: [ConfigService],
 *   };
 * }
 * ```
 */
export interface AsyncModuleOptions<T> {
  imports?: ModuleImport[];
  useFactory: (...args: never[]) => T | Promise<T>;
  inject?: Token[];
}

export const MODULE_METADATA_KEYS: ReadonlyArray<keyof ModuleMetadata> = [
  'imports',
  'providers',
  'exports',
  'global',
];
