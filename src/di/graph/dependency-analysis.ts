import { InvalidModuleError } from '../errors/invalid-module.error';
import { ProviderCycleError } from '../errors/provider-cycle.error';
import { tokenName } from '../token';
import type { ModuleNode } from './module-node';
import type { ProviderRecord } from './provider-record';

/** The orders the application runs in, computed once after linking. */
export interface GraphOrder {
  /** Singletons, each after everything it depends on: the order they are built (and awaited) in. */
  readonly instantiation: readonly ProviderRecord[];
  /**
   * Global modules (after the modules they import) first, then deepest imports first, the root
   * last. Teardown is the reverse.
   */
  readonly modules: readonly ModuleNode[];
}

/**
 * Rejects provider dependency cycles (printing the cycle), raises the scope of anything that
 * depends on a per-event provider to `'event'`, and computes dependency levels, the instantiation
 * order and the module order for lifecycle hooks.
 */
export function analyseGraph(root: ModuleNode, modules: readonly ModuleNode[]): GraphOrder {
  const instantiation: ProviderRecord[] = [];
  const state = new Map<ProviderRecord, 'visiting' | 'done'>();
  const path: ProviderRecord[] = [];

  const visit = (record: ProviderRecord): void => {
    const seen = state.get(record);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      const cycle = [...path.slice(path.indexOf(record)), record].map(describe);
      throw new ProviderCycleError(record.module.chain, tokenName(record.token), cycle);
    }
    state.set(record, 'visiting');
    path.push(record);
    let level = 0;
    for (const dep of record.deps) {
      const target = dep.target;
      if (target === undefined) continue;
      visit(target);
      level = Math.max(level, target.level + 1);
      // A singleton holding a per-event instance would keep the first event's instance forever.
      if (target.scope === 'event' && record.scope === 'singleton' && record.kind !== 'value') record.scope = 'event';
      if (record.kind === 'existing') record.scope = target.scope;
    }
    if (record.kind === 'module' && record.scope === 'event') {
      const perEvent = record.deps.find((dep) => dep.target?.scope === 'event');
      throw new InvalidModuleError(
        record.module.chain,
        `the module class ${record.module.name} injects ${tokenName(perEvent?.token ?? record.token)}, which is per event; a module class lives as long as the application.`,
        `inject ModuleRef in the module class and call moduleRef.resolve(${tokenName(perEvent?.token ?? record.token)}) when an event is handled, or inject it in a provider instead.`,
      );
    }
    record.level = level;
    path.pop();
    state.set(record, 'done');
    if (record.scope === 'singleton' && record.kind !== 'builtin' && record.kind !== 'existing') instantiation.push(record);
  };

  for (const node of modules) {
    for (const record of node.providers.values()) visit(record);
    visit(node.moduleRecord);
  }
  return { instantiation, modules: orderModules(root, modules) };
}

function describe(record: ProviderRecord): string {
  return `${tokenName(record.token)} (${record.module.name})`;
}

// Longest import path from the root, ignoring edges back into the current path (forwardRef cycles).
function orderModules(root: ModuleNode, modules: readonly ModuleNode[]): ModuleNode[] {
  const postOrder: ModuleNode[] = [];
  const onPath = new Set<ModuleNode>();
  const done = new Set<ModuleNode>();
  const forwardEdges = new Map<ModuleNode, ModuleNode[]>();
  const walk = (node: ModuleNode): void => {
    done.add(node);
    onPath.add(node);
    const next: ModuleNode[] = [];
    for (const edge of node.imports) {
      if (onPath.has(edge.target)) continue;
      next.push(edge.target);
      if (!done.has(edge.target)) walk(edge.target);
    }
    forwardEdges.set(node, next);
    onPath.delete(node);
    postOrder.push(node);
  };
  walk(root);
  const topological = postOrder.reverse();
  for (const node of topological) {
    for (const target of forwardEdges.get(node) ?? []) target.distance = Math.max(target.distance, node.distance + 1);
  }
  const position = new Map(modules.map((node, index) => [node, index] as const));
  const byDepth = (a: ModuleNode, b: ModuleNode): number =>
    b.distance - a.distance || (position.get(a) ?? 0) - (position.get(b) ?? 0);
  // Globals come first, but not before what they import themselves (a forRootAsync's ConfigModule):
  // a module's imports are always initialised before it.
  const early = new Set<ModuleNode>();
  const reach = (node: ModuleNode): void => {
    if (node === root || early.has(node)) return;
    early.add(node);
    for (const edge of node.imports) reach(edge.target);
  };
  for (const node of modules) if (node.global) reach(node);
  const first = modules.filter((node) => early.has(node)).sort(byDepth);
  const others = modules.filter((node) => !early.has(node) && node !== root).sort(byDepth);
  return [...first, ...others, root];
}
