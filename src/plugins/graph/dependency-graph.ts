import semver from 'semver';
import { findCycles } from './find-cycles';

/** A plugin as the dependency graph sees it. */
export interface GraphNode {
  readonly name: string;
  readonly version: string;
  /** Dependency name to the semver range required. */
  readonly dependencies: Readonly<Record<string, string>>;
  /** Names among `dependencies` the plugin can run without. */
  readonly optional: ReadonlySet<string>;
}

/** Why a plugin cannot load, from the graph's point of view. */
export interface GraphFailure {
  readonly kind: 'missing' | 'incompatible' | 'cycle' | 'dependency-failed';
  readonly reason: string;
}

/** The outcome of {@link resolveDependencies}. */
export interface GraphResolution {
  /** Plugins that can load, every one after the plugins it depends on. */
  readonly order: readonly string[];
  readonly failures: ReadonlyMap<string, GraphFailure>;
  /** Optional dependencies that are missing or of the wrong version: not fatal, but worth telling. */
  readonly warnings: readonly string[];
  /** Each cycle as a path that returns to its start, e.g. `['a', 'b', 'a']`. */
  readonly cycles: readonly (readonly string[])[];
}

function satisfies(version: string, range: string): boolean {
  return semver.satisfies(version, range, { includePrerelease: true });
}

/**
 * Orders plugins so each loads after its dependencies, and says which cannot load and why:
 * a missing or semver-incompatible required dependency, a cycle (printed as `a -> b -> c -> a`),
 * or a dependency that itself cannot load. An optional dependency that is missing or
 * incompatible only produces a warning. `preFailed` are plugins already known to be broken (a bad
 * manifest), so their dependents are blocked too.
 *
 * @example
 * ```ts
 * const { order, failures } = resolveDependencies([
 *   { name: 'a', version: '1.0.0', dependencies: { b: '^1' }, optional: new Set() },
 *   { name: 'b', version: '1.2.0', dependencies: {}, optional: new Set() },
 * ]);
 * // order: ['b', 'a']
 * ```
 */
export function resolveDependencies(
  nodes: readonly GraphNode[],
  preFailed: ReadonlyMap<string, string> = new Map(),
): GraphResolution {
  const byName = new Map(nodes.map((node) => [node.name, node]));
  const failures = new Map<string, GraphFailure>();
  const warnings: string[] = [];
  const edges = new Map<string, string[]>();

  for (const node of nodes) {
    const usable: string[] = [];
    const reasons: string[] = [];
    let kind: GraphFailure['kind'] = 'missing';
    for (const [dependency, range] of Object.entries(node.dependencies)) {
      const target = byName.get(dependency);
      const optional = node.optional.has(dependency);
      const broken = preFailed.get(dependency);
      if (broken !== undefined) {
        if (optional) warnings.push(`"${node.name}" can use "${dependency}", which cannot load (optional: loading without it)`);
        else usable.push(dependency);
      } else if (target === undefined) {
        const text = `"${node.name}" needs "${dependency}" ${range}, which is not installed`;
        if (optional) warnings.push(`${text} (optional: loading without it)`);
        else reasons.push(text);
      } else if (!satisfies(target.version, range)) {
        const text = `"${node.name}" needs "${dependency}" ${range}, but ${target.version} is installed`;
        if (optional) warnings.push(`${text} (optional: loading without it)`);
        else {
          reasons.push(text);
          if (reasons.length === 1) kind = 'incompatible';
        }
      } else {
        usable.push(dependency);
      }
    }
    edges.set(node.name, usable);
    if (reasons.length > 0) failures.set(node.name, { kind, reason: reasons.join('; ') });
  }

  const cycles = findCycles([...byName.keys()].sort(), (name) => edges.get(name) ?? []);
  for (const cycle of cycles) {
    const text = `dependency cycle: ${cycle.join(' -> ')}`;
    for (const name of new Set(cycle)) {
      const previous = failures.get(name);
      failures.set(name, { kind: 'cycle', reason: previous === undefined ? text : `${previous.reason}; ${text}` });
    }
  }

  // A plugin whose dependency cannot load cannot load either; optional edges whose target fails
  // are dropped instead, which is the point of declaring them optional.
  const blockedBy = (name: string): string | undefined => {
    for (const dependency of edges.get(name) ?? []) {
      const reason = preFailed.get(dependency) ?? failures.get(dependency)?.reason;
      if (reason !== undefined && !byName.get(name)?.optional.has(dependency)) return dependency;
    }
    return undefined;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (const name of byName.keys()) {
      if (failures.has(name) || preFailed.has(name)) continue;
      const dependency = blockedBy(name);
      if (dependency !== undefined) {
        failures.set(name, { kind: 'dependency-failed', reason: `depends on "${dependency}", which cannot load` });
        changed = true;
      }
    }
  }

  const loadable = [...byName.keys()].filter((name) => !failures.has(name) && !preFailed.has(name)).sort();
  const order = topologicalOrder(loadable, (name) =>
    (edges.get(name) ?? []).filter((dependency) => loadable.includes(dependency)),
  );
  return { order, failures, warnings, cycles };
}

/** Kahn's algorithm with a sorted ready list, so the same plugins always load in the same order. */
function topologicalOrder(names: readonly string[], dependenciesOf: (name: string) => readonly string[]): string[] {
  const remaining = new Map(names.map((name) => [name, new Set(dependenciesOf(name))]));
  const order: string[] = [];
  while (remaining.size > 0) {
    const ready = [...remaining].filter(([, deps]) => deps.size === 0).map(([name]) => name).sort();
    // Cycles were removed above, so something is always ready.
    for (const name of ready) {
      remaining.delete(name);
      order.push(name);
      for (const deps of remaining.values()) deps.delete(name);
    }
    if (ready.length === 0) break;
  }
  return order;
}

/**
 * Every node after the dependencies of it that exist, whether or not they can load: the order to
 * stop plugins in (backwards), including those that came up later through a reload. Members of a
 * cycle, which have no such order, follow in name order.
 */
export function loadOrderOf(nodes: readonly GraphNode[]): string[] {
  const byName = new Map(nodes.map((node) => [node.name, node]));
  const names = [...byName.keys()].sort();
  const order = topologicalOrder(names, (name) => Object.keys(byName.get(name)?.dependencies ?? {}).filter((d) => d !== name && byName.has(d)));
  return [...order, ...names.filter((name) => !order.includes(name))];
}

/**
 * Every plugin that needs `name` (required dependencies, transitively), nearest first: the ones
 * to disable when `name` fails or is disabled.
 */
export function dependentsOf(name: string, nodes: readonly GraphNode[]): string[] {
  const result: string[] = [];
  const queue = [name];
  while (queue.length > 0) {
    const current = queue.shift() as string;
    for (const node of nodes) {
      if (result.includes(node.name) || node.name === name) continue;
      if (current in node.dependencies && !node.optional.has(current)) {
        result.push(node.name);
        queue.push(node.name);
      }
    }
  }
  return result;
}
