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

/**
 * Makes a class decorator whose uses `DiscoveryService` can list with their metadata. This is how
 * `@Plugin`, `@Middleware` and similar decorators are built.
 *
 * @example
 * ```ts
 * export const Plugin = createClassDecorator<{ name: string }>('Plugin');
 *
 * @Plugin({ name: 'stats' })
 * @Injectable()
 * export class StatsPlugin {}
 *
 * // at bootstrap
 * for (const found of app.get(DiscoveryService).getProviders(Plugin)) console.log(found.metadata.name);
 * ```
 */
export function createClassDecorator<M = undefined>(name = 'ClassDecorator'): DiscoverableClassDecorator<M> {
  const key = Symbol(`oven:${name}`);
  const classes = new Set<object>();
  const decorator = (...args: DecoratorArgs<M>): ClassDecorator => {
    const metadata = args[0] as M;
    return (target) => {
      Reflect.defineMetadata(key, metadata, target);
      classes.add(target);
    };
  };
  return Object.assign(decorator, {
    key,
    decoratorName: name,
    classes,
    get: (target: object): M | undefined => Reflect.getOwnMetadata(key, target) as M | undefined,
  });
}
