import { readFile } from 'node:fs/promises';
import Module = require('node:module');
import { dirname, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

// Node's own loader, not the host's `require`: under test runners that replace `require` (jest),
// plugins still get real CommonJS semantics and a real `require.cache` to purge on reload.
// (jest also swaps `createRequire`, so the internal `_load` is the one entry point it leaves alone.)
const NodeModule = Module as unknown as {
  _cache: Record<string, unknown>;
  _load(request: string, parent: null, isMain: boolean): unknown;
};

async function isEsm(file: string): Promise<boolean> {
  if (file.endsWith('.mjs')) return true;
  if (file.endsWith('.cjs')) return false;
  let dir = dirname(file);
  for (;;) {
    try {
      const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { type?: unknown };
      return pkg.type === 'module';
    } catch {
      const parent = dirname(dir);
      if (parent === dir) return false;
      dir = parent;
    }
  }
}

/** Forgets every CommonJS module loaded from under `root`, so the next require reads the files again. */
export function purgeModuleCache(root: string): number {
  const prefix = root.endsWith(sep) ? root : `${root}${sep}`;
  let purged = 0;
  for (const key of Object.keys(NodeModule._cache)) {
    if (key.startsWith(prefix)) {
      delete NodeModule._cache[key];
      purged += 1;
    }
  }
  return purged;
}

/**
 * Imports a plugin's `main`. CommonJS goes through Node's loader (so hot reload can purge it);
 * ES modules through `import()`, with a query string on reload because Node never frees an ES
 * module: reloading an ESM plugin leaks its old version, which is why hot reload is for
 * development only.
 */
export async function loadPluginMain(file: string, generation: number): Promise<unknown> {
  if (await isEsm(file)) {
    const url = pathToFileURL(file);
    if (generation > 0) url.searchParams.set('oven-reload', String(generation));
    return import(url.href);
  }
  return NodeModule._load(file, null, false);
}
