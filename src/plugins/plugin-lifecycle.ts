import type { InjectionToken } from '../di';
import type { HookHandler, HookName, HookRegisterOptions, HookRegistration } from '../hooks';
import type { PluginManifest } from './manifest/plugin-manifest';

/** A key under which a service is provided or looked up: the app's DI tokens work too. */
export type ServiceToken<T = unknown> = string | symbol | (abstract new (...args: never[]) => T) | InjectionToken<T>;

/** The services a plugin can see: the app's, and those other plugins provided. */
export interface PluginServiceAccess {
  /** A service provided by the app or another plugin; throws `OVEN_ERR_PLUGIN_SERVICE_NOT_FOUND`. */
  get<T>(token: ServiceToken<T>): T;
  /** Offers a service to the app and to plugins loaded after this one, until this one is disabled. */
  provide<T>(token: ServiceToken<T>, value: T): void;
}

/** Hook registration on behalf of a plugin: everything registered here is removed on disable. */
export interface PluginHookAccess {
  register<K extends HookName>(name: K, handler: HookHandler<K>, options?: Omit<HookRegisterOptions, 'owner'>): HookRegistration;
}

/**
 * What a plugin receives in each lifecycle method.
 *
 * @example
 * ```ts
 * onEnable(context: PluginContext) {
 *   context.hooks.register('afterMessageReceive', ({ message }) => this.count++);
 *   const timer = setInterval(() => this.flush(), 60_000);
 *   context.onDisable(() => clearInterval(timer));
 * }
 * ```
 */
export interface PluginContext {
  readonly name: string;
  readonly version: string;
  /** The validated `plugin.json`, for external plugins. */
  readonly manifest: PluginManifest | undefined;
  readonly hooks: PluginHookAccess;
  readonly services: PluginServiceAccess;
  /**
   * Registers cleanup run when the plugin is disabled or reloaded: event handlers, middleware,
   * commands and timers the plugin added outside the hook manager.
   */
  onDisable(cleanup: () => void | Promise<void>): void;
}

/**
 * The lifecycle a plugin may implement, every method optional. Order: `onLoad` (after import,
 * dependencies loaded), `onEnable` (dependencies enabled), and in reverse on shutdown `onDisable`,
 * `onUnload`. On a hot reload, what the old version's `onUnload` returns is the new version's
 * `onLoad` second argument.
 *
 * @example
 * ```ts
 * export default class Counter implements OvenPlugin<{ count: number }> {
 *   private count = 0;
 *   onLoad(_context: PluginContext, state?: { count: number }) { this.count = state?.count ?? 0; }
 *   onUnload() { return { count: this.count }; }
 * }
 * ```
 */
export interface OvenPlugin<State = unknown> {
  onLoad?(context: PluginContext, previousState?: State): void | Promise<void>;
  onEnable?(context: PluginContext): void | Promise<void>;
  onDisable?(context: PluginContext): void | Promise<void>;
  onUnload?(context: PluginContext): State | void | Promise<State | void>;
}
