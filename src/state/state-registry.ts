import type { OnModuleDestroy, OnModuleInit } from '../di';
import type { StateAction } from './action';
import type { StateSyncSettings } from './state-options.token';
import { StateSync } from './state-sync';
import type { Store } from './store';
import type { StoreDefinition } from './store-definition';

/**
 * The stores one `StateModule` import provides, with their syncs: started during `app.init()`
 * (each store loads the shared state before the bot handles events), stopped on `app.close()`,
 * which closes every transport.
 *
 * @example
 * ```ts
 * const registry = app.get(StateRegistry);
 * registry.syncOf(Settings)?.on('down', ({ error }) => logger.warn(error.message));
 * ```
 */
export class StateRegistry implements OnModuleInit, OnModuleDestroy {
  private readonly syncs = new Map<string, StateSync<unknown, StateAction>>();

  public constructor(
    private readonly stores: ReadonlyMap<string, Store<unknown, StateAction>>,
    settings: StateSyncSettings | undefined,
  ) {
    if (settings === undefined) return;
    for (const [name, store] of stores) this.syncs.set(name, new StateSync(store, settings.transport(name), settings.options));
  }

  /** The sync of a store this registry holds, or `undefined` when it is not synced. */
  public syncOf<S, A extends StateAction>(definition: StoreDefinition<S, A>): StateSync<S, A> | undefined {
    return this.syncs.get(definition.name) as StateSync<S, A> | undefined;
  }

  /** The store of a definition this registry holds. */
  public storeOf<S, A extends StateAction>(definition: StoreDefinition<S, A>): Store<S, A> | undefined {
    return this.stores.get(definition.name) as Store<S, A> | undefined;
  }

  public async onModuleInit(): Promise<void> {
    try {
      for (const sync of this.syncs.values()) await sync.start();
    } catch (error) {
      // A failed init does not reach onModuleDestroy: release the connections here, or a Redis
      // client left reconnecting would keep the process alive.
      for (const sync of this.syncs.values()) await sync.stop().catch(() => undefined);
      throw error;
    }
  }

  public async onModuleDestroy(): Promise<void> {
    // Every sync is stopped even if one fails: a transport left open keeps the process alive.
    let failure: { error: unknown } | undefined;
    for (const sync of this.syncs.values()) {
      try {
        await sync.stop();
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure !== undefined) throw failure.error;
  }
}
