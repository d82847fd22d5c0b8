import {
  DiscoveryService,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '../../di';
import type { OvenPlugin } from '../plugin-lifecycle';
import { PluginMarker } from '../plugin.decorator';
import { PluginManager } from '../plugin-manager';
import { PluginWatcher } from '../reload/plugin-watcher';
import { PLUGINS_OPTIONS, type PluginsModuleOptions } from './plugins-options';

/**
 * Adds the app's `@Plugin` providers to the manager, starts every plugin at bootstrap (after all
 * providers exist, so plugins can use them) and stops them in reverse on shutdown.
 */
@Injectable()
export class PluginBootstrap implements OnApplicationBootstrap, OnApplicationShutdown {
  private watcher: PluginWatcher | undefined;

  public constructor(
    @Inject(PluginManager) private readonly plugins: PluginManager,
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
    @Inject(PLUGINS_OPTIONS) private readonly options: PluginsModuleOptions,
  ) {}

  public async onApplicationBootstrap(): Promise<void> {
    for (const found of this.discovery.getProviders(PluginMarker)) {
      this.plugins.add(found.metadata, () => found.getInstance() as OvenPlugin);
    }
    await this.plugins.start();
    const hotReload = this.options.hotReload ?? process.env['NODE_ENV'] === 'development';
    if (hotReload !== false) {
      this.watcher = new PluginWatcher(this.plugins, hotReload === true ? {} : hotReload);
      this.watcher.start();
    }
  }

  public async onApplicationShutdown(): Promise<void> {
    this.watcher?.close();
    await this.plugins.stop();
  }
}
