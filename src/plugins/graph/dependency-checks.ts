import semver from 'semver';
import type { PluginRecord } from '../plugin-record';
import type { PluginRegistry } from '../plugin-registry';
import { findCycles } from './find-cycles';

/**
 * Why `record` cannot run now: a required dependency that is not in an acceptable status, or
 * whose running version is outside the range (a reload may have moved it since the graph was
 * built). `undefined` when every required dependency is fine.
 */
export function unmetDependency(registry: PluginRegistry, record: PluginRecord, acceptable: readonly string[]): string | undefined {
  for (const [dependency, range] of Object.entries(record.dependencies)) {
    if (record.optional.has(dependency)) continue;
    if (!registry.has(dependency)) return `depends on "${dependency}", which is missing`;
    const target = registry.record(dependency);
    if (!acceptable.includes(target.status)) return `depends on "${dependency}", which is ${target.status}`;
    if (!semver.satisfies(target.version, range, { includePrerelease: true })) {
      return `needs "${dependency}" ${range}, but ${target.version} is running`;
    }
  }
  return undefined;
}

/** The dependency cycle `record`'s dependencies would close among the registered plugins, as a path, or `undefined`. */
export function cycleThrough(registry: PluginRegistry, record: PluginRecord): readonly string[] | undefined {
  const nodes = new Map(registry.all().map((r) => [r.name, r.dependencies]));
  nodes.set(record.name, record.dependencies);
  const cycles = findCycles([...nodes.keys()].sort(), (name) => Object.keys(nodes.get(name) ?? {}).filter((d) => nodes.has(d)));
  return cycles.find((cycle) => cycle.includes(record.name));
}
