import type { DiscoveredPlugin } from '../plugin-discovery';
import { PluginRecord } from '../plugin-record';

/**
 * The registry entry for a plugin discovery found: usable, failed with its manifest problems, or,
 * when `existing` already holds its name, a failed duplicate under its folder (the first found wins).
 */
export function recordOfDiscovered(plugin: DiscoveredPlugin, existing: PluginRecord | undefined): PluginRecord {
  const name = plugin.ok ? plugin.manifest.name : plugin.name;
  const version = plugin.ok ? plugin.manifest.version : plugin.version;
  if (existing !== undefined) {
    const duplicate = new PluginRecord(`${name}@${plugin.candidate.root}`, version, plugin.candidate.source, {}, new Set(), plugin.candidate.root, undefined, undefined);
    duplicate.status = 'failed';
    duplicate.reason = `another plugin named "${name}" is already registered (${existing.root ?? 'in-module @Plugin'}); rename one of them`;
    return duplicate;
  }
  const manifest = plugin.ok ? plugin.manifest : undefined;
  const record = new PluginRecord(
    name,
    version,
    plugin.candidate.source,
    { ...manifest?.dependencies, ...manifest?.optionalDependencies },
    new Set(Object.keys(manifest?.optionalDependencies ?? {})),
    plugin.candidate.root,
    manifest,
    undefined,
  );
  if (!plugin.ok) {
    record.status = 'failed';
    record.reason = plugin.reason;
    record.problems = plugin.problems;
  }
  return record;
}
