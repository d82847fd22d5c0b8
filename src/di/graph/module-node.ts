import type { Container } from 'inversify';
import type { DynamicModule, ModuleMetadata } from '../module-metadata';
import type { Token, Type } from '../token';
import type { ProviderRecord } from './provider-record';

/** An edge of the import graph; `forward` when written with `forwardRef`, which allows a cycle. */
export interface ImportEdge {
  readonly target: ModuleNode;
  readonly forward: boolean;
}

let nextModuleId = 0;

/** One module instance of the application: a class, or one dynamic module object. */
export class ModuleNode {
  public readonly id = nextModuleId++;
  /** Own providers by token, in declaration order. */
  public readonly providers = new Map<Token, ProviderRecord>();
  public readonly imports: ImportEdge[] = [];
  /** What importers see: token to the record that provides it (possibly in another module). */
  public exported: Map<Token, ProviderRecord> | undefined;
  /** Every token a provider of this module may inject, to the record that provides it. */
  public readonly visible = new Map<Token, ProviderRecord>();
  /** Tokens already bound in `container` (forwarding bindings are made on demand). */
  public readonly bound = new Set<Token>();
  /** Longest import path from the root: deeper modules start first and stop last. */
  public distance = 0;
  public moduleRecord!: ProviderRecord;
  public container!: Container;

  public constructor(
    /** The value found in `imports`: the class, or the dynamic module object. */
    public readonly key: Type | DynamicModule,
    public readonly metatype: Type,
    public readonly metadata: ModuleMetadata,
    /** Module names from the root to this module, along the path that first reached it. */
    public readonly chain: readonly string[],
    public readonly global: boolean,
  ) {}

  public get name(): string {
    return this.metatype.name;
  }
}
