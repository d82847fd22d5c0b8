import { INJECTABLE_METADATA } from '../metadata-keys';
import type { Scope } from '../scope';

/** Options of `@Injectable(...)`. */
export interface InjectableOptions {
  /** @defaultValue `'singleton'` */
  scope?: Scope;
}

/**
 * Marks a class as constructible by the container. Every class listed as a provider needs it,
 * even one without constructor parameters, so a forgotten decorator is reported at start-up.
 *
 * @example
 * ```ts
 * @Injectable()
 * export class GreetingService {
 *   constructor(private readonly config: ConfigService) {}
 * }
 *
 * @Injectable({ scope: 'event' })
 * export class CurrentInteraction {}
 * ```
 */
export function Injectable(options: InjectableOptions = {}): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(INJECTABLE_METADATA, options, target);
  };
}

/** The options given to `@Injectable`, or `undefined` when the class does not carry it. */
export function getInjectableOptions(target: object): InjectableOptions | undefined {
  return Reflect.getOwnMetadata(INJECTABLE_METADATA, target) as InjectableOptions | undefined;
}
