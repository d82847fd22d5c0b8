import { randomUUID } from 'node:crypto';
import { freeze, type Patch } from 'immer';
import type { ReducersFor, StateAction } from './action';
import { changeOf, type CommitMeta, isHistoryStep } from './commit-meta';
import { deltaProblem, type StateDelta } from './delta';
import { StateHistory } from './history';
import { composeMiddleware } from './middleware';
import { OptimisticJournal, withoutFirst } from './optimistic';
import { patchState, produceState } from './patch-state';
import { runReducer } from './run-reducer';
import { Selection, type Equality } from './selection';
import { shapeOf, snapshotProblem, type StateSnapshot } from './snapshot';
import type { StateChange, StoreEvents } from './state-change';
import type { DispatchOptions, OptimisticUpdate, Reduction, StoreOptions } from './store-options';
import { StateEmitter } from './state-emitter';
import {
  StateHistoryConflictError,
  StateInvalidOptionError,
  StateInvalidStateError,
  StateMalformedDeltaError,
  StateMalformedSnapshotError,
  StateVersionGapError,
} from './state-errors';

/**
 * An immutable state container on immer: actions go through middleware to a reducer that
 * mutates a draft; each change yields patches (for subscribers, history and deltas), the state is
 * deeply frozen, and history, snapshots, deltas and optimistic updates are built on the patches.
 *
 * @example
 * ```ts
 * type Counter = { count: number };
 * type CounterAction = { type: 'add'; by: number } | { type: 'reset' };
 * const store = new Store<Counter, CounterAction>({
 *   initial: { count: 0 },
 *   reducers: { add: (draft, action) => void (draft.count += action.by), reset: () => ({ count: 0 }) },
 * });
 * store.dispatch({ type: 'add', by: 2 });
 * store.getState().count; // 2
 * ```
 */
export class Store<S, A extends StateAction = StateAction> {
  public readonly name: string;
  /** The `origin` of this store's own changes. */
  public readonly id: string;
  public readonly history: StateHistory;
  private state: S;
  private currentVersion = 0;
  private readonly reducers: ReducersFor<S, A>;
  private readonly validate: ((state: S) => string | undefined) | undefined;
  private readonly subscribers = new Set<(change: StateChange<S, A>) => void>();
  private readonly events: StateEmitter<StoreEvents<S, A>>;
  private readonly journal = new OptimisticJournal<A>();
  // Journal ids are this store's own counter, not versions: a restore or a delta can move the
  // version back, and an update pending from before must never name a later change.
  private lastJournalId = 0;
  private readonly journalIds = new WeakMap<StateChange<S, A>, number>();
  private readonly run: (action: A) => StateChange<S, A> | undefined;
  // What the dispatch under way asked for; the middleware chain's last stage reads them.
  private dispatchLabel: string | undefined;
  private dispatchOptimistic = false;

  public constructor(options: StoreOptions<S, A>) {
    if (options.initial === undefined) throw new StateInvalidOptionError('initial', undefined, 'the first state (not undefined)');
    if (typeof options.reducers !== 'object' || options.reducers === null) {
      throw new StateInvalidOptionError('reducers', options.reducers, 'an object mapping action types to reducers');
    }
    const limit = options.historyLimit ?? 100;
    if (!Number.isSafeInteger(limit) || limit < 0) throw new StateInvalidOptionError('historyLimit', limit, 'a non-negative integer');
    this.name = options.name ?? 'store';
    this.id = options.id ?? randomUUID();
    this.state = freeze(options.initial, true);
    this.reducers = options.reducers;
    this.validate = options.validate;
    this.events = new StateEmitter((error, event) => this.reportListenerError(error, String(event)));
    this.history = new StateHistory(this.name, limit, (patches, kind, label) => {
      let next: Reduction<S>;
      try {
        next = patchState(this.state, patches);
      } catch (error) {
        throw new StateHistoryConflictError(this.name, kind, label, { cause: error });
      }
      if (next.patches.length > 0) this.commit(next.state, next.patches, next.inversePatches, { kind, label });
    });
    this.run = composeMiddleware(
      this.name,
      options.middleware ?? [],
      () => this.state,
      (action, reason) => this.events.emit('vetoed', { action, reason }),
      (action) => this.commitAction(action, this.dispatchLabel ?? action.type, this.dispatchOptimistic),
    );
  }

