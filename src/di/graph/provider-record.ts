import type { Container } from 'inversify';
import type { Scope } from '../scope';
import type { Token, Type } from '../token';
import type { ModuleNode } from './module-node';

/**
 * - `class`, `value`, `factory`, `existing`: the provider forms users write.
 * - `module`: the module class itself (it can inject and have lifecycle hooks).
 * - `builtin`: tokens every module sees (`EVENT_CONTEXT`, `DiscoveryService`, `ModuleRef`).
 */
export type ProviderKind = 'class' | 'value' | 'factory' | 'existing' | 'module' | 'builtin';

/** One constructor parameter or factory argument, and the provider that satisfies it once linked. */
export interface Dependency {
  readonly token: Token;
  readonly optional: boolean;
  /** Constructor parameter or factory argument position; -1 for a property. */
  readonly index: number;
  /** Set for an `@Inject` property, filled after construction. */
  readonly property?: string | symbol;
  target: ProviderRecord | undefined;
}

/** Where a dependency goes, as printed in messages: `index [1]` or `property "logger"`. */
export function dependencySlot(dep: Dependency): string {
  return dep.property === undefined ? `index [${dep.index}]` : `property "${String(dep.property)}"`;
}

let nextRecordId = 0;

/** A provider as compiled from the module metadata: what it is, where, and what it needs. */
export class ProviderRecord {
  /** Unique across applications: keys per-event instances in `EventScope`. */
  public readonly id = nextRecordId++;
  /** Effective scope: `declaredScope`, raised to `'event'` when a dependency is per event. */
  public scope: Scope;
  /** 0 without dependencies, otherwise one more than its deepest dependency: orders lifecycle hooks. */
  public level = 0;
  public instance: unknown = undefined;
  public instantiated = false;

  public constructor(
    public readonly module: ModuleNode,
    public readonly token: Token,
    public readonly kind: ProviderKind,
    public readonly declaredScope: Scope,
    public readonly deps: Dependency[],
    /** Position in the module's `providers`, or -1 for the module class and built-ins. */
    public readonly index: number,
    public readonly source: {
      metatype?: Type;
      value?: unknown;
      factory?: (...args: unknown[]) => unknown;
      existing?: Token;
    },
  ) {
    this.scope = declaredScope;
  }

  /** The container that holds this record's own binding. */
  public get container(): Container {
    return this.module.container;
  }
}
