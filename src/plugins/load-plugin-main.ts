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

// A resolve hook (run by Node's loader thread): a module imported from a reloaded plugin's main, or
// from one of its files, gets the same `oven-reload` query when it lies in the plugin's folder
// (outside its node_modules), so an edited helper is read afresh as well, not only the main file.
const RELOAD_RESOLVER = `
export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  if (context.parentURL === undefined || !result.url.startsWith('file:')) return result;
  const parent = new URL(context.parentURL);
  const generation = parent.searchParams.get('oven-reload');
  const root = parent.searchParams.get('oven-root');
  if (generation === null || root === null) return result;
  const url = new URL(result.url);
  if (!url.href.startsWith(root + '/') || url.pathname.slice(new URL(root).pathname.length).split('/').includes('node_modules')) return result;
  url.searchParams.set('oven-reload', generation);
  url.searchParams.set('oven-root', root);
  return { ...result, url: url.href };
}`;

let resolverRegistered = false;

function passReloadToImports(): void {
  if (resolverRegistered) return;
  resolverRegistered = true;
  // module.register exists from Node 20.6; without it only the main file is re-imported.
  const register = (Module as unknown as { register?: (specifier: string, parentURL?: string) => void }).register;
  register?.(`data:text/javascript,${encodeURIComponent(RELOAD_RESOLVER)}`);
}

/**
 * Imports a plugin's `main`. CommonJS goes through Node's loader (so hot reload can purge it);
 * ES modules through `import()`, with a query string on reload because Node never frees an ES
 * module (a resolve hook passes it on to the plugin's own files): reloading an ESM plugin leaks
 * its old version, which is why hot reload is for development only.
 */
export async function loadPluginMain(file: string, generation: number, root = dirname(file)): Promise<unknown> {
  if (await isEsm(file)) {
    const url = pathToFileURL(file);
    if (generation > 0) {
      passReloadToImports();
      url.searchParams.set('oven-reload', String(generation));
      url.searchParams.set('oven-root', pathToFileURL(root).href);
    }
    return import(url.href);
  }
  return NodeModule._load(file, null, false);
}