  /** The current state: deeply frozen, replaced (never mutated) by each change. */
  public getState(): S {
    return this.state;
  }

  /** How many changes led here (a restore sets it to the snapshot's version). */
  public get version(): number {
    return this.currentVersion;
  }

  /** The action types this store's reducers handle. */
  public get actionTypes(): readonly string[] {
    return Object.keys(this.reducers);
  }

  /**
   * Runs an action through the middleware and its reducer. Returns the change, or `undefined`
   * when the reducer changed nothing. Throws `StateUnknownActionError`, `StateReducerError`,
   * `StateInvalidStateError` or `StateActionVetoedError`, each leaving the state as it was.
   */
  public dispatch(action: A, options: DispatchOptions = {}): StateChange<S, A> | undefined {
    return this.runWith(action, options.label, false);
  }

  /**
   * What `action` would do to `state`, without committing anything or running middleware: the
   * next state and its patches. Sync uses it to replay local actions on a newer base.
   */
  public reduce(state: S, action: A): Reduction<S> {
    const result = runReducer(this.name, this.reducers, state, action);
    this.check(result.state, `Action "${action.type}"`);
    return result;
  }

  /**
   * Replaces the whole state as one undoable change, checked like a reducer's result (shape and
   * `validate`) but without middleware: for trusted code that computed the next state itself (a
   * `beforeStateChange` hook that rewrote it). Returns `undefined` when `next` is the current state.
   *
   * @example
   * ```ts
   * store.replace({ ...store.getState(), maintenance: true }, { label: 'maintenance on' });
   * ```
   */
  public replace(next: S, options: DispatchOptions = {}): StateChange<S, A> | undefined {
    if (next === this.state) return undefined;
    this.check(next, 'Replacing the state');
    const frozen = freeze(next, true);
    const [state, patches, inversePatches] = produceState(this.state, () => frozen);
    if (patches.length === 0) return undefined;
    return this.commit(state, patches, inversePatches, { kind: 'dispatch', label: options.label ?? 'replace' });
  }

  /**
   * Calls `listener` after every change with its patches; returns an unsubscribe function.
   *
   * @example
   * ```ts
   * const stop = store.subscribe((change) => console.log(change.label, change.patches));
   * ```
   */
  public subscribe(listener: (change: StateChange<S, A>) => void): () => void {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  }

  /**
   * A memoised selector whose listeners run only when the selected value changes.
   *
   * @example
   * ```ts
   * const prefix = store.select((state) => state.guilds['1']?.prefix);
   * prefix.subscribe((next) => console.log('prefix is now', next));
   * ```
   */
  public select<T>(selector: (state: S) => T, equals: Equality<T> = Object.is): Selection<S, T> {
    return new Selection(() => this.state, selector, equals, (onChange) => this.subscribe(onChange));
  }

