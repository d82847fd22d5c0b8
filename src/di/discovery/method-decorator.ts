import type { DecoratorArgs } from './class-decorator';

/** One use of a method decorator: which method, with what metadata. */
export interface MethodDecoratorUse<M> {
  readonly methodName: string | symbol;
  readonly metadata: M;
}

/**
 * A method decorator made by `createMethodDecorator`, which `DiscoveryService.getMethods` can find.
 */
export interface DiscoverableMethodDecorator<M> {
  (...args: DecoratorArgs<M>): MethodDecorator;
  readonly key: symbol;
  readonly decoratorName: string;
  /** The classes with at least one decorated method. */
  readonly classes: ReadonlySet<object>;
  /** Every use on a class's methods (inherited ones included), in declaration order. */
  get(target: object): readonly MethodDecoratorUse<M>[];
}

/**
 * Makes a method decorator whose uses `DiscoveryService` can list, with the owning provider and
 * its metadata. A method may carry it several times (one entry per use).
 *
 * @example
 * ```ts
 * export const OnEvent = createMethodDecorator<{ event: string }>('OnEvent');
 *
 * @Injectable()
 * export class Greeter {
 *   @OnEvent({ event: 'GUILD_MEMBER_ADD' })
 *   welcome(): void {}
 * }
 *
 * for (const found of discovery.getMethods(OnEvent)) console.log(found.methodName, found.metadata.event);
 * ```
 */
export function createMethodDecorator<M = undefined>(name = 'MethodDecorator'): DiscoverableMethodDecorator<M> {
  const key = Symbol(`oven:${name}`);
  const classes = new Set<object>();
  const decorator = (...args: DecoratorArgs<M>): MethodDecorator => {
    const metadata = args[0] as M;
    return (target, methodName) => {
      const uses = (Reflect.getOwnMetadata(key, target) as MethodDecoratorUse<M>[] | undefined) ?? [];
      // Decorators on one method run bottom-up; prepend so the list reads as written.
      const sameMethod = uses.filter((use) => use.methodName === methodName);
      const others = uses.filter((use) => use.methodName !== methodName);
      Reflect.defineMetadata(key, [...others, { methodName, metadata }, ...sameMethod], target);
      classes.add(target.constructor);
    };
  };
  return Object.assign(decorator, {
    key,
    decoratorName: name,
    classes,
    get: (target: object): readonly MethodDecoratorUse<M>[] => {
      // Walk the prototype chain so a subclass keeps its parents' handlers, parents first; a method
      // the subclass redeclares with the decorator is listed once, with the subclass's uses.
      const chain: object[] = [];
      let prototype: unknown = typeof target === 'function' ? (target as { prototype: object }).prototype : target;
      while (typeof prototype === 'object' && prototype !== null && prototype !== Object.prototype) {
        chain.unshift(prototype);
        prototype = Object.getPrototypeOf(prototype);
      }
      const byMethod = new Map<string | symbol, MethodDecoratorUse<M>[]>();
      for (const level of chain) {
        const uses = (Reflect.getOwnMetadata(key, level) as MethodDecoratorUse<M>[] | undefined) ?? [];
        const redeclared = new Set(uses.map((use) => use.methodName));
        for (const methodName of redeclared) byMethod.delete(methodName);
        for (const use of uses) byMethod.set(use.methodName, [...(byMethod.get(use.methodName) ?? []), use]);
      }
      return [...byMethod.values()].flat();
    },
  });
}
