import { randomUUID } from 'node:crypto';
import type { Patch } from 'immer';
import type { StateAction } from './action';
import { loadSharedState, type SharedState } from './load-shared-state';
import { patchValue } from './patch-state';
import { RecentLogIds } from './recent-log-ids';
import { type PendingChange, replayPending } from './replay-pending';
import { shapeOf } from './snapshot';
import type { StateChange } from './state-change';
import { StateEmitter } from './state-emitter';
import {
  StateInvalidOptionError,
  StateLogRegressedError,
  StateMalformedDeltaError,
  StateSyncClosedError,
  StateTransportUnavailableError,
} from './state-errors';
import type { Store } from './store';
import type { StateSyncEvents, StateSyncOptions } from './state-sync-events';
import { syncMessageProblem } from './sync-message';
import type { StateTransport, SyncMessage } from './transport';

/**
 * Keeps stores of several processes identical through a {@link StateTransport}. The transport
 * holds one ordered log: each local change is appended with compare-and-set, so every instance
 * applies the same changes in the same order. A local change that lost the race is replayed
 * on top of the winner (through its reducer) and sent again; while the transport is down, local
 * changes queue and are sent in order when it is back. A late joiner loads the stored snapshot
 * and the log after it.
 *
 * Every instance must start from the same `initial` state and use the same reducers.
 *
 * @example
 * ```ts
 * const sync = new StateSync(store, new RedisStateTransport({ url, prefix: 'mybot:state:settings' }));
 * sync.on('down', ({ error }) => logger.warn(error.message));
 * await sync.start();
 * store.dispatch({ type: 'guild/setPrefix', guildId, prefix: '?' }); // reaches every instance
 * await sync.stop();
 * ```
 */
export class StateSync<S, A extends StateAction = StateAction> {
  private readonly events = new StateEmitter<StateSyncEvents>((error) =>
    process.emitWarning(`A StateSync listener threw: ${error instanceof Error ? error.message : String(error)}`),
  );
  private readonly initial: S;
  private confirmed: S;
  private confirmedSeq = 0;
  private pending: PendingChange<A>[] = [];
  // The label of the remote change sync is applying right now: that change is not a local one,
  // but what a subscriber dispatches in reaction to it is.
  private applyingLabel: string | undefined;
  private queue: Promise<void> = Promise.resolve();
  private started = false;
  private starting: Promise<void> | undefined;
  private stopped = false;
  private isDown = false;
  private flushScheduled = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private lastSnapshotSeq = 0;
  private readonly snapshotEvery: number;
  private readonly retryDelay: number;
  private readonly detach: () => void;
  private idleWaiters: (() => void)[] = [];
  // A message at a known seq with another id means the log was rewritten under us.
  private readonly appliedIds = new RecentLogIds();

  public constructor(
    public readonly store: Store<S, A>,
    public readonly transport: StateTransport,
    options: StateSyncOptions = {},
  ) {
    this.snapshotEvery = positive('snapshotEvery', options.snapshotEvery ?? 50);
    this.retryDelay = positive('retryDelay', options.retryDelay ?? 500);
    this.initial = store.getState();
    this.confirmed = this.initial;
    this.detach = store.subscribe((change) => this.onLocalChange(change));
  }

  /** The position in the shared log this instance has applied. */
  public get seq(): number {
    return this.confirmedSeq;
  }

  /** Local changes not yet accepted by the transport. */
  public get pendingCount(): number {
    return this.pending.length;
  }

  /** Whether the transport was unreachable at the last attempt. */
  public get down(): boolean {
    return this.isDown;
  }

