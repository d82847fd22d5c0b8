import { GLOBAL_MODULE } from '../metadata-keys';

/**
 * Makes a module's exports visible in every module of the application without importing it.
 * Use it for cross-cutting things (configuration, the REST client), sparingly.
 *
 * @example
 * ```ts
 * @Global()
 * @Module({ providers: [ConfigService], exports: [ConfigService] })
 * export class ConfigModule {}
 * ```
 */
export function Global(): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(GLOBAL_MODULE, true, target);
  };
}

export function isGlobalModule(target: object): boolean {
  return Reflect.getOwnMetadata(GLOBAL_MODULE, target) === true;
}
