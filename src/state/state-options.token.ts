import { InjectionToken } from '../di';
import type { StateSyncOptions } from './state-sync-events';
import type { AnyStoreDefinition } from './store-definition';
import type { StateTransport } from './transport';

/** How `StateModule` syncs stores across processes. */
export interface StateSyncSettings {
  /** One transport per store (each store needs its own channel/prefix). */
  readonly transport: (storeName: string) => StateTransport;
  readonly options?: StateSyncOptions;
}

/** What `StateModule.forRoot` takes. */
export interface StateModuleOptions {
  readonly stores: readonly AnyStoreDefinition[];
  /** Sync every store of the application (those of `forFeature` too) across processes. */
  readonly sync?: StateSyncSettings;
}

/** The sync settings of `StateModule.forRoot`, which `forFeature` modules use too. */
export const STATE_SYNC_SETTINGS = new InjectionToken<StateSyncSettings | undefined>('STATE_SYNC_SETTINGS');
