import type { HookManager } from '../hooks';
import type { StateAction } from './action';
import type { StateSnapshot } from './snapshot';
import type { StateChange } from './state-change';
import { StateHookContentionError } from './state-errors';
import type { StateSync } from './state-sync';
import type { Store } from './store';
import type { DispatchOptions } from './store-options';

/** The hook points a {@link HookedStore} fires. */
export const STATE_BRIDGE_HOOKS = ['beforeStateChange', 'afterStateChange', 'stateSnapshot', 'stateRestore', 'stateConflict'] as const;

const MAX_ATTEMPTS = 5;

/**
 * A store seen through the state hook points. Store dispatch is synchronous and hooks are
 * async, so this façade runs `beforeStateChange` (whose handlers may rewrite the next state)
 * around dispatches made through it, and `stateSnapshot`/`stateRestore` around snapshots;
 * `afterStateChange` fires for every change of the store, however it was made (direct
 * dispatches, undo, sync from other processes). Payloads carry the store's name as `key`.
 *
 * @example
 * ```ts
 * const settings = new HookedStore(store, hooks);
 * hooks.register('beforeStateChange', (change) => ({ ...change, next: withAuditStamp(change.next) }));
 * await settings.dispatch({ type: 'guild/setPrefix', guildId, prefix: '?' });
 * ```
 */
export class HookedStore<S, A extends StateAction> {
  private readonly detachAfter: () => void;

  public constructor(
    public readonly store: Store<S, A>,
    private readonly hooks: HookManager,
  ) {
    this.detachAfter = store.on('change', (change: StateChange<S, A>) => {
      if (!hooks.has('afterStateChange')) return;
      // Parallel handlers' failures go to the hook manager's onHandlerError listeners.
      void hooks.execute('afterStateChange', { key: store.name, previous: change.previous, next: change.state });
    });
  }

  /**
   * Dispatches through `beforeStateChange`: handlers see the state before and after the action
   * and may return another `next`, which is committed instead (checked by the store's `validate`).
   * If the store changes while the handlers run, they run again on the new state; after five
   * tries it throws `StateHookContentionError` and applies nothing.
   */
  public async dispatch(action: A, options: DispatchOptions = {}): Promise<StateChange<S, A> | undefined> {
    if (!this.hooks.has('beforeStateChange')) return this.store.dispatch(action, options);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const previous = this.store.getState();
      const proposed = this.store.reduce(previous, action).state;
      const result = await this.hooks.execute('beforeStateChange', { key: this.store.name, previous, next: proposed });
      if (this.store.getState() !== previous) continue;
      if (result.next === proposed) return this.store.dispatch(action, options);
      return this.store.replace(result.next as S, { label: options.label ?? action.type });
    }
    throw new StateHookContentionError(this.store.name, action.type, MAX_ATTEMPTS);
  }

  /** The store's snapshot after `stateSnapshot` handlers (which may redact or annotate it). */
  public async snapshot(): Promise<StateSnapshot<S>> {
    const result = await this.hooks.execute('stateSnapshot', { key: this.store.name, snapshot: this.store.snapshot() });
    return result.snapshot as StateSnapshot<S>;
  }

  /** Restores a snapshot after `stateRestore` handlers (which may migrate it); the store checks what they return. */
  public async restore(snapshot: StateSnapshot<S>): Promise<StateChange<S, A>> {
    const result = await this.hooks.execute('stateRestore', { key: this.store.name, snapshot });
    return this.store.restore(result.snapshot as StateSnapshot<S>);
  }

  /**
   * Fires `stateConflict` when the store's sync drops local changes that no longer applied on top
   * of another process's change. The first handler to return `{ value }` decides the state to keep,
   * which is applied as a new local change (so every process gets it); returning nothing keeps
   * the other process's version. Returns a function that stops listening.
   *
   * @example
   * ```ts
   * hooked.resolveConflicts(sync);
   * hooks.register('stateConflict', ({ local, remote }) => ({ value: mergeSettings(local, remote) }));
   * ```
   */
  public resolveConflicts(sync: StateSync<S, A>): () => void {
    return sync.on('conflict', ({ local, remote }) => {
      void this.hooks
        .execute('stateConflict', { key: this.store.name, local, remote })
        .then((resolution) => {
          if (resolution !== undefined && this.store.getState() === remote) {
            this.store.replace(resolution.value as S, { label: 'conflict resolution' });
          }
        })
        .catch((error: unknown) => this.store.reportError(error, 'stateConflict'));
    });
  }

  /** Stops firing `afterStateChange` for the store's changes (the store stays usable). */
  public detach(): void {
    this.detachAfter();
  }
}
