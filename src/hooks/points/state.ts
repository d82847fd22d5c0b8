import type { HookPointTable } from '../hook-point';

/** A state value about to change, or that changed. */
export interface StateChangePayload {
  readonly key: string;
  readonly previous: unknown;
  next: unknown;
}

/** A snapshot being persisted or restored. */
export interface StateSnapshotPayload {
  readonly key: string;
  snapshot: unknown;
}

/** Two writers disagree about a key. */
export interface StateConflictPayload {
  readonly key: string;
  readonly local: unknown;
  readonly remote: unknown;
}

/** What a `stateConflict` handler returns: the value to keep. */
export interface StateResolution {
  readonly value: unknown;
}

/** State hook signatures. */
export interface StateHookPoints {
  beforeStateChange: { kind: 'waterfall'; payload: StateChangePayload };
  afterStateChange: { kind: 'parallel'; payload: StateChangePayload };
  stateSnapshot: { kind: 'waterfall'; payload: StateSnapshotPayload };
  stateRestore: { kind: 'waterfall'; payload: StateSnapshotPayload };
  stateConflict: { kind: 'bail'; payload: StateConflictPayload; result: StateResolution };
}

export const STATE_HOOK_POINTS: HookPointTable<StateHookPoints> = {
  beforeStateChange: {
    kind: 'waterfall',
    description: 'A state value is about to change; handlers may rewrite the next value.',
    payloadType: 'StateChangePayload',
    firesAt: 'State stores, before a write',
  },
  afterStateChange: {
    kind: 'parallel',
    description: 'A state value changed.',
    payloadType: 'StateChangePayload',
    firesAt: 'State stores, after a write',
  },
  stateSnapshot: {
    kind: 'waterfall',
    description: 'A snapshot is about to be persisted or handed over.',
    payloadType: 'StateSnapshotPayload',
    firesAt: 'PluginReloader, when onUnload returns state',
  },
  stateRestore: {
    kind: 'waterfall',
    description: 'A snapshot is about to be restored.',
    payloadType: 'StateSnapshotPayload',
    firesAt: 'PluginReloader, before the fresh plugin\'s onLoad receives state',
  },
  stateConflict: {
    kind: 'bail',
    description: 'Two writers disagree; return a StateResolution to choose the value.',
    payloadType: 'StateConflictPayload',
    resultType: 'StateResolution',
    firesAt: 'State stores, when a compare-and-set fails',
  },
};
