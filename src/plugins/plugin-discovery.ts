import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import semver from 'semver';
import { findPluginFolders, findPluginPackages } from './discovery/find-plugin-packages';
import type { PluginCandidate } from './discovery/plugin-candidate';
import { formatManifestProblems, type ManifestProblem } from './manifest/manifest-problem';
import { readManifest } from './manifest/read-manifest';
import type { PluginManifest } from './manifest/plugin-manifest';

/** A candidate after its manifest was read: usable, or failed with problems. */
export type DiscoveredPlugin =
  | { readonly ok: true; readonly candidate: PluginCandidate; readonly manifest: PluginManifest }
  | {
      readonly ok: false;
      readonly candidate: PluginCandidate;
      readonly name: string;
      readonly version: string;
      readonly problems: readonly ManifestProblem[];
      readonly reason: string;
    };

/** Where to look, and what to check manifests against. */
export interface DiscoveryOptions {
  readonly nodeModules: readonly string[];
  readonly directories: readonly string[];
  readonly ovenVersion: string;
  readonly knownHooks: ReadonlySet<string>;
}

function nameOf(raw: PluginCandidate): string {
  return basename(raw.root);
}

/**
 * Reads the manifests of every plugin package and plugin folder. Nothing is imported: a plugin's
 * code runs only when it is loaded, after the dependency graph accepted it.
 */
export async function discoverPlugins(options: DiscoveryOptions): Promise<DiscoveredPlugin[]> {
  const candidates: PluginCandidate[] = [];
  for (const dir of options.nodeModules) candidates.push(...(await findPluginPackages(dir)));
  for (const dir of options.directories) candidates.push(...(await findPluginFolders(dir)));

  const results: DiscoveredPlugin[] = [];
  for (const candidate of candidates) {
    const read = await readManifest(candidate.manifestFile);
    if (!read.ok) {
      results.push(failed(candidate, read.problems, await bestEffortIdentity(candidate)));
      continue;
    }
    const { manifest } = read;
    const problems = manifestProblems(manifest, candidate.manifestFile, options);
    results.push(
      problems.length === 0
        ? { ok: true, candidate, manifest }
        : failed(candidate, problems, { name: manifest.name, version: manifest.version }),
    );
  }
  return results;
}

/**
 * What the schema cannot check alone: compatibility with the running OvenJS, hook names the
 * registry knows, and a dependency listed as both required and optional.
 */
export function manifestProblems(
  manifest: PluginManifest,
  file: string,
  options: Pick<DiscoveryOptions, 'ovenVersion' | 'knownHooks'>,
): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  if (!semver.satisfies(options.ovenVersion, manifest.compatibility, { includePrerelease: true })) {
    problems.push({
      file,
      field: 'compatibility',
      expected: `a range that includes the running OvenJS ${options.ovenVersion}`,
      received: JSON.stringify(manifest.compatibility),
    });
  }
  (manifest.hooks ?? []).forEach((hook, index) => {
    if (!options.knownHooks.has(hook)) {
      problems.push({
        file,
        field: `hooks[${index}]`,
        expected: 'the name of a hook point (see docs/hooks.md)',
        received: JSON.stringify(hook),
      });
    }
  });
  for (const name of Object.keys(manifest.optionalDependencies ?? {})) {
    if (name in (manifest.dependencies ?? {})) {
      problems.push({
        file,
        field: `optionalDependencies.${name}`,
        expected: 'a plugin not also listed in dependencies',
        received: JSON.stringify(manifest.optionalDependencies?.[name]),
      });
    }
  }
  return problems;
}

function failed(
  candidate: PluginCandidate,
  problems: readonly ManifestProblem[],
  identity: { name: string; version: string },
): DiscoveredPlugin {
  return {
    ok: false,
    candidate,
    ...identity,
    problems,
    reason: `invalid plugin.json:\n${formatManifestProblems(problems)}`,
  };
}

// A broken manifest still needs a registry entry; use its name if readable, else the folder's.
async function bestEffortIdentity(candidate: PluginCandidate): Promise<{ name: string; version: string }> {
  try {
    const raw = JSON.parse(await readFile(candidate.manifestFile, 'utf8')) as Record<string, unknown>;
    return {
      name: typeof raw['name'] === 'string' && raw['name'] !== '' ? raw['name'] : nameOf(candidate),
      version: typeof raw['version'] === 'string' ? raw['version'] : '0.0.0',
    };
  } catch {
    return { name: nameOf(candidate), version: '0.0.0' };
  }
}
