import { type DynamicModule, Module, ModuleRef } from '../../di';
import { HookManager } from '../../hooks';
import { PluginManager } from '../plugin-manager';
import { ServiceRegistry } from '../plugin-services';
import type { ServiceToken } from '../plugin-lifecycle';
import { PluginBootstrap } from './plugin-bootstrap';
import { PLUGINS_OPTIONS, type PluginsModuleOptions } from './plugins-options';

function appLookup(moduleRef: ModuleRef): (token: ServiceToken) => unknown {
  return (token) => {
    try {
      return moduleRef.get(token as Parameters<ModuleRef['get']>[0], { strict: false });
    } catch {
      return undefined;
    }
  };
}

/**
 * Runs plugins in a DI application: `@Plugin` providers and external `ovenjs-plugin-*` packages
 * and plugin folders, in one dependency order. Provides the `PluginManager` (and its registry) and
 * the `ServiceRegistry` through which external plugins get the app's providers and offer their own.
 * Uses the app's `HookManager` when `HooksModule` is imported.
 *
 * @example
 * ```ts
 * @Module({
 *   imports: [HooksModule.forRoot(), PluginsModule.forRoot({ directories: ['./plugins'], hotReload: true })],
 *   providers: [WelcomePlugin],
 * })
 * class AppModule {}
 * ```
 */
@Module({})
export class PluginsModule {
  public static forRoot(options: PluginsModuleOptions = {}): DynamicModule {
    return {
      module: PluginsModule,
      global: true,
      providers: [
        { provide: PLUGINS_OPTIONS, useValue: options },
        { provide: ServiceRegistry, useFactory: (moduleRef: ModuleRef) => new ServiceRegistry(appLookup(moduleRef)), inject: [ModuleRef] },
        {
          provide: PluginManager,
          useFactory: (settings: PluginsModuleOptions, services: ServiceRegistry, hooks: HookManager | undefined) =>
            new PluginManager({ ...settings, services, ...(hooks === undefined ? {} : { hooks }) }),
          inject: [PLUGINS_OPTIONS, ServiceRegistry, { token: HookManager, optional: true }],
        },
        PluginBootstrap,
      ],
      exports: [PluginManager, ServiceRegistry],
    };
  }
}
