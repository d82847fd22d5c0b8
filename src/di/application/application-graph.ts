import { bindModuleContainer, bindVisibleToken, createModuleContainers, type BuiltinBinding } from '../container/module-container';
import { DiscoveryService } from '../discovery/discovery-service';
import { UnknownProviderError } from '../errors/unknown-provider.error';
import { analyseGraph, type GraphOrder } from '../graph/dependency-analysis';
import { linkModules } from '../graph/module-linker';
import { ModuleNode } from '../graph/module-node';
import { scanModules, type ScanOverrides, type ScannedGraph } from '../graph/module-scanner';
import { ProviderRecord } from '../graph/provider-record';
import type { DynamicModule } from '../module-metadata';
import { EVENT_CONTEXT } from '../scope/event-context';
import { EventScope } from '../scope/event-scope';
import { serviceId, tokenName, type Token, type Type } from '../token';
import { ModuleRef, type ResolveOptions } from './module-ref';

/** The tokens every module sees without importing anything. */
class OvenCoreModule {}

/**
 * The compiled application: module graph, one inversify container per module, built-ins, and
 * lookups by token. `OvenApplication` and `ModuleRef` are views over it.
 */
export class ApplicationGraph {
  public readonly discovery: DiscoveryService;
  public readonly records: readonly ProviderRecord[];
  /** Singleton hook targets: modules in lifecycle order, providers by dependency level, module class last. */
  public readonly hookTargets: readonly ProviderRecord[];

  private readonly moduleRefs = new Map<ModuleNode, ModuleRef>();
  private readonly builtins: ReadonlyMap<ProviderRecord, BuiltinBinding>;

  private constructor(
    public readonly scanned: ScannedGraph,
    public readonly order: GraphOrder,
    builtinRecords: { eventContext: ProviderRecord; discovery: ProviderRecord; moduleRef: ProviderRecord },
  ) {
    this.records = order.modules.flatMap((node) => [...node.providers.values(), node.moduleRecord]);
    this.hookTargets = order.modules.flatMap((node) => [
      ...[...node.providers.values()]
        .filter((record) => record.scope === 'singleton' && (record.kind === 'class' || record.kind === 'factory'))
        .sort((a, b) => a.level - b.level || a.index - b.index),
      node.moduleRecord,
    ]);
    this.discovery = new DiscoveryService({
      records: this.records,
      instanceOf: (record) => record.container.get(serviceId(record.token) as never),
    });
    for (const node of scanned.modules) {
      this.moduleRefs.set(
        node,
        new ModuleRef(node.name, {
          get: (token, strict) => this.get(node, token, strict),
          resolve: (token, strict, options) => this.resolve(node, token, strict, options),
        }),
      );
    }
    const builtins = (this.builtins = new Map<ProviderRecord, BuiltinBinding>([
      [builtinRecords.eventContext, { kind: 'event-context' }],
      [builtinRecords.discovery, { kind: 'value', value: () => this.discovery }],
      [builtinRecords.moduleRef, { kind: 'value', value: (node) => this.moduleRefs.get(node) }],
    ]));
    createModuleContainers(scanned.modules);
    for (const node of scanned.modules) bindModuleContainer(node, builtins);
  }

  /** Scans, validates, links and binds the module graph; builds nothing yet. */
  public static async compile(root: Type | DynamicModule, overrides: ScanOverrides = {}): Promise<ApplicationGraph> {
    const scanned = await scanModules(root, overrides);
    const core = new ModuleNode(OvenCoreModule, OvenCoreModule, {}, ['OvenCoreModule'], true);
    const eventContext = new ProviderRecord(core, EVENT_CONTEXT, 'builtin', 'event', [], -1, {});
    const discovery = new ProviderRecord(core, DiscoveryService, 'builtin', 'singleton', [], -1, {});
    const moduleRef = new ProviderRecord(core, ModuleRef, 'builtin', 'singleton', [], -1, {});
    linkModules(
      scanned,
      new Map<Token, ProviderRecord>([
        [EVENT_CONTEXT, eventContext],
        [DiscoveryService, discovery],
        [ModuleRef, moduleRef],
      ]),
    );
    const order = analyseGraph(scanned.root, scanned.modules);
    return new ApplicationGraph(scanned, order, { eventContext, discovery, moduleRef });
  }

  public get root(): ModuleNode {
    return this.scanned.root;
  }

  /** Resolves `token` as seen from `node` (strict), or from any module (not strict). */
  public get<T>(node: ModuleNode, token: Token<T>, strict: boolean): T {
    if (bindVisibleToken(node, token, this.builtins)) return node.container.get(serviceId(token) as never) as T;
    if (!strict) {
      for (const other of this.order.modules) {
        if (other.providers.has(token)) return other.container.get(serviceId(token) as never) as T;
      }
    }
    throw new UnknownProviderError(node.name, tokenName(token), strict);
  }

  /** Like `get`, inside a fresh event scope when called outside one. */
  public async resolve<T>(node: ModuleNode, token: Token<T>, strict: boolean, options: ResolveOptions): Promise<T> {
    if (EventScope.current() !== undefined) return this.get(node, token, strict);
    return EventScope.run(options.context, () => this.get(node, token, strict));
  }
}
