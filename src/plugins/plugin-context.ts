import type { HookManager } from '../hooks';
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
  return {
    name: record.name,
    version: record.version,
    manifest: record.manifest,
    hooks: {
      register: (name, handler, options = {}) => {
        if (declared !== undefined && !declared.includes(name)) {
          throw new PluginError(
            'OVEN_ERR_PLUGIN_UNDECLARED_HOOK',
            record.name,
            `Plugin "${record.name}" registered on hook "${name}", which its plugin.json does not list. Add it to "hooks".`,
          );
        }
        return hooks.register(name, handler, { ...options, owner: record.owner });
      },
    },
    services: {
      get: (token) => services.get(token, record.name),
      provide: (token, value) => services.provide(token, value, record.name),
    },
    onDisable: (cleanup) => {
      record.disposers.push(cleanup);
    },
  };
}
