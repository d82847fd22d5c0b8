import { HookManager } from '../../src/hooks';
import {
  HookedStore,
  MemoryStateHub,
  MemoryStateTransport,
  StateHookContentionError,
  StateInvalidStateError,
  StateSync,
  Store,
  type StateSnapshot,
} from '../../src/state';
import { settingsStore, type SettingsState } from './settings-store';

describe('HookedStore', () => {
  it('lets beforeStateChange handlers see and rewrite the next state', async () => {
    const hooks = new HookManager();
    const store = settingsStore();
    const hooked = new HookedStore(store, hooks);
    const seen: unknown[] = [];
    hooks.register('beforeStateChange', (change) => {
      seen.push([change.key, (change.previous as SettingsState).count, (change.next as SettingsState).count]);
      const next = change.next as SettingsState;
      return next.count > 1 ? { ...change, next: { ...next, count: 1 } } : undefined;
    });
    await hooked.dispatch({ type: 'increment' });
    await hooked.dispatch({ type: 'increment' }, { label: 'capped' });
    expect(seen).toEqual([
      ['settings', 0, 1],
      ['settings', 1, 2],
    ]);
    expect(store.getState().count).toBe(1);
    // The rewrite is its own undoable step under the given label.
    expect(store.history.entries.map((entry) => entry.label)).toEqual(['increment', 'capped']);
  });

  it('commits a rewrite as an undoable change checked by the store', async () => {
    const hooks = new HookManager();
    const store = settingsStore();
    const hooked = new HookedStore(store, hooks);
    hooks.register('beforeStateChange', (change) => ({ ...change, next: { ...(change.next as SettingsState), count: 40 } }));
    await hooked.dispatch({ type: 'guild/setPrefix', guildId: '1', prefix: '?' });
    expect(store.getState()).toEqual({ guilds: { '1': { prefix: '?', roles: new Set() } }, count: 40 });
    expect(Object.isFrozen(store.getState())).toBe(true);
    store.history.undo();
    expect(store.getState()).toEqual({ guilds: {}, count: 0 });
    hooks.unregister('beforeStateChange');
    hooks.register('beforeStateChange', (change) => ({ ...change, next: 'not a state' }));
    await expect(hooked.dispatch({ type: 'increment' })).rejects.toBeInstanceOf(StateInvalidStateError);
    expect(store.getState().count).toBe(0);
  });

  it('fires afterStateChange for every change, direct dispatches and undo included', async () => {
    const hooks = new HookManager();
    const store = settingsStore();
    const hooked = new HookedStore(store, hooks);
    const counts: number[] = [];
    hooks.register('afterStateChange', (change) => void counts.push((change.next as SettingsState).count));
    store.dispatch({ type: 'increment' });
    await hooked.dispatch({ type: 'increment' });
    store.history.undo();
    hooked.detach();
    store.dispatch({ type: 'increment' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(counts).toEqual([1, 2, 1]);
  });

  it('runs the handlers again when the store changed meanwhile, and gives up under contention', async () => {
    const hooks = new HookManager();
    const store = settingsStore();
    const hooked = new HookedStore(store, hooks);
    let interfere = 1;
    hooks.register('beforeStateChange', async (change) => {
      if (interfere > 0) {
        interfere -= 1;
        store.dispatch({ type: 'guild/setPrefix', guildId: 'other', prefix: `#${interfere}` });
      }
      return change;
    });
    await hooked.dispatch({ type: 'increment' });
    expect(store.getState().count).toBe(1);
    expect(store.getState().guilds['other']?.prefix).toBe('#0');
    interfere = 100;
    await expect(hooked.dispatch({ type: 'increment' })).rejects.toBeInstanceOf(StateHookContentionError);
    expect(store.getState().count).toBe(1);
  });

  it('passes snapshots through stateSnapshot and stateRestore', async () => {
    const hooks = new HookManager();
    const store = settingsStore();
    const hooked = new HookedStore(store, hooks);
    store.dispatch({ type: 'guild/setPrefix', guildId: '1', prefix: '?' });
    hooks.register('stateSnapshot', (payload) => {
      const snapshot = payload.snapshot as StateSnapshot<SettingsState>;
      return { ...payload, snapshot: { ...snapshot, state: { ...snapshot.state, count: 99 } } };
    });
    const restored: string[] = [];
    hooks.register('stateRestore', (payload) => void restored.push(payload.key));
    const snapshot = await hooked.snapshot();
    expect(snapshot.state.count).toBe(99);
    await hooked.restore(snapshot);
    expect(store.getState().count).toBe(99);
    expect(restored).toEqual(['settings']);
  });

  it('lets a stateConflict handler choose the state when sync drops a local change', async () => {
    type Wallet = { balance: number; spent: string[] };
    type WalletAction = { type: 'spend'; amount: number; what: string };
    const wallet = (id: string) =>
      new Store<Wallet, WalletAction>({
        id,
        initial: { balance: 100, spent: [] },
        validate: (state) => (state.balance < 0 ? 'the balance would go negative' : undefined),
        reducers: {
          spend: (draft, action) => {
            draft.balance -= action.amount;
            draft.spent.push(action.what);
          },
        },
      });
    const hub = new MemoryStateHub();
    const b = new StateSync(wallet('b'), new MemoryStateTransport(hub));
    await b.start();
    b.store.dispatch({ type: 'spend', amount: 80, what: 'shield' });
    await b.flushed();

    const a = new StateSync(wallet('a'), new MemoryStateTransport(hub));
    const hooks = new HookManager();
    const hooked = new HookedStore(a.store, hooks);
    const stop = hooked.resolveConflicts(a);
    const seen: unknown[] = [];
    hooks.register('stateConflict', ({ key, local, remote }) => {
      seen.push({ key, local, remote });
      const mine = local as Wallet;
      const theirs = remote as Wallet;
      return { value: { balance: theirs.balance, spent: [...theirs.spent, `refused: ${mine.spent.join(', ')}`] } };
    });
    a.store.dispatch({ type: 'spend', amount: 50, what: 'sword' }); // offline: 100 - 50 here, but b spent 80 first
    const resolved = new Promise<void>((resolve) => a.store.on('change', (change) => change.label === 'conflict resolution' && resolve()));
    await a.start();
    await resolved;
    expect(seen).toEqual([{ key: 'store', local: { balance: 50, spent: ['sword'] }, remote: { balance: 20, spent: ['shield'] } }]);
    expect(a.store.getState()).toEqual({ balance: 20, spent: ['shield', 'refused: sword'] });
    await a.flushed();
    await new Promise<void>((resolve) => (b.seq === 2 ? resolve() : b.on('advanced', () => b.seq === 2 && resolve())));
    expect(b.store.getState()).toEqual(a.store.getState());
    stop();
    await a.stop();
    await b.stop();
  });
});
