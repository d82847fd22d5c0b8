import { Store, StateInvalidStateError, StateReducerError, StateUnknownActionError, type StateChange } from '../../src/state';
import { settingsStore } from './settings-store';

describe('Store', () => {
  it('dispatches typed actions to reducers that mutate a draft, and freezes the state', () => {
    const store = settingsStore();
    const before = store.getState();
    const change = store.dispatch({ type: 'guild/setPrefix', guildId: '1', prefix: '?' });
    expect(store.getState().guilds['1']?.prefix).toBe('?');
    expect(before.guilds['1']).toBeUndefined();
    expect(Object.isFrozen(store.getState())).toBe(true);
    expect(Object.isFrozen(store.getState().guilds['1'])).toBe(true);
    expect(() => {
      (store.getState() as { count: number }).count = 5;
    }).toThrow(TypeError);
    expect(change?.version).toBe(1);
    expect(change?.patches).toEqual([{ op: 'add', path: ['guilds', '1'], value: { prefix: '?', roles: new Set() } }]);
    expect(store.version).toBe(1);
  });

  it('supports Maps and Sets in the state', () => {
    const store = settingsStore();
    store.dispatch({ type: 'guild/setPrefix', guildId: '1', prefix: '?' });
    const change = store.dispatch({ type: 'guild/addRole', guildId: '1', roleId: 'r1' });
    expect(store.getState().guilds['1']?.roles.has('r1')).toBe(true);
    expect(change?.patches).toEqual([{ op: 'add', path: ['guilds', '1', 'roles', 0], value: 'r1' }]);
  });

  it('returns undefined and keeps the version for an action that changes nothing', () => {
    const store = settingsStore();
    expect(store.dispatch({ type: 'guild/remove', guildId: 'none' })).toBeUndefined();
    expect(store.version).toBe(0);
  });

  it('sends every change with its patches to subscribers until they unsubscribe', () => {
    const store = settingsStore();
    const seen: StateChange<unknown>[] = [];
    const stop = store.subscribe((change) => seen.push(change));
    store.dispatch({ type: 'increment' });
    stop();
    store.dispatch({ type: 'increment' });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.patches).toEqual([{ op: 'replace', path: ['count'], value: 1 }]);
    expect(seen[0]?.inversePatches).toEqual([{ op: 'replace', path: ['count'], value: 0 }]);
    expect(seen[0]?.delta).toEqual({ version: 1, baseVersion: 0, patches: seen[0]?.patches, origin: store.id });
  });

  it('keeps notifying other subscribers when one throws, and reports the error', () => {
    const store = settingsStore();
    const errors: unknown[] = [];
    store.on('listenerError', ({ error }) => errors.push(error));
    store.subscribe(() => {
      throw new Error('broken listener');
    });
    let called = false;
    store.subscribe(() => (called = true));
    store.dispatch({ type: 'increment' });
    expect(called).toBe(true);
    expect(errors).toEqual([new Error('broken listener')]);
    expect(store.getState().count).toBe(1);
  });

  it('refuses an unknown action type with a typed error and a suggestion', () => {
    const store = settingsStore();
    const bad = { type: 'guild/setPrefx', guildId: '1', prefix: '?' } as unknown as Parameters<typeof store.dispatch>[0];
    expect(() => store.dispatch(bad)).toThrow(StateUnknownActionError);
    try {
      store.dispatch(bad);
    } catch (error) {
      expect((error as StateUnknownActionError).code).toBe('OVEN_ERR_STATE_UNKNOWN_ACTION');
      expect((error as Error).message).toContain('did you mean "guild/setPrefix"');
    }
    expect(store.version).toBe(0);
  });

  it('turns a throwing reducer into StateReducerError and keeps the old state', () => {
    const store = new Store<{ n: number }, { type: 'boom' } | { type: 'async' }>({
      initial: { n: 1 },
      reducers: {
        boom: (draft) => {
          draft.n = 2;
          throw new Error('kaput');
        },
        async: (() => Promise.resolve()) as unknown as () => void,
      },
    });
    expect(() => store.dispatch({ type: 'boom' })).toThrow(StateReducerError);
    expect(() => store.dispatch({ type: 'async' })).toThrow(/returned a Promise/);
    expect(store.getState()).toEqual({ n: 1 });
  });

  it('refuses a reducer that returns a state of the wrong shape, or one validate rejects', () => {
    const store = new Store<{ n: number }, { type: 'number' } | { type: 'negative' }>({
      initial: { n: 1 },
      validate: (state) => (state.n < 0 ? '`n` must not be negative' : undefined),
      reducers: {
        number: (() => 5) as unknown as () => void,
        negative: (draft) => {
          draft.n = -1;
        },
      },
    });
    expect(() => store.dispatch({ type: 'number' })).toThrow(StateInvalidStateError);
    expect(() => store.dispatch({ type: 'number' })).toThrow(/a number instead of an object/);
    expect(() => store.dispatch({ type: 'negative' })).toThrow(/`n` must not be negative/);
    expect(store.getState()).toEqual({ n: 1 });
    expect(store.version).toBe(0);
  });

  it('lets a reducer return a whole new state', () => {
    const store = new Store<{ n: number }, { type: 'reset' }>({ initial: { n: 4 }, reducers: { reset: () => ({ n: 0 }) } });
    store.dispatch({ type: 'reset' });
    expect(store.getState()).toEqual({ n: 0 });
  });

  it('computes a reduction without committing it', () => {
    const store = settingsStore();
    const result = store.reduce(store.getState(), { type: 'increment' });
    expect(result.state.count).toBe(1);
    expect(store.getState().count).toBe(0);
  });
});

