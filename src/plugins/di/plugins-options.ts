import { InjectionToken } from '../../di';
import type { PluginManagerOptions } from '../plugin-manager-options';
import type { SandboxLauncher, SandboxOptions } from '../sandbox/sandbox-options';
import type { PluginWatcherOptions } from '../reload/plugin-watcher';

/** Options of `PluginsModule.forRoot`. */
export interface PluginsModuleOptions extends Omit<PluginManagerOptions, 'hooks' | 'services' | 'sandbox'> {
  /**
   * Runs `"sandbox": true` plugins: `true` or sandbox options build a `PluginSandbox` whose REST
   * calls go through the app's `RestClient`; or pass your own launcher.
   */
  readonly sandbox?: true | SandboxOptions | SandboxLauncher;
  /**
   * Watch external plugin folders and hot reload on change.
   * @defaultValue true when `NODE_ENV` is `development`
   */
  readonly hotReload?: boolean | PluginWatcherOptions;
}

/** The options given to `PluginsModule.forRoot`. */
export const PLUGINS_OPTIONS = new InjectionToken<PluginsModuleOptions>('PLUGINS_OPTIONS');
