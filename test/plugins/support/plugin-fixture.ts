import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A plugin laid out on disk for a test: its manifest (any JSON, valid or not) and its files. */
export interface FixturePlugin {
  readonly manifest?: unknown;
  /** Raw manifest text, for malformed JSON. */
  readonly manifestText?: string;
  readonly files?: Readonly<Record<string, string>>;
}

/** A temp folder with a node_modules and a plugins directory; `remove()` deletes it. */
export class PluginFixture {
  public readonly root = mkdtempSync(join(tmpdir(), 'oven-plugins-'));
  public readonly nodeModules = join(this.root, 'node_modules');
  public readonly pluginsDir = join(this.root, 'plugins');

  public constructor() {
    mkdirSync(this.nodeModules);
    mkdirSync(this.pluginsDir);
  }

  /** Writes an npm package (`ovenjs-plugin-x` or `@scope/ovenjs-plugin-x`) into node_modules. */
  public package(packageName: string, plugin: FixturePlugin): string {
    const dir = join(this.nodeModules, ...packageName.split('/'));
    this.write(dir, { ...plugin, files: { 'package.json': JSON.stringify({ name: packageName, version: '1.0.0' }), ...plugin.files } });
    return dir;
  }

  /** Writes a folder plugin into the plugins directory. */
  public folder(name: string, plugin: FixturePlugin): string {
    const dir = join(this.pluginsDir, name);
    this.write(dir, plugin);
    return dir;
  }

  public write(dir: string, plugin: FixturePlugin): void {
    mkdirSync(dir, { recursive: true });
    if (plugin.manifestText !== undefined) writeFileSync(join(dir, 'plugin.json'), plugin.manifestText);
    else if (plugin.manifest !== undefined) writeFileSync(join(dir, 'plugin.json'), JSON.stringify(plugin.manifest, null, 2));
    for (const [file, text] of Object.entries(plugin.files ?? {})) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
  }

  public remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** A manifest with every required field, for tests to override. */
export function manifest(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, version: '1.0.0', compatibility: '>=0.1.0', main: 'index.js', ...extra };
}

/**
 * A CommonJS plugin whose lifecycle calls are written to the app-provided `log` service: plugins
 * run in Node's real module system, outside the test's sandboxed globals, so the service registry
 * is the way to report back.
 */
export function loggingPlugin(name: string, body = ''): string {
  return `
module.exports = class {
  onLoad(ctx, state) { ctx.services.get('log').push('${name}:load'); }
  onEnable(ctx) { ctx.services.get('log').push('${name}:enable'); ${body} }
  onDisable(ctx) { ctx.services.get('log').push('${name}:disable'); }
  onUnload(ctx) { ctx.services.get('log').push('${name}:unload'); }
};`;
}
