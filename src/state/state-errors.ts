import { OvenError } from '../errors';

/**
 * `dispatch` got an action whose `type` no reducer handles (a typo, or a reducer map that was
 * not passed to this store). Nothing changed.
 */
export class StateUnknownActionError extends OvenError {
  public constructor(
    public readonly store: string,
    public readonly actionType: unknown,
    public readonly known: readonly string[],
    suggestion: string | undefined,
  ) {
    super(
      'OVEN_ERR_STATE_UNKNOWN_ACTION',
      `Store "${store}" has no reducer for action type ${JSON.stringify(actionType) ?? String(actionType)}` +
        `${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}. ` +
        `Known types: ${known.length === 0 ? 'none' : known.map((type) => `"${type}"`).join(', ')}. ` +
        'Fix: dispatch one of these, or add a reducer for it to `reducers`.',
    );
  }
}

/** A reducer threw, or returned a Promise. The state is the one from before the action. */
export class StateReducerError extends OvenError {
  public constructor(
    public readonly store: string,
    public readonly actionType: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      'OVEN_ERR_STATE_REDUCER_FAILED',
      `The reducer for "${actionType}" in store "${store}" failed: ${reason}. The state was left unchanged. ` +
        'Fix: reducers must be synchronous and either mutate the draft or return a whole new state, never both.',
      options,
    );
  }
}

/**
 * A change would have left the store in a state of the wrong shape (a reducer returning a
 * number where the state is an object, a snapshot of an array restored into a Map store) or one
 * the store's `validate` option refused. The state was left unchanged.
 */
export class StateInvalidStateError extends OvenError {
  public constructor(
    public readonly store: string,
    public readonly source: string,
    public readonly problem: string,
  ) {
    super(
      'OVEN_ERR_STATE_INVALID_STATE',
      `${source} would leave store "${store}" in an invalid state: ${problem}. The state was left unchanged. ` +
        'Fix: make the reducer mutate the draft (or return a value of the same shape as `initial`), ' +
        'or relax the store\'s `validate` option if the new shape is intended.',
    );
  }
}

/** A middleware vetoed an action (a validation rule); nothing changed. */
export class StateActionVetoedError extends OvenError {
  public constructor(
    public readonly store: string,
    public readonly actionType: string,
    public readonly reason: string,
  ) {
    super(
      'OVEN_ERR_STATE_ACTION_VETOED',
      `Store "${store}" refused action "${actionType}": ${reason}. Nothing changed. ` +
        'Fix: dispatch a valid action; the rule that refused it is one of the store\'s `middleware`.',
    );
  }
}

/** A middleware called `next` twice, which would apply one action twice. */
export class StateMiddlewareError extends OvenError {
  public constructor(
    public readonly store: string,
    public readonly index: number,
  ) {
    super(
      'OVEN_ERR_STATE_MIDDLEWARE_NEXT_TWICE',
      `Middleware #${index} of store "${store}" called next() more than once for one action. ` +
        'Fix: call next(action) at most once; to dispatch another action, call store.dispatch.',
    );
  }
}

/**
 * `applyDelta` got a delta that does not continue this store's version: deltas were missed (or
 * arrive out of order). Nothing was applied. Resynchronise from a snapshot of the source
 * (`replica.restore(source.snapshot())`), then apply the deltas that follow it.
 */
export class StateVersionGapError extends OvenError {
  public constructor(
    public readonly store: string,
    /** The version this store is at (what the next delta must start from). */
    public readonly expected: number,
    /** The version the delta starts from. */
    public readonly received: number,
  ) {
    super(
      'OVEN_ERR_STATE_VERSION_GAP',
      `Store "${store}" is at version ${expected} but the delta starts from version ${received}: ` +
        `${received > expected ? `${received - expected} change(s) are missing` : 'it forks from an older version'}. ` +
        'Nothing was applied. Fix: resync with store.restore(snapshot) using a snapshot of the source ' +
        '(StateSync does this by itself from the snapshot kept in Redis), then apply the later deltas.',
    );
  }
}

/** A delta from elsewhere is not a well-formed `StateDelta`, or its patches do not fit the state. */
export class StateMalformedDeltaError extends OvenError {
  public constructor(
    public readonly store: string,
    public readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(
      'OVEN_ERR_STATE_MALFORMED_DELTA',
      `Store "${store}" refused a delta: ${problem}. Nothing was applied. ` +
        'Fix: send deltas exactly as a store emitted them ({ version, baseVersion, patches, origin }, ' +
        'encoded with encodeStateJson), and make every instance use the same reducers and initial state.',
      options,
    );
  }
}

