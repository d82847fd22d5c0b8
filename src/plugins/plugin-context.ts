import type { HookManager, HookRegistration } from '../hooks';
import { PluginError } from './plugin.error';
import type { PluginContext } from './plugin-lifecycle';
import type { PluginRecord } from './plugin-record';
import type { ServiceRegistry } from './plugin-services';

/**
 * The context a plugin's lifecycle methods receive. Everything registered through it is tagged
 * with the plugin (hook owner, service owner, cleanup list), which is what lets the manager remove
 * all of it on disable or reload.
 */
export function createPluginContext(record: PluginRecord, hooks: HookManager, services: ServiceRegistry): PluginContext {
  const declared = record.manifest?.hooks;
  // A reload gives the record a new context; the old instance's timers and callbacks may still
  // hold this one, and must not add handlers, services or cleanups to the version that replaced it.
  const stale = (what: string): boolean => {
    if (record.context === context) return false;
    const warning = `the version ${context.version} of "${record.name}" ${what} after that instance was unloaded (a timer or callback that outlived it?); ignored`;
    if (!record.warnings.includes(warning)) record.warnings.push(warning);
    return true;
  };
  const context: PluginContext = {
    name: record.name,
    version: record.version,
    manifest: record.manifest,
    hooks: {
      register: (name, handler, options = {}) => {
        if (stale(`registered on hook "${name}"`)) return revokedRegistration(name, record.owner, options);
        if (declared !== undefined && !declared.includes(name)) {
          throw new PluginError(
            'OVEN_ERR_PLUGIN_UNDECLARED_HOOK',
            record.name,
            `Plugin "${record.name}" registered on hook "${name}", which its plugin.json does not list. Add it to "hooks".`,
          );
        }
        const register = (): HookRegistration => hooks.register(name, handler, { ...options, owner: record.owner });
        if (!record.loading) return register();
        let current = register();
        const again = (): void => void (current = register());
        record.loadRegistrations.push(again);
        // Unregistering by hand also means: not again on the next enable.
        return {
          hook: current.hook,
          label: current.label,
          owner: current.owner,
          priority: current.priority,
          unregister: () => {
            record.loadRegistrations = record.loadRegistrations.filter((apply) => apply !== again);
            return current.unregister();
          },
        };
      },
    },
    services: {
      get: (token) => services.get(token, record.name),
      provide: (token, value) => {
        if (stale('provided a service')) return;
        services.provide(token, value, record.name);
        if (record.loading) record.loadRegistrations.push(() => services.provide(token, value, record.name));
      },
    },
    onDisable: (cleanup) => {
      if (!stale('registered a cleanup')) {
        record.disposers.push(cleanup);
        return;
      }
      // Its instance is gone already: clean up now rather than never.
      void Promise.resolve()
        .then(cleanup)
        .catch((error: unknown) => record.warnings.push(`cleanup failed: ${error instanceof Error ? error.message : String(error)}`));
    },
  };
  return context;
}

function revokedRegistration(hook: string, owner: string, options: { readonly label?: string; readonly priority?: number }): HookRegistration {
  return { hook, label: options.label ?? 'revoked', owner, priority: options.priority ?? 0, unregister: () => false };
}
