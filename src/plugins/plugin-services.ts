import { PluginError } from './plugin.error';
import type { ServiceToken } from './plugin-lifecycle';

function describeToken(token: ServiceToken): string {
  if (typeof token === 'function') return token.name;
  return typeof token === 'object' ? token.description : String(token);
}

/**
 * Where plugins exchange services with the app: the app registers what plugins may use
 * (`ServiceRegistry.provide`), plugins provide theirs while enabled. The DI module makes the app's
 * container the fallback, so a plugin can get any exported provider.
 *
 * @example
 * ```ts
 * const services = new ServiceRegistry((token) => app.get(token));
 * services.get(RestClient);
 * ```
 */
export class ServiceRegistry {
  private readonly values = new Map<ServiceToken, { value: unknown; owner: string }>();

  /** @param fallback looks up tokens nobody provided here (the app's container); `undefined` if absent. */
  public constructor(private readonly fallback?: (token: ServiceToken) => unknown) {}

  public provide<T>(token: ServiceToken<T>, value: T, owner = 'app'): void {
    const existing = this.values.get(token);
    if (existing !== undefined && existing.owner !== owner) {
      throw new PluginError(
        'OVEN_ERR_PLUGIN_SERVICE_CONFLICT',
        owner,
        `Plugin "${owner}" provides "${describeToken(token)}", which "${existing.owner}" already provides. ` +
          'Use a token unique to your plugin (a symbol or a class), or depend on the provider instead.',
      );
    }
    this.values.set(token, { value, owner });
  }

  public get<T>(token: ServiceToken<T>, requester = 'app'): T {
    const entry = this.values.get(token);
    if (entry !== undefined) return entry.value as T;
    const fallback = this.fallback?.(token);
    if (fallback !== undefined) return fallback as T;
    throw new PluginError(
      'OVEN_ERR_PLUGIN_SERVICE_NOT_FOUND',
      requester,
      `"${requester}" asked for service "${describeToken(token)}", which neither the app nor an enabled plugin ` +
        'provides. Declare the plugin that provides it in your dependencies so it is enabled first.',
    );
  }

  public has(token: ServiceToken): boolean {
    return this.values.has(token);
  }

  /** Withdraws everything `owner` provided (when a plugin is disabled). */
  public withdraw(owner: string): void {
    for (const [token, entry] of this.values) if (entry.owner === owner) this.values.delete(token);
  }
}
