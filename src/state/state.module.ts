import { Module, InjectionToken, type DynamicModule, type Provider } from '../di';
import type { StateAction } from './action';
import { STATE_SYNC_SETTINGS, type StateModuleOptions, type StateSyncSettings } from './state-options.token';
import { StateRegistry } from './state-registry';
import { StateInvalidOptionError } from './state-errors';
import type { Store } from './store';
import type { AnyStoreDefinition, StoreDefinition } from './store-definition';

let registries = 0;

/**
 * Provides stores by token. `forRoot` is global: its stores, the `StateRegistry` and the sync
 * settings are visible everywhere; `forFeature` provides more stores to the module that imports
 * it (synced with the root's settings). `app.init()` loads each synced store from Redis before the
 * bot starts; `app.close()` stops the syncs and closes their connections.
 *
 * @example
 * ```ts
 * @Module({
 *   imports: [StateModule.forRoot({ stores: [Settings], sync: { transport: (name) => new RedisStateTransport({ url, prefix: `mybot:state:${name}` }) } })],
 *   providers: [PrefixService],
 * })
 * class AppModule {}
 * ```
 */
@Module({})
export class StateModule {
  /** The stores of the whole application, and how they sync (if they do). */
  public static forRoot(options: StateModuleOptions): DynamicModule {
    const registry = new InjectionToken<StateRegistry>(`StateRegistry#${(registries += 1)}`);
    return {
      module: StateModule,
      global: true,
      providers: [{ provide: STATE_SYNC_SETTINGS, useValue: options.sync }, ...storeProviders(options.stores, registry), { provide: StateRegistry, useExisting: registry }],
      exports: [STATE_SYNC_SETTINGS, StateRegistry, ...options.stores.map((definition) => definition.token)],
    };
  }

  /**
   * More stores, for the importing module only (a feature's own state).
   *
   * @example
   * ```ts
   * @Module({ imports: [StateModule.forFeature([Tickets])], providers: [TicketService] })
   * class TicketsModule {}
   * ```
   */
  public static forFeature(stores: readonly AnyStoreDefinition[]): DynamicModule {
    const registry = new InjectionToken<StateRegistry>(`StateRegistry#${(registries += 1)}`);
    return {
      module: StateModule,
      providers: storeProviders(stores, registry),
      exports: stores.map((definition) => definition.token),
    };
  }
}

/**
 * One registry per import builds the stores (so its lifecycle hooks own their syncs); each store
 * token forwards to the registry's instance.
 */
function storeProviders(stores: readonly AnyStoreDefinition[], registry: InjectionToken<StateRegistry>): Provider[] {
  const names = new Set<string>();
  for (const definition of stores) {
    if (names.has(definition.name)) throw new StateInvalidOptionError('stores', definition.name, 'stores with distinct names');
    names.add(definition.name);
  }
  return [
    {
      provide: registry,
      useFactory: (settings: StateSyncSettings | undefined) =>
        new StateRegistry(new Map(stores.map((definition) => [definition.name, definition.create() as Store<unknown, StateAction>])), settings),
      inject: [{ token: STATE_SYNC_SETTINGS, optional: true }],
    },
    ...stores.map((definition) => ({
      provide: definition.token,
      useFactory: (owner: StateRegistry) => owner.storeOf(definition as unknown as StoreDefinition<unknown, StateAction>),
      inject: [registry],
    })),
  ];
}
