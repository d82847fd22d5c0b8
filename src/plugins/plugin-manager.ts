import { join } from 'node:path';
import { HookManager, type HookName, type HookPayload, type SandboxViolationKind } from '../hooks';
import { callLifecycle } from './call-lifecycle';
import { disposeInstance } from './dispose-instance';
import { duringLoad, restoreLoadRegistrations } from './load-registrations';
import { errorMessage } from './error-message';
import { dependentsOf, type GraphNode, loadOrderOf, resolveDependencies } from './graph/dependency-graph';
import { cycleThrough, unmetDependency } from './graph/dependency-checks';
import { importExternalPlugin } from './import-external-plugin';
import { ovenVersion } from './oven-version';
import { PluginError } from './plugin.error';
import { createPluginContext } from './plugin-context';
import { discoverPlugins } from './plugin-discovery';
import { recordOfDiscovered } from './discovery/record-of-discovered';
import type { OvenPlugin, PluginContext } from './plugin-lifecycle';
import type { PluginMetadata } from './plugin-metadata';
import { metadataProblems } from './plugin-metadata-problems';
import type { PluginManagerInternals, PluginManagerOptions, ReloadResult } from './plugin-manager-options';
import { type PluginInstanceFactory, PluginRecord } from './plugin-record';
import { PluginRegistry } from './plugin-registry';
import { ServiceRegistry } from './plugin-services';
import type { PluginInfo } from './plugin-status';
import { reloadPlugin } from './reload/reload-plugin';

/**
 * Discovers, orders, loads and enables plugins (in-module `@Plugin` classes and external packages
 * or folders together), disables them in reverse, and hot reloads one on request.
 *
 * @example
 * ```ts
 * const plugins = new PluginManager({ hooks, directories: ['./plugins'] });
 * await plugins.start();
 * console.table(plugins.registry.list());
 * await plugins.stop();
 * ```
 */
export class PluginManager {
  public readonly registry = new PluginRegistry();
  public readonly hooks: HookManager;
  public readonly services: ServiceRegistry;
  private readonly timeoutMs: number;
  private order: string[] = [];
  private discovered = false;
  private readonly reloads = new Map<string, Promise<ReloadResult>>();
  private stopped = false;

  public constructor(private readonly options: PluginManagerOptions = {}) {
    this.hooks = options.hooks ?? new HookManager();
    this.services = options.services ?? new ServiceRegistry();
    this.timeoutMs = options.lifecycleTimeoutMs ?? 10_000;
  }

  /**
   * Adds an in-module plugin (what `@Plugin` classes become). `factory` gives its instance,
   * usually from the DI container.
   */
  public add(metadata: PluginMetadata, factory: PluginInstanceFactory): void {
    const problems = metadataProblems(metadata);
    if (problems.length > 0) {
      throw new PluginError(
        'OVEN_ERR_PLUGIN_INVALID_METADATA',
        String(metadata.name),
        `@Plugin(${JSON.stringify(metadata.name)}) is invalid: ${problems.join('; ')}.`,
      );
    }
    this.assertUnique(metadata.name, 'an in-module @Plugin class');
    this.registry.add(
      new PluginRecord(metadata.name, metadata.version, 'module', { ...metadata.dependsOn }, new Set(metadata.optional), undefined, undefined, factory),
    );
  }

  /** Reads every external plugin's manifest (nothing is imported) and records what it found; once. */
  public async discover(): Promise<PluginInfo[]> {
    if (this.discovered) return this.registry.list();
    this.discovered = true;
    const found = await discoverPlugins({
      nodeModules: this.options.nodeModules ?? [join(process.cwd(), 'node_modules')],
      directories: this.options.directories ?? [],
      ovenVersion: this.options.ovenVersion ?? ovenVersion(),
      knownHooks: new Set(this.hooks.listHooks().map((hook) => hook.name)),
    });
    for (const plugin of found) {
      const name = plugin.ok ? plugin.manifest.name : plugin.name;
      const existing = this.registry.has(name) ? this.registry.record(name) : undefined;
      const record = recordOfDiscovered(plugin, existing);
      this.registry.add(record);
      if (record.status !== 'failed') await this.notify('pluginDiscovered', { name, version: record.version, source: record.source });
      else if (existing === undefined) await this.notify('pluginFailed', { name, version: record.version, reason: record.reason ?? '' });
    }
    return this.registry.list();
  }

