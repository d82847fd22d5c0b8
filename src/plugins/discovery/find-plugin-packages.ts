import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { PluginCandidate } from './plugin-candidate';

const PACKAGE_PREFIX = 'ovenjs-plugin-';

async function listDirectories(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    // Symlinked packages (npm link, pnpm) count as folders too.
    return entries.filter((e) => e.isDirectory() || e.isSymbolicLink()).map((e) => e.name).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * Finds `ovenjs-plugin-*` and `@scope/ovenjs-plugin-*` packages in a `node_modules` folder.
 * Only names are looked at here; manifests are read by discovery.
 *
 * @example
 * ```ts
 * await findPluginPackages('/app/node_modules'); // [{ root: '/app/node_modules/@acme/ovenjs-plugin-x', ... }]
 * ```
 */
export async function findPluginPackages(nodeModules: string): Promise<PluginCandidate[]> {
  const found: PluginCandidate[] = [];
  for (const name of await listDirectories(nodeModules)) {
    if (name.startsWith('@')) {
      for (const scoped of await listDirectories(join(nodeModules, name))) {
        if (scoped.startsWith(PACKAGE_PREFIX)) found.push(candidate(join(nodeModules, name, scoped)));
      }
    } else if (name.startsWith(PACKAGE_PREFIX)) {
      found.push(candidate(join(nodeModules, name)));
    }
  }
  return found;
}

function candidate(root: string): PluginCandidate {
  return { root, manifestFile: join(root, 'plugin.json'), source: 'package' };
}

/**
 * Every sub-folder of a configured plugin directory is a plugin; one without a `plugin.json` is
 * reported rather than skipped, since a forgotten manifest is the likeliest mistake there.
 */
export async function findPluginFolders(directory: string): Promise<PluginCandidate[]> {
  return (await listDirectories(directory))
    .filter((name) => !name.startsWith('.') && name !== 'node_modules')
    .map((name) => {
      const root = join(directory, name);
      return { root, manifestFile: join(root, 'plugin.json'), source: 'directory' as const };
    });
}
