import { GLOBAL_MODULE, MODULE_METADATA } from '../metadata-keys';
import type { ModuleMetadata } from '../module-metadata';

/**
 * Declares a module: the providers it owns, the modules it imports and what it exports.
 * The metadata is checked when the application is compiled, so a mistake is reported with the
 * chain of modules that led to it.
 *
 * @example
 * ```ts
 * @Module({ imports: [ConfigModule], providers: [GreetingService], exports: [GreetingService] })
 * export class GreetingModule {}
 * ```
 */
export function Module(metadata: ModuleMetadata): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(MODULE_METADATA, metadata, target);
    if (metadata.global === true) Reflect.defineMetadata(GLOBAL_MODULE, true, target);
  };
}

/** Reads a class's `@Module` metadata, or `undefined` when the class is not a module. */
export function getModuleMetadata(target: object): ModuleMetadata | undefined {
  return Reflect.getOwnMetadata(MODULE_METADATA, target) as ModuleMetadata | undefined;
}
