import { StateHistoryConflictError, StateHistoryRangeError } from '../../src/state';
import { settingsStore } from './settings-store';

describe('StateHistory', () => {
  it('undoes and redoes through inverse patches, each as a new version', () => {
    const store = settingsStore();
    store.dispatch({ type: 'guild/setPrefix', guildId: '1', prefix: '?' });
    store.dispatch({ type: 'guild/setPrefix', guildId: '1', prefix: '>' });
    expect(store.history.undo()).toBe(true);
    expect(store.getState().guilds['1']?.prefix).toBe('?');
    expect(store.history.undo()).toBe(true);
    expect(store.getState().guilds['1']).toBeUndefined();
    expect(store.history.undo()).toBe(false);
    expect(store.history.redo()).toBe(true);
    expect(store.getState().guilds['1']?.prefix).toBe('?');
    expect(store.version).toBe(5);
    expect(store.history.position).toBe(1);
    expect(store.history.canRedo).toBe(true);
  });

  it('drops the redo branch when a new action is dispatched after an undo', () => {
    const store = settingsStore();
    store.dispatch({ type: 'increment' });
    store.dispatch({ type: 'increment' });
    store.history.undo();
    store.dispatch({ type: 'guild/setPrefix', guildId: '1', prefix: '?' });
    expect(store.history.canRedo).toBe(false);
    expect(store.history.entries.map((entry) => entry.label)).toEqual(['increment', 'guild/setPrefix']);
    expect(store.getState().count).toBe(1);
  });

  it('keeps at most `historyLimit` steps', () => {
    const store = settingsStore({ historyLimit: 2 });
    for (let i = 0; i < 5; i += 1) store.dispatch({ type: 'increment' });
    expect(store.history.entries).toHaveLength(2);
    while (store.history.undo());
    expect(store.getState().count).toBe(3);
  });

  it('time-travels to a position or a label in one change, and back', () => {
    const store = settingsStore();
    const kinds: string[] = [];
    store.subscribe((change) => kinds.push(change.kind));
    store.dispatch({ type: 'guild/setPrefix', guildId: '1', prefix: 'a' }, { label: 'first prefix' });
    store.dispatch({ type: 'increment' });
    store.dispatch({ type: 'guild/setPrefix', guildId: '1', prefix: 'b' });
    store.history.jumpTo(0);
    expect(store.getState()).toEqual({ guilds: {}, count: 0 });
    store.history.jumpTo('first prefix');
    expect(store.getState()).toEqual({ guilds: { '1': { prefix: 'a', roles: new Set() } }, count: 0 });
    store.history.jumpTo(3);
    expect(store.getState()).toEqual({ guilds: { '1': { prefix: 'b', roles: new Set() } }, count: 1 });
    expect(kinds).toEqual(['dispatch', 'dispatch', 'dispatch', 'jump', 'jump', 'jump']);
    expect(store.history.entries.map((entry) => entry.label)).toEqual(['first prefix', 'increment', 'guild/setPrefix']);
  });

  it('refuses a position or label it does not hold, without moving', () => {
    const store = settingsStore();
    store.dispatch({ type: 'increment' });
    expect(() => store.history.jumpTo(5)).toThrow(StateHistoryRangeError);
    expect(() => store.history.jumpTo('nope')).toThrow(/label "nope"/);
    expect(store.history.position).toBe(1);
    expect(store.getState().count).toBe(1);
  });

  it('records nothing with historyLimit 0', () => {
    const store = settingsStore({ historyLimit: 0 });
    store.dispatch({ type: 'increment' });
    expect(store.history.undo()).toBe(false);
    expect(store.getState().count).toBe(1);
  });

  it('refuses an undo that a remote change made impossible, without moving', () => {
    const store = settingsStore();
    store.dispatch({ type: 'guild/setPrefix', guildId: '1', prefix: '?' });
    store.dispatch({ type: 'guild/setPrefix', guildId: '1', prefix: '>' }, { label: 'prefix >' });
    store.applyPatches([{ op: 'remove', path: ['guilds', '1'] }], { origin: 'other-process' });
    expect(() => store.history.undo()).toThrow(StateHistoryConflictError);
    expect(() => store.history.undo()).toThrow('cannot undo "prefix >"');
    expect(store.history.position).toBe(2);
    expect(store.getState().guilds).toEqual({});
  });
});