  /** Discovers (once), resolves the dependency graph, loads then enables every plugin that can. */
  public async start(): Promise<PluginInfo[]> {
    this.stopped = false;
    await this.discover();
    const records = this.registry.all();
    const preFailed = new Map(records.filter((r) => r.status === 'failed').map((r) => [r.name, r.reason ?? 'failed']));
    const resolution = resolveDependencies(this.graphNodes(records.filter((r) => r.status !== 'failed')), preFailed);
    for (const warning of resolution.warnings) {
      const owner = /^"([^"]+)"/.exec(warning)?.[1];
      if (owner !== undefined && this.registry.has(owner)) this.registry.record(owner).warnings.push(warning);
    }
    for (const [name, failure] of resolution.failures) {
      const record = this.registry.record(name);
      record.status = failure.kind === 'dependency-failed' ? 'disabled' : 'failed';
      record.reason = failure.reason;
      await this.notify(record.status === 'failed' ? 'pluginFailed' : 'pluginDisabled', {
        name,
        version: record.version,
        reason: failure.reason,
      });
    }
    this.order = [...resolution.order];
    for (const name of this.order) {
      const record = this.registry.record(name);
      if (record.status === 'discovered') await this.load(record, undefined);
    }
    for (const name of this.order) {
      const record = this.registry.record(name);
      if (record.status === 'loaded') await this.enable(record);
    }
    return this.registry.list();
  }

  /**
   * Disables a running plugin at run time (an admin command, a feature flag): its dependents
   * first, deepest first, then the plugin. Its instance stays loaded for `enablePlugin`.
   *
   * @example
   * ```ts
   * await plugins.disablePlugin('tickets', 'disabled by an admin');
   * ```
   */
  public async disablePlugin(name: string, reason = 'disabled on request'): Promise<void> {
    const record = this.registry.record(name);
    if (record.status !== 'enabled' && record.status !== 'loaded') return;
    for (const dependent of this.runningDependents(record).reverse()) {
      await this.disable(dependent, `depends on "${name}", which was disabled: ${reason}`);
    }
    await this.disable(record, reason);
  }

  /**
   * Enables a plugin that was disabled (by `disablePlugin` or because a dependency was missing),
   * and then the dependents that were disabled with it. A failed plugin needs `reload` instead.
   *
   * @returns whether the plugin is enabled afterwards.
   */
  public async enablePlugin(name: string): Promise<boolean> {
    const record = this.registry.record(name);
    if (record.status === 'enabled') return true;
    if (record.status === 'failed') {
      throw new PluginError(
        'OVEN_ERR_PLUGIN_FAILED',
        name,
        `Plugin "${name}" failed (${record.reason ?? 'unknown reason'}); fix it and call reload("${name}") instead.`,
      );
    }
    if (!(await this.bringUp(record))) return false;
    const waiting = dependentsOf(name, this.graphNodes(this.registry.all()))
      .map((n) => this.registry.record(n))
      .filter((d) => d.status === 'disabled' && (d.reason ?? '').startsWith(`depends on "${name}"`))
      .sort((a, b) => this.fullOrder().indexOf(a.name) - this.fullOrder().indexOf(b.name));
    for (const dependent of waiting) await this.bringUp(dependent);
    return true;
  }

  private async bringUp(record: PluginRecord): Promise<boolean> {
    if (record.instance === undefined) {
      record.status = 'discovered';
      if (!(await this.load(record, undefined))) return false;
    } else {
      record.status = 'loaded';
    }
    return this.enable(record);
  }

  private runningDependents(record: PluginRecord): PluginRecord[] {
    return dependentsOf(record.name, this.graphNodes(this.registry.all()))
      .map((n) => this.registry.record(n))
      .filter((d) => d.status === 'enabled' || d.status === 'loaded')
      .sort((a, b) => this.fullOrder().indexOf(a.name) - this.fullOrder().indexOf(b.name));
  }

  /** The order plugins were loaded and enabled in (disabling runs it backwards). */
  public loadOrder(): readonly string[] {
    return [...this.order];
  }

  /**
   * Disables every enabled plugin in reverse dependency order, then unloads them. A reload under
   * way finishes first (it would otherwise enable plugins again after this); later ones are refused.
   */
  public async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.reloads.values()]);
    // Every plugin, not only those that loaded at start: a reload may have brought more up since.
    const reversed = this.fullOrder().reverse();
    for (const name of reversed) {
      const record = this.registry.record(name);
      if (record.status === 'enabled') await this.disable(record, 'application shutdown');
    }
    for (const name of reversed) {
      const record = this.registry.record(name);
      if (record.instance !== undefined) await this.unload(record);
    }
  }

  /**
   * Hot reloads an external plugin: reads its manifest and main afresh, disables it (and its
   * dependents), hands `onUnload`'s state to the new version's `onLoad`, and enables everything
   * again. If the new version cannot be imported or started, the previous one keeps running and
   * the result says why (also kept as `lastReloadError` in the registry).
   */
  public reload(name: string): Promise<ReloadResult> {
    // Reloads of one plugin queue up: a burst of file events must not interleave two reloads.
    const previous = this.reloads.get(name) ?? Promise.resolve(undefined);
    const next = previous.then(() => this.reloadNow(name));
    this.reloads.set(name, next);
    return next;
  }

  private async reloadNow(name: string): Promise<ReloadResult> {
    if (this.stopped) return { ok: false, plugin: name, reason: 'the plugin manager is stopped' };
    const record = this.registry.record(name);
    if (record.root === undefined) {
      return { ok: false, plugin: name, reason: 'in-module @Plugin classes reload with the app, not on their own' };
    }
    return reloadPlugin(this.registry, this.internals, record);
  }

  // What reloadPlugin needs; private so it stays out of the public API.
  private get internals(): PluginManagerInternals {
    return {
      options: this.options,
      hooks: this.hooks,
      order: () => this.fullOrder(),
      knownHooks: () => new Set(this.hooks.listHooks().map((hook) => hook.name)),
      timeoutMs: this.timeoutMs,
      instantiate: (record) => this.instantiate(record),
      createContext: (record) => this.createContext(record),
      cleanup: (record) => this.cleanup(record),
      enable: (record) => this.enable(record),
      disable: (record, reason) => this.disable(record, reason),
      load: (record, state, prepared) => this.load(record, state, prepared),
      dependents: (record) => dependentsOf(record.name, this.graphNodes(this.registry.all())),
      unmetDependency: (record, acceptable) => this.unmetDependency(record, acceptable),
      cycleThrough: (record) => cycleThrough(this.registry, record),
      notify: (hook, payload) => this.notify(hook, payload),
    };
  }

  private fullOrder(): string[] {
    return loadOrderOf(this.graphNodes(this.registry.all()));
  }

  private graphNodes(records: readonly PluginRecord[]): GraphNode[] {
    return records.map((r) => ({ name: r.name, version: r.version, dependencies: r.dependencies, optional: r.optional }));
  }

  private assertUnique(name: string, what: string): void {
    if (this.registry.has(name)) {
      throw new PluginError(
        'OVEN_ERR_PLUGIN_DUPLICATE',
        name,
        `Two plugins are named "${name}" (${what} and ${this.registry.record(name).root ?? 'an in-module @Plugin class'}). Rename one.`,
      );
    }
  }

  private async load(record: PluginRecord, state: unknown, prepared?: OvenPlugin): Promise<boolean> {
    const missing = this.unmetDependency(record, ['loaded', 'enabled']);
    if (missing !== undefined) {
      await this.block(record, missing);
      return false;
    }
    const started = performance.now();
    try {
      const veto = await this.hooks.execute('beforePluginLoad', { name: record.name, version: record.version, source: record.source });
      if (veto !== undefined) {
        await this.block(record, `refused by a beforePluginLoad hook: ${veto.reason}`);
        return false;
      }
      const instance = prepared ?? (await this.instantiate(record));
      const context = this.createContext(record);
      record.instance = instance;
      record.context = context;
      await duringLoad(record, () => callLifecycle(record.name, 'onLoad', this.timeoutMs, () => instance.onLoad?.(context, state)));
      record.status = 'loaded';
      record.reason = undefined;
      if (!this.order.includes(record.name)) {
        const loaded = new Set([...this.order, record.name]);
        this.order = this.fullOrder().filter((name) => loaded.has(name));
      }
    } catch (error) {
      await this.fail(record, error);
      return false;
    }
    await this.notify('afterPluginLoad', { name: record.name, version: record.version, durationMs: performance.now() - started });
    return true;
  }

  private async enable(record: PluginRecord): Promise<boolean> {
    const missing = this.unmetDependency(record, ['enabled']);
    if (missing !== undefined) {
      await this.block(record, missing);
      return false;
    }
    const { instance, context } = record;
    if (instance === undefined || context === undefined) return false;
    try {
      restoreLoadRegistrations(record);
      await callLifecycle(record.name, 'onEnable', this.timeoutMs, () => instance.onEnable?.(context));
    } catch (error) {
      await this.fail(record, error);
      return false;
    }
    record.status = 'enabled';
    record.reason = undefined;
    await this.notify('pluginEnabled', { name: record.name, version: record.version });
    return true;
  }

  private async disable(record: PluginRecord, reason: string): Promise<void> {
    const { instance, context } = record;
    if (record.status === 'enabled' && instance !== undefined && context !== undefined) {
      try {
        await callLifecycle(record.name, 'onDisable', this.timeoutMs, () => instance.onDisable?.(context));
      } catch (error) {
        record.warnings.push(errorMessage(error));
      }
    }
    await this.cleanup(record);
    record.status = 'disabled';
    record.reason = reason;
    await this.notify('pluginDisabled', { name: record.name, version: record.version, reason });
  }

  private async unload(record: PluginRecord): Promise<unknown> {
    const { instance, context } = record;
    record.instance = undefined;
    record.context = undefined;
    if (instance === undefined || context === undefined) return undefined;
    try {
      return await callLifecycle(record.name, 'onUnload', this.timeoutMs, () => instance.onUnload?.(context));
    } catch (error) {
      record.warnings.push(errorMessage(error));
      return undefined;
    } finally {
      await disposeInstance(instance);
    }
  }

  /** A failure of the plugin itself: it is failed, and everything needing it is disabled. */
  private async fail(record: PluginRecord, error: unknown): Promise<void> {
    // Set before any await: a sandbox kill and the call it interrupted may both report the failure.
    if (record.status === 'failed') return;
    record.status = 'failed';
    record.reason = errorMessage(error);
    await this.cleanup(record);
    // A failed instance is not called again (a reload starts a fresh one); a sandboxed one's worker
    // would otherwise keep running its timers, still calling the bridge.
    await disposeInstance(record.instance);
    await this.notify('pluginFailed', { name: record.name, version: record.version, reason: record.reason });
    // Deepest dependents first, so each is disabled before what it depends on goes away.
    for (const name of dependentsOf(record.name, this.graphNodes(this.registry.all())).reverse()) {
      const dependent = this.registry.record(name);
      if (dependent.status === 'failed' || dependent.status === 'disabled') continue;
      const wasLoaded = dependent.instance !== undefined;
      await this.disable(dependent, `depends on "${record.name}", which failed: ${record.reason}`);
      if (wasLoaded) await this.unload(dependent);
    }
  }

  private async block(record: PluginRecord, reason: string): Promise<void> {
    await this.cleanup(record);
    record.status = 'disabled';
    record.reason = reason;
    await this.notify('pluginDisabled', { name: record.name, version: record.version, reason });
  }

  private unmetDependency(record: PluginRecord, acceptable: readonly string[]): string | undefined {
    return unmetDependency(this.registry, record, acceptable);
  }

  private async instantiate(record: PluginRecord): Promise<OvenPlugin> {
    if (record.factory !== undefined) return record.factory();
    // By name: on a hot reload `record` is the staged copy, and the registry's entry is the one
    // to fail and to carry warnings.
    const owner = (): PluginRecord => (this.registry.has(record.name) ? this.registry.record(record.name) : record);
    let launched: OvenPlugin | undefined;
    const { instance, warnings } = await importExternalPlugin(record, this.options.sandbox, (violation) =>
      void this.onViolation(owner(), violation, launched),
    );
    launched = instance;
    owner().warnings.push(...warnings.filter((warning) => !owner().warnings.includes(warning)));
    return instance;
  }

  private async onViolation(
    record: PluginRecord,
    violation: { kind: SandboxViolationKind; detail: string; fatal: boolean },
    instance: OvenPlugin | undefined,
  ): Promise<void> {
    await this.notify('sandboxViolation', { plugin: record.name, kind: violation.kind, detail: violation.detail });
    // Checked after the await: a new version that a hot reload rejected (killed while it loaded)
    // must not fail the previous version, which runs again by then.
    if (violation.fatal && (instance === undefined || record.instance === instance)) {
      await this.fail(
        record,
        new PluginError('OVEN_ERR_PLUGIN_SANDBOX_KILLED', record.name, `Sandboxed plugin "${record.name}" was terminated: ${violation.detail}.`),
      );
    }
  }

  private createContext(record: PluginRecord): PluginContext {
    return createPluginContext(record, this.hooks, this.services);
  }

  private async cleanup(record: PluginRecord): Promise<void> {
    this.hooks.unregisterOwner(record.owner);
    record.loadRegistrationsActive = false;
    this.services.withdraw(record.name);
    const disposers = record.disposers.reverse();
    record.disposers = [];
    for (const dispose of disposers) {
      try {
        await dispose();
      } catch (error) {
        record.warnings.push(`cleanup failed: ${errorMessage(error)}`);
      }
    }
  }

  private async notify<K extends HookName>(hook: K, payload: HookPayload<K>): Promise<void> {
    await this.hooks.execute(hook, payload);
  }
}
