import { type FSWatcher, watch } from 'node:fs';
import type { PluginManager } from '../plugin-manager';
import type { ReloadResult } from '../plugin-manager-options';

/** Options of {@link PluginWatcher}. */
export interface PluginWatcherOptions {
  /** Quiet time after the last file event before reloading (editors write in bursts). Default 100 ms. */
  readonly debounceMs?: number;
  /** Told about every reload the watcher triggered, successful or not. If it throws, a process warning says so. */
  readonly onReload?: (result: ReloadResult) => void;
}

/**
 * Watches the folders of external plugins with `fs.watch` and hot reloads a plugin when its
 * files change. A development tool: ES module plugins leak their old version on every reload
 * (Node cannot unload ES modules), and CommonJS reload only frees the old code if nothing else
 * kept a reference to it.
 *
 * @example
 * ```ts
 * const watcher = new PluginWatcher(plugins, { onReload: (r) => console.log(r) });
 * watcher.start();
 * // ... later
 * watcher.close();
 * ```
 */
export class PluginWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly debounceMs: number;

  public constructor(
    private readonly plugins: PluginManager,
    private readonly options: PluginWatcherOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 100;
  }

  /** Starts watching every external plugin known to the registry. */
  public start(): void {
    for (const plugin of this.plugins.registry.list()) {
      if (plugin.root === undefined || plugin.source === 'module' || this.watchers.has(plugin.name)) continue;
      const name = plugin.name;
      const watcher = watch(plugin.root, { recursive: true }, (_event, file) => {
        // A plugin's own dependencies changing (npm install inside it) is not an edit of it.
        if (typeof file === 'string' && file.split(/[\\/]/).includes('node_modules')) return;
        this.schedule(name);
      });
      watcher.on('error', () => this.unwatch(name));
      watcher.unref();
      this.watchers.set(name, watcher);
    }
  }

  /** Which plugins are being watched. */
  public watched(): string[] {
    return [...this.watchers.keys()];
  }

  /** Stops every watcher and pending reload timer. */
  public close(): void {
    for (const name of [...this.watchers.keys()]) this.unwatch(name);
  }

  private schedule(name: string): void {
    clearTimeout(this.timers.get(name));
    const timer = setTimeout(() => {
      this.timers.delete(name);
      // Nothing awaits this chain: a failure here must not become an unhandled rejection, which
      // would end the bot's process.
      void this.plugins
        .reload(name)
        .then((result) => this.options.onReload?.(result))
        .catch((error: unknown) =>
          process.emitWarning(`Hot reload of plugin "${name}" failed: ${error instanceof Error ? error.message : String(error)}`),
        );
    }, this.debounceMs);
    timer.unref();
    this.timers.set(name, timer);
  }

  private unwatch(name: string): void {
    this.watchers.get(name)?.close();
    this.watchers.delete(name);
    clearTimeout(this.timers.get(name));
    this.timers.delete(name);
  }
}
