import type { PluginSource } from '../hooks';
import type { ManifestProblem } from './manifest/manifest-problem';
import type { PluginManifest } from './manifest/plugin-manifest';
import type { OvenPlugin, PluginContext } from './plugin-lifecycle';
import type { PluginInfo, PluginStatus } from './plugin-status';

/** How to get a plugin's instance: module plugins come from DI, external ones from their main. */
export type PluginInstanceFactory = () => OvenPlugin | Promise<OvenPlugin>;

/** Everything the manager tracks about one plugin. Internal: the registry hands out snapshots. */
export class PluginRecord {
  public status: PluginStatus = 'discovered';
  public reason: string | undefined;
  public problems: readonly ManifestProblem[] = [];
  public readonly warnings: string[] = [];
  public lastReloadError: string | undefined;
  public instance: OvenPlugin | undefined;
  public context: PluginContext | undefined;
  public disposers: (() => void | Promise<void>)[] = [];
  /** What `onLoad` registered, to register again on an enable after a disable (see `duringLoad`). */
  public loadRegistrations: (() => void)[] = [];
  /** Whether `loadRegistrations` are registered right now (a disable removes them). */
  public loadRegistrationsActive = false;
  /** `onLoad` is running: registrations through the context belong to the load. */
  public loading = false;
  /** Incremented on each reload so module caches and sandbox workers are fresh. */
  public generation = 0;

  public constructor(
    public readonly name: string,
    public version: string,
    public readonly source: PluginSource,
    public dependencies: Readonly<Record<string, string>>,
    public optional: ReadonlySet<string>,
    public readonly root: string | undefined,
    public manifest: PluginManifest | undefined,
    public factory: PluginInstanceFactory | undefined,
  ) {}

  public get sandboxed(): boolean {
    return this.manifest?.sandbox === true;
  }

  public get owner(): string {
    return `plugin:${this.name}`;
  }

  public snapshot(): PluginInfo {
    return {
      name: this.name,
      version: this.version,
      source: this.source,
      status: this.status,
      reason: this.reason,
      root: this.root,
      dependencies: { ...this.dependencies },
      sandboxed: this.sandboxed,
      problems: [...this.problems],
      warnings: [...this.warnings],
      lastReloadError: this.lastReloadError,
    };
  }
}
