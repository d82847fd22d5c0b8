import { PluginError } from './plugin.error';
import type { PluginRecord } from './plugin-record';
import type { PluginInfo, PluginStatus } from './plugin-status';

/**
 * Every plugin the app knows, with version, status and the reason for a failure.
 *
 * @example
 * ```ts
 * for (const plugin of plugins.registry.list()) {
 *   console.log(plugin.name, plugin.version, plugin.status, plugin.reason ?? '');
 * }
 * ```
 */
export class PluginRegistry {
  private readonly records = new Map<string, PluginRecord>();

  /** Snapshots of every plugin, in discovery order. */
  public list(): PluginInfo[] {
    return [...this.records.values()].map((record) => record.snapshot());
  }

  /** One plugin's snapshot, or `undefined` if no plugin has that name. */
  public get(name: string): PluginInfo | undefined {
    return this.records.get(name)?.snapshot();
  }

  /** Plugins in a given status. */
  public withStatus(status: PluginStatus): PluginInfo[] {
    return this.list().filter((plugin) => plugin.status === status);
  }

  /** @internal used by the manager */
  public add(record: PluginRecord): void {
    this.records.set(record.name, record);
  }

  /** @internal used by the manager */
  public has(name: string): boolean {
    return this.records.has(name);
  }

  /** @internal used by the manager */
  public record(name: string): PluginRecord {
    const record = this.records.get(name);
    if (record === undefined) {
      throw new PluginError(
        'OVEN_ERR_PLUGIN_UNKNOWN',
        name,
        `There is no plugin "${name}". Known plugins: ${[...this.records.keys()].join(', ') || 'none'}.`,
      );
    }
    return record;
  }

  /** @internal used by the manager */
  public all(): PluginRecord[] {
    return [...this.records.values()];
  }
}