/** A snapshot is not a well-formed `StateSnapshot` (bad JSON, a missing version, a state of the wrong shape). */
export class StateMalformedSnapshotError extends OvenError {
  public constructor(
    public readonly store: string,
    public readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(
      'OVEN_ERR_STATE_MALFORMED_SNAPSHOT',
      `Store "${store}" cannot restore this snapshot: ${problem}. The state was left unchanged. ` +
        'Fix: restore only what store.snapshot() produced (through encodeSnapshot/decodeSnapshot for JSON).',
      options,
    );
  }
}

/** `history.jumpTo` got an index or label the bounded history does not hold. */
export class StateHistoryRangeError extends OvenError {
  public constructor(
    public readonly store: string,
    public readonly target: number | string,
    public readonly size: number,
  ) {
    super(
      'OVEN_ERR_STATE_HISTORY_RANGE',
      `Store "${store}" cannot jump to ${typeof target === 'string' ? `label "${target}"` : `index ${target}`}: ` +
        `its history holds positions 0 to ${size}. Fix: pick a position from store.history.entries ` +
        '(older entries fall off past `history.limit`).',
    );
  }
}

/** A store or sync option was invalid; thrown where the option was given. */
export class StateInvalidOptionError extends OvenError {
  public constructor(
    public readonly option: string,
    public readonly value: unknown,
    expected: string,
  ) {
    super('OVEN_ERR_STATE_INVALID_OPTION', `State option "${option}" must be ${expected}, got ${describe(value)}.`);
  }
}

/**
 * The sync transport (Redis) could not be reached. Reported through the sync's `error` event;
 * local changes are kept and sent once it answers again.
 */
export class StateTransportUnavailableError extends OvenError {
  public constructor(
    public readonly target: string,
    public readonly operation: string,
    options?: { cause?: unknown },
  ) {
    super(
      'OVEN_ERR_STATE_TRANSPORT_UNAVAILABLE',
      `State sync could not ${operation}: ${target} is unreachable. Local changes are kept and sent when it ` +
        'answers again. Fix: start Redis or correct the transport `url`.',
      options,
    );
  }
}

/** A sync was used after `stop()`. */
export class StateSyncClosedError extends OvenError {
  public constructor(public readonly store: string) {
    super(
      'OVEN_ERR_STATE_SYNC_CLOSED',
      `The sync of store "${store}" is stopped. Fix: create a new StateSync (or restart the application).`,
    );
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * A hooked dispatch kept finding the store changed by other writers while its
 * `beforeStateChange` handlers ran, and gave up rather than overwrite their changes.
 */
export class StateHookContentionError extends OvenError {
  public constructor(
    public readonly store: string,
    public readonly actionType: string,
    public readonly attempts: number,
  ) {
    super(
      'OVEN_ERR_STATE_HOOK_CONTENTION',
      `Store "${store}" changed ${attempts} times while the beforeStateChange handlers for "${actionType}" ran; ` +
        'the action was not applied. Fix: make those handlers faster, or dispatch hot actions on the store directly ' +
        '(afterStateChange still fires for them).',
    );
  }
}

/**
 * An undo, redo or jump no longer applies: a change from elsewhere (a delta, another process)
 * removed what the step touched. Nothing changed and the history position stayed.
 */
export class StateHistoryConflictError extends OvenError {
  public constructor(
    public readonly store: string,
    public readonly operation: string,
    public readonly label: string,
    options?: { cause?: unknown },
  ) {
    super(
      'OVEN_ERR_STATE_HISTORY_CONFLICT',
      `Store "${store}" cannot ${operation} "${label}": a change made elsewhere since removed what that step touched. ` +
        'Nothing changed. Fix: dispatch a new action instead, or call store.history.clear() after applying remote changes ' +
        'that replace whole parts of the state.',
      options,
    );
  }
}

/**
 * The shared log is behind what this instance had already applied: the medium lost data (Redis
 * restarted without persistence, or its keys were deleted). Sync recovers by itself: the first
 * instance to notice stores its state as the snapshot the log restarts from, and every instance
 * reloads from there. Reported through the sync's `syncError` event (source `reset`).
 */
export class StateLogRegressedError extends OvenError {
  public constructor(
    public readonly store: string,
    public readonly target: string,
    public readonly appliedSeq: number,
    public readonly logSeq: number,
  ) {
    super(
      'OVEN_ERR_STATE_LOG_REGRESSED',
      `The shared log of store "${store}" on ${target} is at seq ${logSeq}, behind seq ${appliedSeq} this instance had ` +
        'applied: it lost data. Sync re-seeded it from the state the instances held and carries on. ' +
        'Fix: enable persistence (AOF) on the Redis that holds state logs, so a restart keeps them.',
    );
  }
}
