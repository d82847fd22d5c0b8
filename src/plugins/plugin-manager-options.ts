import type { HookManager, HookName, HookPayload } from '../hooks';
import type { OvenPlugin, PluginContext } from './plugin-lifecycle';
import type { PluginRecord } from './plugin-record';
import type { ServiceRegistry } from './plugin-services';
import type { SandboxLauncher } from './sandbox/sandbox-options';

/** Options of {@link PluginManager}. */
export interface PluginManagerOptions {
  /** Where plugin hooks are registered. Default: a new `HookManager`. */
  readonly hooks?: HookManager;
  /** Where plugins exchange services with the app. Default: an empty `ServiceRegistry`. */
  readonly services?: ServiceRegistry;
  /** `node_modules` folders scanned for `ovenjs-plugin-*` packages. Default: `./node_modules`. */
  readonly nodeModules?: readonly string[];
  /** Folders whose sub-folders are plugins. Default: none. */
  readonly directories?: readonly string[];
  /** The OvenJS version manifests must be compatible with. Default: the running one. */
  readonly ovenVersion?: string;
  /** Longest a lifecycle method may take. Default 10 000 ms. */
  readonly lifecycleTimeoutMs?: number;
  /** Runs plugins whose manifest says `"sandbox": true`; without it they fail to load. */
  readonly sandbox?: SandboxLauncher;
}

/** What a hot reload did. */
export type ReloadResult =
  | { readonly ok: true; readonly plugin: string; readonly version: string; readonly previousVersion: string }
  | { readonly ok: false; readonly plugin: string; readonly reason: string };

/**
 * What `reloadPlugin` needs of the manager, kept out of its public API.
 *
 * @internal
 */
export interface PluginManagerInternals {
  readonly options: PluginManagerOptions;
  readonly timeoutMs: number;
  readonly hooks: HookManager;
  order(): readonly string[];
  knownHooks(): ReadonlySet<string>;
  instantiate(record: PluginRecord): Promise<OvenPlugin>;
  createContext(record: PluginRecord): PluginContext;
  cleanup(record: PluginRecord): Promise<void>;
  enable(record: PluginRecord): Promise<boolean>;
  disable(record: PluginRecord, reason: string): Promise<void>;
  load(record: PluginRecord, state: unknown, prepared?: OvenPlugin): Promise<boolean>;
  dependents(record: PluginRecord): string[];
  unmetDependency(record: PluginRecord, acceptable: readonly string[]): string | undefined;
  cycleThrough(record: PluginRecord): readonly string[] | undefined;
  notify<K extends HookName>(hook: K, payload: HookPayload<K>): Promise<void>;
}