describe('Store.select', () => {
  it('memoises and notifies only when the selected value changes', () => {
    const store = settingsStore();
    let runs = 0;
    const prefix = store.select((state) => {
      runs += 1;
      return state.guilds['1']?.prefix;
    });
    const calls: [unknown, unknown][] = [];
    prefix.subscribe((next, previous) => calls.push([next, previous]));
    const afterSubscribe = runs;
    expect(prefix.get()).toBeUndefined();
    expect(runs).toBe(afterSubscribe); // same state object: no recomputation
    store.dispatch({ type: 'guild/setPrefix', guildId: '1', prefix: '?' });
    store.dispatch({ type: 'increment' });
    store.dispatch({ type: 'guild/setPrefix', guildId: '2', prefix: '$' });
    store.dispatch({ type: 'guild/setPrefix', guildId: '1', prefix: '>' });
    expect(calls).toEqual([
      ['?', undefined],
      ['>', '?'],
    ]);
  });

  it('uses a custom equality to ignore equal values', () => {
    const store = settingsStore();
    store.dispatch({ type: 'guild/setPrefix', guildId: '1', prefix: '?' });
    const ids = store.select((state) => Object.keys(state.guilds), (a, b) => a.join() === b.join());
    const seen: string[][] = [];
    const stop = ids.subscribe((value) => seen.push(value));
    store.dispatch({ type: 'guild/setPrefix', guildId: '1', prefix: '!' });
    store.dispatch({ type: 'guild/setPrefix', guildId: '2', prefix: '!' });
    stop();
    store.dispatch({ type: 'guild/setPrefix', guildId: '3', prefix: '!' });
    expect(seen).toEqual([['1', '2']]);
  });
});

describe('typed actions', () => {
  it('checks actions against the union inferred from the reducers (npm run typecheck)', () => {
    const store = settingsStore();
    const check = (): void => {
      // @ts-expect-error prefix must be a string
      store.dispatch({ type: 'guild/setPrefix', guildId: '1', prefix: 3 });
      // @ts-expect-error guildId is required
      store.dispatch({ type: 'guild/setPrefix', prefix: '?' });
      // @ts-expect-error no reducer has this type
      store.dispatch({ type: 'guild/unknown' });
    };
    expect(typeof check).toBe('function');
    expect(store.actionTypes).toEqual(['guild/setPrefix', 'guild/addRole', 'guild/remove', 'increment']);
  });
});