  public on<K extends keyof StateSyncEvents>(event: K, listener: (...args: StateSyncEvents[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  public off<K extends keyof StateSyncEvents>(event: K, listener: (...args: StateSyncEvents[K]) => void): void {
    this.events.off(event, listener);
  }

  /**
   * Subscribes, loads the shared state (snapshot and log) into the store, and starts sending local
   * changes. Rejects with `StateTransportUnavailableError` if the transport cannot be reached, or
   * `StateMalformedSnapshotError` if the stored snapshot is unusable; the store keeps working
   * locally. After a failed start, `stop()` releases the transport's connections.
   */
  public start(): Promise<void> {
    if (this.stopped) return Promise.reject(new StateSyncClosedError(this.store.name));
    // Concurrent or repeated calls share one start; a failed one may be retried.
    this.starting ??= this.open().catch((error: unknown) => {
      this.starting = undefined;
      throw error;
    });
    return this.starting;
  }

  private async open(): Promise<void> {
    try {
      await this.transport.subscribe(
        (raw) => void this.enqueue(() => this.receive(raw)).catch((error: unknown) => this.onBackgroundFailure(error)),
        (status, error) => this.onStatus(status, error),
      );
    } catch (error) {
      throw this.unavailable(error, 'subscribe');
    }
    await this.enqueue(() => this.resync());
    this.started = true;
    this.scheduleFlush();
  }

  /**
   * Resolves once every local change so far was accepted by the transport (changes wait for
   * `start()`, and through outages); rejects with `StateSyncClosedError` if stopped first.
   */
  public async flushed(): Promise<void> {
    while (this.pending.length > 0) {
      if (this.stopped) throw new StateSyncClosedError(this.store.name);
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
  }

  /**
   * Stops syncing: sends what it can, saves a snapshot for late joiners, closes the transport.
   * Changes that could not be sent (transport down) are reported through `syncError`.
   */
  public async stop(): Promise<void> {
    if (this.stopped) return;
    if (this.started && !this.isDown) await this.enqueue(() => this.flush()).catch(() => undefined);
    this.stopped = true;
    this.detach();
    clearTimeout(this.retryTimer);
    await this.queue;
    if (this.started && this.confirmedSeq > this.lastSnapshotSeq && !this.isDown) await this.saveSnapshot();
    if (this.pending.length > 0) {
      this.events.emit('syncError', {
        source: 'stop',
        error: this.unavailable(new Error(`${this.pending.length} local change(s) were never accepted`), `send ${this.pending.length} local change(s) before stopping`),
      });
    }
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
    await this.transport.close();
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private onLocalChange(change: StateChange<S, A>): void {
    if (this.stopped) return;
    if (change.kind === 'remote' && change.label === this.applyingLabel) return;
    this.pending.push({
      id: randomUUID(),
      action: change.kind === 'dispatch' ? change.action : undefined,
      patches: change.patches,
      inversePatches: change.inversePatches,
    });
    this.scheduleFlush();
  }

  private onStatus(status: 'up' | 'down', error?: unknown): void {
    if (status === 'down') {
      this.markDown(error);
      return;
    }
    // After a reconnect the broadcast may have skipped changes: read them from the log, then send ours.
    void this.enqueue(() => this.catchUp())
      .then(() => this.markUp())
      .catch((failure: unknown) => this.onBackgroundFailure(failure));
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (!this.started || this.stopped || this.flushScheduled || this.pending.length === 0) return;
    this.flushScheduled = true;
    void this.enqueue(async () => {
      this.flushScheduled = false;
      await this.flush();
    }).catch((error: unknown) => this.onBackgroundFailure(error));
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0 && !this.stopped) {
      const head = this.pending[0] as PendingChange<A>;
      let result;
      try {
        result = await this.transport.commit(this.confirmedSeq, { id: head.id, origin: this.store.id, patches: head.patches });
      } catch (error) {
        this.markDown(error);
        this.retryLater();
        return;
      }
      this.markUp();
      if (result.committed) {
        if (this.pending[0]?.id === head.id) this.confirmHead(result.seq, head.id);
        if (this.confirmedSeq - this.lastSnapshotSeq >= this.snapshotEvery) await this.saveSnapshot();
      } else if (result.seq < this.confirmedSeq) {
        // Catching up would find nothing and the next commit would be refused again, forever.
        await this.resync();
      } else {
        await this.catchUp();
      }
    }
  }

  private async receive(raw: unknown): Promise<void> {
    const problem = syncMessageProblem(raw);
    if (problem !== undefined) {
      this.events.emit('syncError', { source: 'message', error: new StateMalformedDeltaError(this.store.name, problem) });
      // The log may hold a sound copy; if not, catching up falls back to the snapshot.
      await this.catchUp();
      return;
    }
    const message = raw as SyncMessage;
    if (message.seq <= this.confirmedSeq) {
      const known = this.appliedIds.get(message.seq);
      if (known !== undefined && known !== message.id) await this.resync();
      return;
    }
    if (message.seq === this.confirmedSeq + 1) await this.applyOrResync(message);
    else await this.catchUp();
    this.scheduleFlush();
  }

  private async catchUp(): Promise<void> {
    let messages: readonly unknown[] | undefined;
    try {
      messages = await this.transport.readSince(this.confirmedSeq);
    } catch (error) {
      this.markDown(error);
      this.retryLater();
      throw this.unavailable(error, 'read the log');
    }
    if (messages === undefined) {
      await this.resync();
      return;
    }
    for (const raw of messages) {
      const problem = syncMessageProblem(raw);
      if (problem !== undefined) {
        this.events.emit('syncError', { source: 'message', error: new StateMalformedDeltaError(this.store.name, `log entry: ${problem}`) });
        await this.resync();
        return;
      }
      const message = raw as SyncMessage;
      if (message.seq <= this.confirmedSeq) continue;
      if (message.seq !== this.confirmedSeq + 1) {
        await this.resync();
        return;
      }
      if (!(await this.applyOrResync(message))) return;
    }
  }

  /** Applies the next message; a message whose patches do not fit is reported and answered with a resync. */
  private async applyOrResync(message: SyncMessage): Promise<boolean> {
    if (this.pending[0]?.id === message.id) {
      // Our own change, accepted while the answer to the commit was lost.
      this.confirmHead(message.seq, message.id);
      return true;
    }
    let next: S;
    try {
      next = patchValue(this.confirmed, message.patches);
      if (shapeOf(next) !== shapeOf(this.confirmed)) throw new Error(`the state would become ${shapeOf(next)}`);
    } catch (error) {
      this.events.emit('syncError', {
        source: 'message',
        error: new StateMalformedDeltaError(this.store.name, `change ${message.seq} from ${message.origin} does not apply (${error instanceof Error ? error.message : String(error)})`, { cause: error }),
      });
      await this.resync();
      return false;
    }
    this.rebase(next, message.seq, message.patches, message.origin);
    this.appliedIds.remember(message.seq, message.id);
    return true;
  }

  private confirmHead(seq: number, id: string): void {
    const head = this.pending.shift();
    if (head !== undefined) this.confirmed = patchValue(this.confirmed, head.patches);
    this.confirmedSeq = seq;
    this.appliedIds.remember(seq, id);
    if (this.pending.length === 0) this.wakeIdle();
    this.events.emit('advanced', { seq });
  }

  /**
   * Moves the confirmed state forward by another instance's change, replays the local changes
   * still pending on top (dropping those that no longer apply) and takes the store there in one
   * change: undo pending, apply theirs, redo pending.
   */
  private rebase(nextConfirmed: S, seq: number, theirs: readonly Patch[] | undefined, origin: string, skip: ReadonlySet<string> = new Set()): void {
    const undo = [...this.pending].reverse().flatMap((change) => change.inversePatches);
    const { state: chain, kept, dropped } = replayPending(this.store, nextConfirmed, this.pending, skip);
    const transition: Patch[] =
      theirs === undefined ? [{ op: 'replace', path: [], value: chain }] : [...undo, ...theirs, ...kept.flatMap((change) => change.patches)];
    const local = this.store.getState();
    const label = `sync ${seq}`;
    const before = this.pending;
    const queuedBefore = before.length;
    this.applyingLabel = label;
    try {
      this.store.applyPatches(transition, { origin, label });
    } catch {
      // The store was changed behind sync's back: take it to the computed state wholesale.
      this.store.applyPatches([{ op: 'replace', path: [], value: chain }], { origin, label });
    } finally {
      this.applyingLabel = undefined;
    }
    // Subscribers may have dispatched while the change was applied: those come after the kept ones.
    const reactions = before.slice(queuedBefore);
    this.confirmed = nextConfirmed;
    this.confirmedSeq = seq;
    this.pending = [...kept, ...reactions];
    if (dropped.length > 0) this.events.emit('conflict', { dropped, origin, local, remote: this.store.getState() });
    if (this.pending.length === 0) this.wakeIdle();
    this.events.emit('advanced', { seq });
  }

  /** Loads the stored snapshot and the log after it, then replays pending local changes on top. */
  private async resync(): Promise<void> {
    const load = (): Promise<SharedState<S>> =>
      loadSharedState(this.transport, this.store.name, this.initial, new Set(this.pending.map((change) => change.id)));
    let shared = await load();
    if (shared.seq < this.confirmedSeq) {
      this.events.emit('syncError', {
        source: 'reset',
        error: new StateLogRegressedError(this.store.name, this.transport.target, this.confirmedSeq, shared.seq),
      });
      // Offer what this instance confirmed as the snapshot the log restarts from. With no snapshot
      // left it goes under the whole log (changes appended since the loss apply on top); the
      // transport keeps the first offer, so every instance reloads the same state.
      const seedSeq = shared.snapshotSeq === 0 ? 0 : shared.seq;
      await this.transport.saveSnapshot({ seq: seedSeq, state: this.confirmed }).catch((error: unknown) => {
        throw this.unavailable(error, 'save a snapshot');
      });
      shared = await load();
      this.lastSnapshotSeq = shared.snapshotSeq;
    }
    this.appliedIds.clear();
    if (shared.seq !== this.confirmedSeq || shared.state !== this.confirmed) this.rebase(shared.state, shared.seq, undefined, 'resync', shared.own);
    this.lastSnapshotSeq = Math.max(this.lastSnapshotSeq, shared.snapshotSeq);
    this.events.emit('resync', { seq: shared.seq });
  }

  private async saveSnapshot(): Promise<void> {
    const seq = this.confirmedSeq;
    try {
      await this.transport.saveSnapshot({ seq, state: this.confirmed });
      this.lastSnapshotSeq = seq;
    } catch (error) {
      this.events.emit('syncError', { source: 'snapshot', error });
    }
  }

  private retryLater(): void {
    if (this.retryTimer !== undefined || this.stopped) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      // The broadcast may have missed changes while down: catch up before sending.
      void this.enqueue(() => this.catchUp())
        .then(() => {
          this.markUp();
          this.scheduleFlush();
        })
        .catch((error: unknown) => this.onBackgroundFailure(error));
    }, this.retryDelay);
    this.retryTimer.unref();
  }

  private markDown(error: unknown): void {
    if (this.isDown) return;
    this.isDown = true;
    this.events.emit('down', { error: error instanceof StateTransportUnavailableError ? error : this.unavailable(error, 'reach the shared log') });
  }

  private markUp(): void {
    if (!this.isDown) return;
    this.isDown = false;
    this.events.emit('up');
  }

  private onBackgroundFailure(error: unknown): void {
    if (error instanceof StateTransportUnavailableError) {
      this.markDown(error);
      this.retryLater();
      return;
    }
    this.events.emit('syncError', { source: 'message', error });
  }

  private wakeIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }

  private unavailable(error: unknown, operation: string): StateTransportUnavailableError {
    if (error instanceof StateTransportUnavailableError) return error;
    return new StateTransportUnavailableError(this.transport.target, operation, { cause: error });
  }
}

function positive(option: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new StateInvalidOptionError(option, value, 'a positive number');
  return value;
}