  /** Listens to a store event (`change`, `vetoed`, `confirmed`, `rollback`, `listenerError`). */
  public on<K extends keyof StoreEvents<S, A>>(event: K, listener: (...args: StoreEvents<S, A>[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  public off<K extends keyof StoreEvents<S, A>>(event: K, listener: (...args: StoreEvents<S, A>[K]) => void): void {
    this.events.off(event, listener);
  }

  /** The whole state at the current version; JSON-ready through `encodeSnapshot`. */
  public snapshot(): StateSnapshot<S> {
    return { format: 'ovenjs.state/1', store: this.name, version: this.currentVersion, state: this.state };
  }

  /**
   * Replaces the state with a snapshot's and takes its version, as one undoable change (its delta
   * replaces the root). Throws `StateMalformedSnapshotError` or `StateInvalidStateError`, leaving
   * the state as it was.
   */
  public restore(snapshot: StateSnapshot<S>): StateChange<S, A> {
    const problem = snapshotProblem(snapshot);
    if (problem !== undefined) throw new StateMalformedSnapshotError(this.name, problem);
    if (shapeOf(snapshot.state) !== shapeOf(this.state)) {
      throw new StateMalformedSnapshotError(this.name, `its state is ${shapeOf(snapshot.state)} where this store holds ${shapeOf(this.state)}`);
    }
    const next = freeze(snapshot.state, true);
    this.check(next, 'Restoring a snapshot');
    const [state, patches, inversePatches] = produceState(this.state, () => next);
    this.journal.clear();
    return this.commit(state, patches, inversePatches, { kind: 'restore', label: 'restore', version: snapshot.version });
  }

  /**
   * Applies another store's delta. Returns false for a delta already applied (a duplicate);
   * throws `StateVersionGapError` when deltas are missing (resync with `restore(snapshot)`),
   * `StateMalformedDeltaError` for a delta that is not one or does not fit the state.
   *
   * @example
   * ```ts
   * primary.subscribe((change) => replica.applyDelta(change.delta));
   * ```
   */
  public applyDelta(delta: StateDelta): boolean {
    const problem = deltaProblem(delta);
    if (problem !== undefined) throw new StateMalformedDeltaError(this.name, problem);
    if (delta.version <= this.currentVersion && delta.baseVersion < this.currentVersion) return false;
    if (delta.baseVersion !== this.currentVersion) {
      throw new StateVersionGapError(this.name, this.currentVersion, delta.baseVersion);
    }
    let result: Reduction<S>;
    try {
      result = patchState(this.state, delta.patches);
    } catch (error) {
      throw new StateMalformedDeltaError(this.name, `its patches do not apply (${error instanceof Error ? error.message : String(error)})`, { cause: error });
    }
    if (shapeOf(result.state) !== shapeOf(this.state)) throw new StateMalformedDeltaError(this.name, `it would turn the state into ${shapeOf(result.state)}`);
    this.commit(result.state, result.patches, result.inversePatches, { kind: 'delta', label: 'delta', origin: delta.origin, version: delta.version });
    return true;
  }

  /**
   * Applies patches made elsewhere as one `remote` change (not a history step): what `StateSync`
   * uses to bring in other processes' changes. Throws `StateMalformedDeltaError` if they do not
   * apply; the state is then unchanged.
   */
  public applyPatches(patches: readonly Patch[], options: { readonly origin: string; readonly label?: string }): StateChange<S, A> | undefined {
    return this.applyInternal(patches, { kind: 'remote', label: options.label ?? 'remote', origin: options.origin }, 'remote patches');
  }

  /**
   * Applies an action at once and keeps it only if `confirm` resolves. If `confirm` rejects,
   * exactly that action is taken out: the changes made since are undone, and replayed on top
   * without it; a `rollback` event reports it.
   *
   * @example
   * ```ts
   * store.optimistic({ type: 'guild/setPrefix', guildId, prefix: '?' }, rest.guilds.edit(guildId, { ... }));
   * store.on('rollback', ({ action, reason }) => logger.warn(`${action.type} rolled back`, reason));
   * ```
   */
  public optimistic(action: A, confirm: PromiseLike<unknown>, options: DispatchOptions = {}): OptimisticUpdate<S, A> {
    const change = this.runWith(action, options.label, true);
    const id = change === undefined ? undefined : this.journalIds.get(change);
    const settled = Promise.resolve(confirm).then(
      () => {
        if (id !== undefined) this.journal.confirm(id);
        this.events.emit('confirmed', { action, version: change?.version ?? this.currentVersion });
        return 'confirmed' as const;
      },
      (reason: unknown) => {
        this.rollback(action, id, reason);
        return 'rolledBack' as const;
      },
    );
    return { change, settled };
  }

  /** Runs the middleware chain with this dispatch's label and flag, restoring the outer ones (a subscriber may dispatch). */
  private runWith(action: A, label: string | undefined, optimistic: boolean): StateChange<S, A> | undefined {
    const outer = [this.dispatchLabel, this.dispatchOptimistic] as const;
    this.dispatchLabel = label;
    this.dispatchOptimistic = optimistic;
    try {
      return this.run(action);
    } finally {
      [this.dispatchLabel, this.dispatchOptimistic] = outer;
    }
  }

  private rollback(action: A, id: number | undefined, reason: unknown): void {
    const held = id === undefined ? undefined : this.journal.from(id);
    if (id === undefined || held === undefined || held.length === 0) {
      // The action changed nothing, or a restore replaced everything since: nothing to take out.
      this.events.emit('rollback', { action, reason, change: undefined, dropped: [] });
      return;
    }
    const { state, patches, inversePatches, replayed, dropped } = withoutFirst(this.state, held, (base, entry) =>
      entry.action !== undefined ? this.reduce(base, entry.action) : patchState(base, entry.patches),
    );
    this.journal.replaceFrom(id, replayed);
    const change = this.commit(state, patches, inversePatches, { kind: 'rollback', label: `rollback ${action.type}` }, false);
    this.events.emit('rollback', { action, reason, change, dropped });
  }

  private commitAction(action: A, label: string, pending: boolean): StateChange<S, A> | undefined {
    const { state, patches, inversePatches } = this.reduce(this.state, action);
    if (patches.length === 0) return undefined;
    return this.commit(state, patches, inversePatches, { kind: 'dispatch', action, label, pending });
  }

  private applyInternal(patches: readonly Patch[], meta: CommitMeta<A>, what: string): StateChange<S, A> | undefined {
    let next: Reduction<S>;
    try {
      next = patchState(this.state, patches);
    } catch (error) {
      throw new StateMalformedDeltaError(this.name, `${what} do not apply (${error instanceof Error ? error.message : String(error)})`, { cause: error });
    }
    if (next.patches.length === 0) return undefined;
    return this.commit(next.state, next.patches, next.inversePatches, meta);
  }

  private check(state: S, source: string): void {
    if (shapeOf(state) !== shapeOf(this.state)) {
      throw new StateInvalidStateError(this.name, source, `the state would become ${shapeOf(state)} instead of ${shapeOf(this.state)}`);
    }
    const problem = this.validate?.(state);
    if (problem !== undefined) throw new StateInvalidStateError(this.name, source, problem);
  }

  private commit(state: S, patches: Patch[], inversePatches: Patch[], meta: CommitMeta<A>, journal = true): StateChange<S, A> {
    const previous = this.state;
    const baseVersion = this.currentVersion;
    const version = meta.version ?? baseVersion + 1;
    const origin = meta.origin ?? this.id;
    this.state = state;
    this.currentVersion = version;
    const change = changeOf<S, A>(meta, { previous, state, patches, inversePatches, baseVersion, version, origin });
    if (isHistoryStep(meta.kind)) this.history.record(change as StateChange<unknown>);
    if (journal) {
      this.lastJournalId += 1;
      this.journalIds.set(change, this.lastJournalId);
      this.journal.observe({ id: this.lastJournalId, action: meta.action, patches, inversePatches, pending: meta.pending === true });
    }
    for (const subscriber of [...this.subscribers]) {
      try {
        subscriber(change);
      } catch (error) {
        this.reportListenerError(error, 'subscribe');
      }
    }
    this.events.emit('change', change);
    return change;
  }

  /**
   * Reports an error of work done for this store that nobody awaits (a hook bridge's handler)
   * through the `listenerError` event, or as a process warning if nobody listens.
   */
  public reportError(error: unknown, source: string): void {
    this.reportListenerError(error, source);
  }

  private reportListenerError(error: unknown, event: string): void {
    if (event !== 'listenerError' && this.events.has('listenerError')) {
      this.events.emit('listenerError', { error, event });
      return;
    }
    process.emitWarning(`A listener of store "${this.name}" (${event}) threw: ${error instanceof Error ? error.message : String(error)}`);
  }
}
