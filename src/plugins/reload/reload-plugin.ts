import { join } from 'node:path';
import { disposeInstance } from '../dispose-instance';
import { duringLoad } from '../load-registrations';
import { errorMessage } from '../error-message';
import { callLifecycle } from '../call-lifecycle';
import { purgeModuleCache } from '../load-plugin-main';
import { formatManifestProblems } from '../manifest/manifest-problem';
import { readManifest } from '../manifest/read-manifest';
import { ovenVersion } from '../oven-version';
import { manifestProblems } from '../plugin-discovery';
import type { PluginManagerInternals, ReloadResult } from '../plugin-manager-options';
import type { OvenPlugin } from '../plugin-lifecycle';
import { PluginRecord } from '../plugin-record';
import type { PluginRegistry } from '../plugin-registry';


/**
 * The hot reload of one external plugin (see `PluginManager.reload`). Everything that can fail
 * without side effects (manifest, import, export shape) is done before the running version is
 * touched; if the new version then fails in `onLoad` or `onEnable`, the old instance is started
 * again with the same state.
 */
export async function reloadPlugin(
  registry: PluginRegistry,
  manager: PluginManagerInternals,
  record: PluginRecord,
): Promise<ReloadResult> {
  const name = record.name;
  const root = record.root as string;
  const refuse = (reason: string): ReloadResult => {
    record.lastReloadError = reason;
    return { ok: false, plugin: name, reason };
  };

  const read = await readManifest(join(root, 'plugin.json'));
  if (!read.ok) return refuse(`invalid plugin.json:\n${formatManifestProblems(read.problems)}`);
  const manifest = read.manifest;
  const problems = manifestProblems(manifest, read.file, {
    ovenVersion: manager.options.ovenVersion ?? ovenVersion(),
    knownHooks: manager.knownHooks(),
  });
  if (problems.length > 0) return refuse(`invalid plugin.json:\n${formatManifestProblems(problems)}`);
  if (manifest.name !== name) {
    return refuse(`plugin.json now names the plugin "${manifest.name}"; renaming needs a restart`);
  }

  const staged = new PluginRecord(
    name,
    manifest.version,
    record.source,
    { ...manifest.dependencies, ...manifest.optionalDependencies },
    new Set(Object.keys(manifest.optionalDependencies ?? {})),
    root,
    manifest,
    undefined,
  );
  staged.generation = record.generation + 1;
  const unmet = manager.unmetDependency(staged, ['enabled', 'loaded']);
  if (unmet !== undefined) return refuse(`the new version ${unmet}`);
  const cycle = manager.cycleThrough(staged);
  if (cycle !== undefined) return refuse(`the new version would make a dependency cycle: ${cycle.join(' -> ')}`);

  // The same gate as a first load, before any of the new code runs (importing it runs it).
  let veto;
  try {
    veto = await manager.hooks.execute('beforePluginLoad', { name, version: manifest.version, source: record.source });
  } catch (error) {
    return refuse(`a beforePluginLoad hook failed: ${errorMessage(error)}`);
  }
  if (veto !== undefined) return refuse(`refused by a beforePluginLoad hook: ${veto.reason}`);

  purgeModuleCache(root);
  let fresh;
  try {
    fresh = await manager.instantiate(staged);
  } catch (error) {
    return refuse(errorMessage(error));
  }

  if (record.status !== 'enabled' && record.status !== 'loaded') {
    return restartStopped(registry, manager, record, staged, fresh);
  }

  const wasEnabled = record.status === 'enabled';
  const position = (n: string): number => manager.order().indexOf(n);
  const dependents = manager
    .dependents(record)
    .map((n) => registry.record(n))
    .filter((d) => d.status === 'enabled')
    .sort((a, b) => position(a.name) - position(b.name));
  for (const dependent of [...dependents].reverse()) await manager.disable(dependent, `"${name}" is reloading`);

  const old = {
    instance: record.instance,
    context: record.context,
    version: record.version,
    manifest: record.manifest,
    dependencies: record.dependencies,
    optional: record.optional,
  };
  if (wasEnabled) await manager.disable(record, 'reloading');
  const { own, carried, restored, failure } = await unloadForReload(manager, record);
  if (failure !== undefined) {
    await disposeInstance(fresh);
    record.status = 'disabled';
    await revive(manager, record, own, wasEnabled);
    for (const dependent of dependents) await manager.enable(dependent);
    return refuse(`the state hand-off failed: ${failure} (the previous version ${old.version} is running again)`);
  }

  record.version = manifest.version;
  record.manifest = manifest;
  record.dependencies = staged.dependencies;
  record.optional = staged.optional;
  record.generation = staged.generation;
  record.instance = fresh;
  const context = manager.createContext(record);
  record.context = context;
  try {
    await duringLoad(record, () => callLifecycle(name, 'onLoad', manager.timeoutMs, () => fresh.onLoad?.(context, restored)));
    record.status = 'loaded';
    if (wasEnabled) {
      await callLifecycle(name, 'onEnable', manager.timeoutMs, () => fresh.onEnable?.(context));
      record.status = 'enabled';
    }
  } catch (error) {
    const reason = errorMessage(error);
    await manager.cleanup(record);
    try {
      await callLifecycle(name, 'onUnload', manager.timeoutMs, () => fresh.onUnload?.(context));
    } catch (unloadError) {
      record.warnings.push(`the rejected version's onUnload failed: ${errorMessage(unloadError)}`);
    }
    await disposeInstance(fresh);
    Object.assign(record, old);
    record.status = 'disabled';
    // Its own state, not what stateRestore migrated for the new version.
    await revive(manager, record, own, wasEnabled);
    for (const dependent of dependents) await manager.enable(dependent);
    return refuse(`${reason} (the previous version ${old.version} is running again)`);
  }
  // Only now is the old instance gone for good (a failed reload would have started it again).
  await disposeInstance(old.instance);
  record.reason = undefined;
  record.lastReloadError = undefined;
  for (const dependent of dependents) await manager.enable(dependent);
  await manager.notify('pluginReloaded', {
    name,
    version: record.version,
    previousVersion: old.version,
    stateCarried: carried,
  });
  return { ok: true, plugin: name, version: record.version, previousVersion: old.version };
}

