import { Store } from '../../src/state';
import { settingsStore } from './settings-store';

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('Store.optimistic', () => {
  it('applies at once and keeps the change when the confirmation resolves', async () => {
    const store = settingsStore();
    const confirm = deferred();
    const confirmed: number[] = [];
    store.on('confirmed', ({ version }) => confirmed.push(version));
    const update = store.optimistic({ type: 'guild/setPrefix', guildId: '1', prefix: '?' }, confirm.promise);
    expect(store.getState().guilds['1']?.prefix).toBe('?');
    confirm.resolve();
    await expect(update.settled).resolves.toBe('confirmed');
    expect(store.getState().guilds['1']?.prefix).toBe('?');
    expect(confirmed).toEqual([1]);
  });

  it('rolls back exactly the rejected change and replays later actions on top', async () => {
    const store = settingsStore();
    const confirm = deferred();
    const rollbacks: { type: string; reason: unknown; dropped: number }[] = [];
    store.on('rollback', ({ action, reason, dropped }) => rollbacks.push({ type: action.type, reason, dropped: dropped.length }));
    const update = store.optimistic({ type: 'increment' }, confirm.promise);
    store.dispatch({ type: 'increment' });
    store.dispatch({ type: 'guild/setPrefix', guildId: '1', prefix: '?' });
    expect(store.getState().count).toBe(2);
    confirm.reject(new Error('Discord said no'));
    await expect(update.settled).resolves.toBe('rolledBack');
    // The later increment was replayed as an increment (1), not restored as its old value (2).
    expect(store.getState()).toEqual({ guilds: { '1': { prefix: '?', roles: new Set() } }, count: 1 });
    expect(rollbacks).toEqual([{ type: 'increment', reason: new Error('Discord said no'), dropped: 0 }]);
  });

  it('sends the rollback as one change whose delta brings a replica to the same state', async () => {
    const store = settingsStore();
    const replica = settingsStore();
    store.subscribe((change) => replica.applyDelta(change.delta));
    const confirm = deferred();
    const update = store.optimistic({ type: 'guild/setPrefix', guildId: '1', prefix: 'x' }, confirm.promise);
    store.dispatch({ type: 'increment' });
    confirm.reject(new Error('no'));
    await update.settled;
    expect(replica.getState()).toEqual(store.getState());
    expect(store.getState()).toEqual({ guilds: {}, count: 1 });
  });

  it('rolls back one of two pending changes while the other stays pending, then confirms it', async () => {
    const store = settingsStore();
    const first = deferred();
    const second = deferred();
    const a = store.optimistic({ type: 'guild/setPrefix', guildId: '1', prefix: 'a' }, first.promise);
    const b = store.optimistic({ type: 'guild/setPrefix', guildId: '2', prefix: 'b' }, second.promise);
    second.reject(new Error('no'));
    await b.settled;
    expect(Object.keys(store.getState().guilds)).toEqual(['1']);
    first.reject(new Error('no'));
    await a.settled;
    expect(store.getState().guilds).toEqual({});
  });

  it('drops a later action whose reducer now fails validation, and reports it', async () => {
    const store = new Store<{ balance: number }, { type: 'deposit'; amount: number } | { type: 'spend'; amount: number }>({
      initial: { balance: 0 },
      validate: (state) => (state.balance < 0 ? 'the balance would go negative' : undefined),
      reducers: {
        deposit: (draft, action) => void (draft.balance += action.amount),
        spend: (draft, action) => void (draft.balance -= action.amount),
      },
    });
    const confirm = deferred();
    const dropped: unknown[] = [];
    store.on('rollback', (event) => dropped.push(...event.dropped));
    const update = store.optimistic({ type: 'deposit', amount: 10 }, confirm.promise);
    store.dispatch({ type: 'spend', amount: 7 });
    store.dispatch({ type: 'deposit', amount: 1 });
    confirm.reject(new Error('payment failed'));
    await update.settled;
    expect(store.getState()).toEqual({ balance: 1 });
    expect(dropped).toEqual([{ type: 'spend', amount: 7 }]);
  });

  it('does not take out a later update that reuses the version of one a restore wiped', async () => {
    const store = settingsStore();
    store.dispatch({ type: 'guild/setPrefix', guildId: '1', prefix: '?' });
    const older = store.snapshot(); // version 1
    store.dispatch({ type: 'increment' });
    const first = deferred();
    const wiped = store.optimistic({ type: 'guild/setPrefix', guildId: '1', prefix: 'x' }, first.promise); // version 3
    store.restore(older); // back to version 1: the restore replaced what the update changed
    store.dispatch({ type: 'increment' }); // version 2
    const second = store.optimistic({ type: 'guild/addRole', guildId: '1', roleId: 'mod' }, deferred().promise); // version 3 again
    expect(second.change?.version).toBe(wiped.change?.version);
    const rollbacks: unknown[] = [];
    store.on('rollback', ({ change }) => rollbacks.push(change));
    first.reject(new Error('Discord said no'));
    await expect(wiped.settled).resolves.toBe('rolledBack');
    expect(rollbacks).toEqual([undefined]);
    expect(store.getState().guilds['1']?.roles).toEqual(new Set(['mod']));
  });

  it('makes the rollback undoable', async () => {
    const store = settingsStore();
    const confirm = deferred();
    const update = store.optimistic({ type: 'increment' }, confirm.promise);
    confirm.reject(new Error('no'));
    await update.settled;
    expect(store.getState().count).toBe(0);
    store.history.undo();
    expect(store.getState().count).toBe(1);
  });
});
