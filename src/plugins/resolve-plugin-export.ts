import { PluginError } from './plugin.error';
import type { OvenPlugin } from './plugin-lifecycle';

const LIFECYCLE = ['onLoad', 'onEnable', 'onDisable', 'onUnload'] as const;

function hasLifecycle(value: object): boolean {
  return LIFECYCLE.some((method) => typeof (value as Record<string, unknown>)[method] === 'function');
}

/**
 * Turns what a plugin's main exports into an instance: a class (instantiated with no arguments),
 * an object with lifecycle methods, or either of those as `default` (transpiled ES modules).
 */
export function resolvePluginExport(name: string, file: string, exported: unknown): OvenPlugin {
  let candidate = exported;
  if (candidate !== null && typeof candidate === 'object' && 'default' in candidate && !hasLifecycle(candidate)) {
    candidate = (candidate as { default: unknown }).default;
  }
  if (typeof candidate === 'function' && typeof candidate.prototype === 'object' && hasLifecycle(candidate.prototype as object)) {
    return new (candidate as new () => OvenPlugin)();
  }
  if (candidate !== null && typeof candidate === 'object' && hasLifecycle(candidate)) return candidate as OvenPlugin;
  throw new PluginError(
    'OVEN_ERR_PLUGIN_INVALID_MAIN',
    name,
    `Plugin "${name}": ${file} exports ${candidate === null ? 'null' : typeof candidate}, not a plugin. ` +
      `Export a class or an object with at least one of ${LIFECYCLE.join(', ')} (as module.exports or default).`,
  );
}
