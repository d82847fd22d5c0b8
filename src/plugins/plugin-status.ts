import type { PluginSource } from '../hooks';
import type { ManifestProblem } from './manifest/manifest-problem';

/** Where a plugin is in its life. `failed` and `disabled` carry a reason. */
export type PluginStatus = 'discovered' | 'loaded' | 'enabled' | 'failed' | 'disabled';

/** One plugin as `PluginRegistry.list()` reports it. */
export interface PluginInfo {
  readonly name: string;
  readonly version: string;
  readonly source: PluginSource;
  readonly status: PluginStatus;
  /** Why it failed or was disabled. */
  readonly reason: string | undefined;
  /** The plugin folder (external plugins). */
  readonly root: string | undefined;
  readonly dependencies: Readonly<Record<string, string>>;
  readonly sandboxed: boolean;
  /** Manifest problems, each with file, field and expectation. */
  readonly problems: readonly ManifestProblem[];
  /** Non-fatal notes: optional dependencies left out, audit findings on trusted plugins. */
  readonly warnings: readonly string[];
  /** Why the last hot reload failed, while the previous version kept running. */
  readonly lastReloadError: string | undefined;
}
