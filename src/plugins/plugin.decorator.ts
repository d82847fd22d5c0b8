import { createClassDecorator } from '../di';
import type { PluginMetadata } from './plugin-metadata';

/** The discoverable marker behind `@Plugin()`, for `DiscoveryService.getProviders`. */
export const PluginMarker = createClassDecorator<PluginMetadata>('Plugin');

/**
 * Makes a provider class a plugin: `PluginsModule` finds it at bootstrap, orders it with the
 * external plugins by `dependsOn`, and calls its `onLoad`/`onEnable` (and `onDisable`/`onUnload`
 * on shutdown). It is a normal provider: it injects the app's services through its constructor,
 * and its module can export providers to the app.
 *
 * @example
 * ```ts
 * @Plugin({ name: 'welcome', version: '1.0.0', dependsOn: { storage: '^2.0.0' } })
 * @Injectable()
 * export class WelcomePlugin implements OvenPlugin {
 *   constructor(private readonly rest: RestClient) {}
 *   onEnable(context: PluginContext) {
 *     context.hooks.register('afterMessageReceive', ({ message }) => this.greet(message));
 *   }
 * }
 * ```
 */
export function Plugin(metadata: PluginMetadata): ClassDecorator {
  return PluginMarker(metadata);
}
