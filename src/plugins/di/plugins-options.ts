import { InjectionToken } from '../../di';
import type { PluginManagerOptions } from '../plugin-manager';
import type { PluginWatcherOptions } from '../reload/plugin-watcher';

/** Options of `PluginsModule.forRoot`. */
export interface PluginsModuleOptions extends Omit<PluginManagerOptions, 'hooks' | 'services'> {
  /**
   * Watch external plugin folders and hot reload on change.
   * @defaultValue true when `NODE_ENV` is `development`
   */
  readonly hotReload?: boolean | PluginWatcherOptions;
}

/** The options given to `PluginsModule.forRoot`. */
export const PLUGINS_OPTIONS = new InjectionToken<PluginsModuleOptions>('PLUGINS_OPTIONS');
