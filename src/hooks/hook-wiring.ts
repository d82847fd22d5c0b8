import { CACHE_BRIDGE_HOOKS } from './bridges/cache';
import { CLIENT_BRIDGE_HOOKS } from './bridges/client';
import { COMMAND_BRIDGE_HOOKS } from './bridges/commands';
import { EVENT_BRIDGE_HOOKS } from './bridges/events';
import { GATEWAY_BRIDGE_HOOKS } from './bridges/gateway';
import { REST_BRIDGE_HOOKS } from './bridges/rest';

/**
 * Which bridge fires which hook point today, for `docs/hooks.md` and for `listUnfiredHooks()`.
 * Each bridge lists the points it fires; the bridge's tests (test/integration/hooks, test/hooks,
 * test/plugins) register on each of them and prove it fires.
 */
export const HOOK_WIRING: ReadonlyMap<string, string> = new Map<string, string>([
  ['applicationBootstrap', 'HooksModule'],
  ['beforeShutdown', 'HooksModule'],
  ['afterShutdown', 'HooksModule'],
  ...CLIENT_BRIDGE_HOOKS.map((hook): [string, string] => [hook, 'bridgeClientHooks']),
  ...REST_BRIDGE_HOOKS.map((hook): [string, string] => [hook, 'bridgeRestHooks']),
  ...GATEWAY_BRIDGE_HOOKS.map((hook): [string, string] => [hook, 'bridgeGatewayHooks']),
  ...EVENT_BRIDGE_HOOKS.map((hook): [string, string] => [hook, 'bridgeEventHooks']),
  ...CACHE_BRIDGE_HOOKS.map((hook): [string, string] => [hook, hook === 'cacheEvict' ? 'HookedCache (and Cache evictions)' : 'HookedCache']),
  ...COMMAND_BRIDGE_HOOKS.map((hook): [string, string] => [
    hook,
    hook.endsWith('Register') ? 'bridgeCommandHooks (CommandsModule sync), syncCommandsWithHooks' : 'bridgeCommandHooks',
  ]),
  ['pluginDiscovered', 'PluginManager'],
  ['beforePluginLoad', 'PluginManager'],
  ['afterPluginLoad', 'PluginManager'],
  ['pluginEnabled', 'PluginManager'],
  ['pluginDisabled', 'PluginManager'],
  ['pluginFailed', 'PluginManager'],
  ['pluginReloaded', 'PluginManager.reload'],
  // State points fire from src/state's HookedStore (state depends on hooks, not the reverse).
  ['beforeStateChange', 'HookedStore'],
  ['afterStateChange', 'HookedStore'],
  ['stateConflict', 'HookedStore.resolveConflicts'],
  ['stateSnapshot', 'HookedStore, PluginManager.reload'],
  ['stateRestore', 'HookedStore, PluginManager.reload'],
  ['sandboxViolation', 'PluginSandbox'],
]);
