import { type DynamicModule, Module, ModuleRef } from '../../di';
import { HookManager } from '../../hooks';
import { RestClient } from '../../rest';
import { PluginManager } from '../plugin-manager';
import { PluginSandbox } from '../sandbox/plugin-sandbox';
import type { SandboxLauncher, SandboxOptions } from '../sandbox/sandbox-options';
import { ServiceRegistry } from '../plugin-services';
import type { ServiceToken } from '../plugin-lifecycle';
import { PluginBootstrap } from './plugin-bootstrap';
import { PLUGINS_OPTIONS, type PluginsModuleOptions } from './plugins-options';

function sandboxFor(setting: PluginsModuleOptions['sandbox'], moduleRef: ModuleRef): SandboxLauncher | undefined {
  if (setting === undefined) return undefined;
  if (typeof setting === 'object' && 'launch' in setting) return setting;
  const options: SandboxOptions = setting === true ? {} : setting;
  // Looked up per call, from any module: the RestClient usually lives in OvenModule, and plugins
  // only call out after the app has started.
  const rest: NonNullable<SandboxOptions['rest']> = {
    request: (method, route, callOptions) => moduleRef.get(RestClient, { strict: false }).request(method, route, callOptions),
  };
  return new PluginSandbox({ rest, ...options });
}

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
          useFactory: (settings: PluginsModuleOptions, services: ServiceRegistry, hooks: HookManager | undefined, moduleRef: ModuleRef) => {
            const { sandbox, ...managerOptions } = settings;
            const launcher = sandboxFor(sandbox, moduleRef);
            return new PluginManager({ ...managerOptions, services, ...(hooks === undefined ? {} : { hooks }), ...(launcher === undefined ? {} : { sandbox: launcher }) });
          },
          inject: [PLUGINS_OPTIONS, ServiceRegistry, { token: HookManager, optional: true }, ModuleRef],
        },
        PluginBootstrap,
      ],
      exports: [PluginManager, ServiceRegistry],
    };
  }
}
