import { getInjectableOptions, Injectable, type InjectableOptions } from '../decorators/injectable.decorator';

/** Arguments of a decorator made by the helpers: the metadata, optional when `M` allows `undefined`. */
export type DecoratorArgs<M> = undefined extends M ? [metadata?: M] : [metadata: M];

/**
 * A class decorator made by `createClassDecorator`, which `DiscoveryService.getProviders` can find.
 * `classes` is the index of decorated classes, so discovery never scans every provider.
 */
export interface DiscoverableClassDecorator<M> {
  (...args: DecoratorArgs<M>): ClassDecorator;
  readonly key: symbol;
  readonly decoratorName: string;
  readonly classes: ReadonlySet<object>;
  /** The metadata on a class, or `undefined` when it does not carry this decorator. */
  get(target: object): M | undefined;
}

/** Options of `createClassDecorator`. */
export interface ClassDecoratorOptions {
  /**
   * Also mark decorated classes `@Injectable(...)` with these options (or the defaults for
   * `true`), so users write `@Plugin(...)` alone. An explicit `@Injectable` on the class wins.
   * @defaultValue `false`
   */
  injectable?: boolean | InjectableOptions;
}

/**
 * Makes a class decorator whose uses `DiscoveryService` can list with their metadata. This is how
 * `@Plugin`, `@Middleware` and similar decorators are built.
 *
 * @example
 * ```ts
 * export const Plugin = createClassDecorator<{ name: string }>('Plugin', { injectable: true });
 *
 * @Plugin({ name: 'stats' })
 * export class StatsPlugin {}
 *
 * // at bootstrap
 * for (const found of app.get(DiscoveryService).getProviders(Plugin)) console.log(found.metadata.name);
 * ```
 */
export function createClassDecorator<M = undefined>(name = 'ClassDecorator', options: ClassDecoratorOptions = {}): DiscoverableClassDecorator<M> {
  const key = Symbol(`oven:${name}`);
  const classes = new Set<object>();
  const injectable = options.injectable === true ? {} : options.injectable === false ? undefined : options.injectable;
  const decorator = (...args: DecoratorArgs<M>): ClassDecorator => {
    const metadata = args[0] as M;
    return (target) => {
      Reflect.defineMetadata(key, metadata, target);
      classes.add(target);
      // Decorators apply bottom-up: an @Injectable below ours already ran (kept), one above runs later (overwrites).
      if (injectable !== undefined && getInjectableOptions(target) === undefined) Injectable(injectable)(target);
    };
  };
  return Object.assign(decorator, {
    key,
    decoratorName: name,
    classes,
    get: (target: object): M | undefined => Reflect.getOwnMetadata(key, target) as M | undefined,
  });
}
