export { Store } from './store';
export { createStore } from './create-store';
export type { StoreOptions, DispatchOptions, Reduction, OptimisticUpdate } from './store-options';
export type { StateAction, StateReducer, ReducerMap, ActionOf, ReducersFor } from './action';
export type { StateChange, StateChangeKind, StoreEvents } from './state-change';
export { Selection } from './selection';
export type { Equality } from './selection';
export { StateHistory } from './history';
export type { HistoryEntry } from './history';
export { encodeSnapshot, decodeSnapshot } from './snapshot';
export type { StateSnapshot } from './snapshot';
export type { StateDelta } from './delta';
export { encodeStateJson, decodeStateJson } from './json-codec';
export { stateValidationMiddleware, stateLoggingMiddleware } from './middleware';
export type { StateMiddleware, StateMiddlewareContext } from './middleware';
export {
  StateUnknownActionError,
  StateReducerError,
  StateInvalidStateError,
  StateActionVetoedError,
  StateMiddlewareError,
  StateVersionGapError,
  StateMalformedDeltaError,
  StateMalformedSnapshotError,
  StateHistoryRangeError,
  StateInvalidOptionError,
  StateTransportUnavailableError,
  StateSyncClosedError,
  StateHookContentionError,
  StateHistoryConflictError,
  StateLogRegressedError,
} from './state-errors';
export { StateSync } from './state-sync';
export type { StateSyncOptions, StateSyncEvents } from './state-sync-events';
export type { StateTransport, SyncMessage, CommitResult, StoredSnapshot } from './transport';
export { MemoryStateHub, MemoryStateTransport } from './memory-transport';
export { RedisStateTransport } from './redis-transport';
export type { RedisStateTransportOptions } from './redis-transport';
export { StateModule } from './state.module';
export { StateRegistry } from './state-registry';
export { defineStore } from './store-definition';
export type { StoreDefinition, AnyStoreDefinition, StoreOf } from './store-definition';
export { STATE_SYNC_SETTINGS } from './state-options.token';
export type { StateModuleOptions, StateSyncSettings } from './state-options.token';
export { HookedStore, STATE_BRIDGE_HOOKS } from './hooked-store';
