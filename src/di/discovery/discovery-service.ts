import type { ProviderRecord } from '../graph/provider-record';
import type { Scope } from '../scope';
import type { Token, Type } from '../token';
import type { DiscoverableClassDecorator } from './class-decorator';
import type { DiscoverableMethodDecorator } from './method-decorator';

/** A provider found by `DiscoveryService.getProviders`. */
export interface DiscoveredClass<M, T = unknown> {
  readonly metatype: Type<T>;
  readonly token: Token;
  readonly moduleName: string;
  readonly scope: Scope;
  readonly metadata: M;
  /** The instance for the current event scope (singletons: the one instance; transient: a new one). */
  getInstance(): T;
}

/** A method found by `DiscoveryService.getMethods`. */
export interface DiscoveredMethod<M, T = unknown> extends DiscoveredClass<M, T> {
  readonly methodName: string | symbol;
}

/** What discovery needs from the application: its class providers and how to get an instance. */
export interface DiscoverySource {
  readonly records: readonly ProviderRecord[];
  instanceOf(record: ProviderRecord): unknown;
}

/**
 * Lists the providers and methods that carry a decorator made by `createClassDecorator` or
 * `createMethodDecorator`, with their metadata and owning module. Injectable in every module.
 * Results are computed once per decorator and cached: call it at bootstrap, not per event.
 *
 * @example
 * ```ts
 * @Injectable()
 * export class EventBinder implements OnApplicationBootstrap {
 *   constructor(private readonly discovery: DiscoveryService) {}
 *   onApplicationBootstrap(): void {
 *     for (const handler of this.discovery.getMethods(OnEvent)) bind(handler.metadata.event, handler);
 *   }
 * }
 * ```
 */
export class DiscoveryService {
  readonly #cache = new Map<symbol, readonly unknown[]>();

  public constructor(private readonly source: DiscoverySource) {}

  /** Every provider whose class carries `decorator`, in module order. */
  public getProviders<M, T = unknown>(decorator: DiscoverableClassDecorator<M>): readonly DiscoveredClass<M, T>[] {
    return this.#cached(decorator.key, () =>
      this.#recordsIn(decorator.classes).map((record) => {
        const metatype = record.source.metatype as Type<T>;
        return this.#describe<M, T>(record, metatype, decorator.get(findCarrier(metatype, decorator.classes) ?? metatype) as M);
      }),
    );
  }

  /** Every use of `decorator` on a method of a provider, in module order then declaration order. */
  public getMethods<M, T = unknown>(decorator: DiscoverableMethodDecorator<M>): readonly DiscoveredMethod<M, T>[] {
    return this.#cached(decorator.key, () =>
      this.#recordsIn(decorator.classes).flatMap((record) => {
        const metatype = record.source.metatype as Type<T>;
        return decorator.get(metatype).map((use) => ({
          ...this.#describe<M, T>(record, metatype, use.metadata),
          methodName: use.methodName,
        }));
      }),
    );
  }

  #cached<R>(key: symbol, compute: () => readonly R[]): readonly R[] {
    let found = this.#cache.get(key) as readonly R[] | undefined;
    if (found === undefined) {
      found = Object.freeze(compute());
      this.#cache.set(key, found);
    }
    return found;
  }

  #recordsIn(classes: ReadonlySet<object>): ProviderRecord[] {
    if (classes.size === 0) return [];
    return this.source.records.filter(
      (record) => record.source.metatype !== undefined && findCarrier(record.source.metatype, classes) !== undefined,
    );
  }

  #describe<M, T>(record: ProviderRecord, metatype: Type<T>, metadata: M): DiscoveredClass<M, T> {
    const source = this.source;
    return {
      metatype,
      token: record.token,
      moduleName: record.module.name,
      scope: record.scope,
      metadata,
      getInstance: () => source.instanceOf(record) as T,
    };
  }
}

// The class itself or the nearest ancestor that carries the decorator: subclasses inherit it.
function findCarrier(metatype: object, classes: ReadonlySet<object>): object | undefined {
  let current: unknown = metatype;
  while (typeof current === 'function') {
    if (classes.has(current)) return current;
    current = Object.getPrototypeOf(current);
  }
  return undefined;
}
