import semver from 'semver';
import { PLUGIN_NAME_PATTERN } from './manifest/plugin-manifest';
import type { PluginMetadata } from './plugin-metadata';

/** What is wrong with an in-module `@Plugin({...})`'s metadata, one sentence each; empty when nothing is. */
export function metadataProblems(metadata: PluginMetadata): string[] {
  const problems: string[] = [];
  if (typeof metadata.name !== 'string' || !PLUGIN_NAME_PATTERN.test(metadata.name)) {
    problems.push(`name ${JSON.stringify(metadata.name)} must be an npm-style name (lowercase, digits, "-", ".", "_")`);
  }
  if (typeof metadata.version !== 'string' || semver.valid(metadata.version) === null) {
    problems.push(`version ${JSON.stringify(metadata.version)} must be a semver version such as "1.0.0"`);
  }
  for (const [name, range] of Object.entries(metadata.dependsOn ?? {})) {
    if (semver.validRange(range) === null) problems.push(`dependsOn.${name} ${JSON.stringify(range)} must be a semver range`);
  }
  for (const name of metadata.optional ?? []) {
    if (!(name in (metadata.dependsOn ?? {}))) problems.push(`optional "${name}" must also be listed in dependsOn`);
  }
  return problems;
}