/** Starts the previous instance again after a failed reload, with the state it handed over. */
async function revive(manager: PluginManagerInternals, record: PluginRecord, state: unknown, enable: boolean): Promise<void> {
  const { instance, context } = record;
  if (instance === undefined || context === undefined) return;
  try {
    await duringLoad(record, () => callLifecycle(record.name, 'onLoad', manager.timeoutMs, () => instance.onLoad?.(context, state)));
    record.status = 'loaded';
    if (enable) {
      await callLifecycle(record.name, 'onEnable', manager.timeoutMs, () => instance.onEnable?.(context));
      record.status = 'enabled';
    }
  } catch (error) {
    record.status = 'failed';
    record.reason = `could not restart the previous version after a failed reload: ${errorMessage(error)}`;
  }
}

/** A plugin that failed or was disabled gets a fresh start from its fixed files, dependents too. */
async function restartStopped(
  registry: PluginRegistry,
  manager: PluginManagerInternals,
  record: PluginRecord,
  staged: PluginRecord,
  fresh: OvenPlugin,
): Promise<ReloadResult> {
  const previousVersion = record.version;
  // A disabled plugin is still loaded: its old instance is unloaded, and hands its state over, here.
  const { carried, restored: state, failure } = await unloadForReload(manager, record);
  await disposeInstance(record.instance);
  record.instance = undefined;
  record.context = undefined;
  if (failure !== undefined) {
    await disposeInstance(fresh);
    record.lastReloadError = `the state hand-off failed: ${failure}`;
    return { ok: false, plugin: record.name, reason: record.lastReloadError };
  }
  record.version = staged.version;
  record.manifest = staged.manifest;
  record.dependencies = staged.dependencies;
  record.optional = staged.optional;
  record.generation = staged.generation;
  record.status = 'discovered';
  if (!(await manager.load(record, state, fresh)) || !(await manager.enable(record))) {
    record.lastReloadError = record.reason;
    return { ok: false, plugin: record.name, reason: record.reason ?? 'failed' };
  }
  // Dependents that stopped because of this plugin (unloaded when it failed, or disabled with it).
  const waiting = manager
    .dependents(record)
    .map((n) => registry.record(n))
    .filter((d) => d.status === 'disabled' && (d.instance === undefined || (d.reason ?? '').startsWith('depends on "')))
    .sort((a, b) => manager.order().indexOf(a.name) - manager.order().indexOf(b.name));
  for (const dependent of waiting) {
    if (dependent.instance === undefined) {
      dependent.status = 'discovered';
      if (await manager.load(dependent, undefined)) await manager.enable(dependent);
    } else {
      dependent.status = 'loaded';
      await manager.enable(dependent);
    }
  }
  record.lastReloadError = undefined;
  await manager.notify('pluginReloaded', { name: record.name, version: record.version, previousVersion, stateCarried: carried });
  return { ok: true, plugin: record.name, version: record.version, previousVersion };
}

/** What the old instance handed over on a reload. */
interface HandOver {
  /** What its `onUnload` returned: what it gets back if the reload fails. */
  readonly own: unknown;
  readonly carried: boolean;
  /** After the `stateSnapshot` and `stateRestore` hooks: what the new version's `onLoad` gets. */
  readonly restored: unknown;
  /** Why a state hook threw (a migration that failed), if one did. */
  readonly failure?: string;
}

/** Calls the old instance's `onUnload` (if it is still loaded) and passes what it returns through the state hooks. */
async function unloadForReload(manager: PluginManagerInternals, record: PluginRecord): Promise<HandOver> {
  const { instance, context } = record;
  let own: unknown;
  if (instance !== undefined && context !== undefined) {
    try {
      own = await callLifecycle(record.name, 'onUnload', manager.timeoutMs, () => instance.onUnload?.(context));
    } catch (error) {
      record.warnings.push(`onUnload failed during reload, no state carried: ${errorMessage(error)}`);
    }
  }
  const key = `plugin:${record.name}`;
  try {
    const snapshot = (await manager.hooks.execute('stateSnapshot', { key, snapshot: own })).snapshot;
    const restored = (await manager.hooks.execute('stateRestore', { key, snapshot })).snapshot;
    return { own, carried: snapshot !== undefined, restored };
  } catch (error) {
    return { own, carried: false, restored: undefined, failure: errorMessage(error) };
  }
}
