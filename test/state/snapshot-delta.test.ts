import {
  decodeSnapshot,
  decodeStateJson,
  encodeSnapshot,
  encodeStateJson,
  StateMalformedDeltaError,
  StateMalformedSnapshotError,
  StateVersionGapError,
  type StateDelta,
} from '../../src/state';
import { settingsStore } from './settings-store';

describe('snapshots', () => {
  it('round-trips through JSON with Sets kept, and restores the state and version', () => {
    const store = settingsStore();
    store.dispatch({ type: 'guild/setPrefix', guildId: '1', prefix: '?' });
    store.dispatch({ type: 'guild/addRole', guildId: '1', roleId: 'r1' });
    const text = encodeSnapshot(store.snapshot());
    expect(JSON.parse(text)).toMatchObject({ format: 'ovenjs.state/1', store: 'settings', version: 2 });

    const other = settingsStore();
    other.restore(decodeSnapshot(text));
    expect(other.version).toBe(2);
    expect(other.getState()).toEqual(store.getState());
    expect(other.getState().guilds['1']?.roles).toBeInstanceOf(Set);
    expect(Object.isFrozen(other.getState().guilds['1'])).toBe(true);
  });

  it('makes a restore undoable', () => {
    const store = settingsStore();
    const empty = store.snapshot();
    store.dispatch({ type: 'increment' });
    store.restore(empty);
    expect(store.getState().count).toBe(0);
    store.history.undo();
    expect(store.getState().count).toBe(1);
  });

  it('refuses malformed snapshots and leaves the state alone', () => {
    const store = settingsStore();
    store.dispatch({ type: 'increment' });
    expect(() => store.restore({ format: 'ovenjs.state/1', store: 'x', version: -1, state: store.getState() })).toThrow(StateMalformedSnapshotError);
    expect(() => store.restore(decodeSnapshot('{"format":"other","version":1,"state":{}}'))).toThrow(/format is "other"/);
    expect(() => store.restore(decodeSnapshot('{"format":"ovenjs.state/1","store":"x","version":3,"state":[1]}'))).toThrow(
      /its state is an array where this store holds an object/,
    );
    expect(store.getState().count).toBe(1);
    expect(store.version).toBe(1);
  });

  it('encodes Maps, Sets, Dates, bigints and undefined', () => {
    const value = { m: new Map([['a', new Set([1n])]]), d: new Date(0), list: [undefined, 1] };
    expect(decodeStateJson(encodeStateJson(value))).toEqual(value);
  });

  it('reads a "__proto__" key back as a key, never as the object\'s prototype', () => {
    const back = decodeStateJson('{"guild":{"__proto__":{"isAdmin":true}}}') as { guild: { isAdmin?: boolean } };
    expect(back.guild.isAdmin).toBeUndefined();
    expect(Object.getPrototypeOf(back.guild)).toBe(Object.prototype);
    expect(Object.keys(back.guild)).toEqual(['__proto__']);
  });

  it('keeps numbers JSON cannot hold, and objects that happen to use the codec\'s tag key', () => {
    const value = { limit: Infinity, floor: -Infinity, unset: NaN, zero: -0, list: [Infinity], user: { $oven: 'date', iso: 'not a date' } };
    const back = decodeStateJson(encodeStateJson(value)) as typeof value;
    expect(back).toEqual(value);
    expect(Object.is(back.zero, -0)).toBe(true);
    expect(back.user).toEqual({ $oven: 'date', iso: 'not a date' });
  });
});

describe('deltas', () => {
  it('replicates every change to another store through applyDelta', () => {
    const primary = settingsStore();
    const replica = settingsStore({ name: 'replica' });
    primary.subscribe((change) => replica.applyDelta(decodeStateJson(encodeStateJson(change.delta)) as StateDelta));
    primary.dispatch({ type: 'guild/setPrefix', guildId: '1', prefix: '?' });
    primary.dispatch({ type: 'increment' });
    primary.history.undo();
    primary.restore({ ...primary.snapshot(), version: 10 });
    expect(replica.getState()).toEqual(primary.getState());
    expect(replica.version).toBe(10);
  });

  it('ignores a delta it already applied', () => {
    const primary = settingsStore();
    const replica = settingsStore();
    const change = primary.dispatch({ type: 'increment' });
    expect(replica.applyDelta(change!.delta)).toBe(true);
    expect(replica.applyDelta(change!.delta)).toBe(false);
    expect(replica.getState().count).toBe(1);
  });

  it('refuses a version gap with a typed error, then catches up after a resync from a snapshot', () => {
    const primary = settingsStore();
    const replica = settingsStore();
    const deltas: StateDelta[] = [];
    primary.subscribe((change) => deltas.push(change.delta));
    primary.dispatch({ type: 'increment' });
    primary.dispatch({ type: 'increment' });
    const snapshot = primary.snapshot();
    primary.dispatch({ type: 'increment' });
    let gap: unknown;
    try {
      replica.applyDelta(deltas[1]!);
    } catch (error) {
      gap = error;
    }
    expect(gap).toBeInstanceOf(StateVersionGapError);
    expect(gap).toMatchObject({ code: 'OVEN_ERR_STATE_VERSION_GAP', expected: 0, received: 1 });
    expect(replica.getState().count).toBe(0);
    replica.restore(snapshot);
    expect(replica.applyDelta(deltas[2]!)).toBe(true);
    expect(replica.getState()).toEqual(primary.getState());
  });

  it('refuses malformed deltas and patches that do not fit, applying nothing', () => {
    const replica = settingsStore();
    const bad = (value: unknown): StateDelta => value as StateDelta;
    expect(() => replica.applyDelta(bad({ version: 1, baseVersion: 0, origin: 'x', patches: [{ op: 'move', path: [] }] }))).toThrow(/op "move"/);
    expect(() => replica.applyDelta(bad({ version: 1, baseVersion: 0, origin: 'x', patches: 'nope' }))).toThrow(StateMalformedDeltaError);
    expect(() => replica.applyDelta(bad({ version: '1', baseVersion: 0, origin: 'x', patches: [] }))).toThrow(/`version`/);
    expect(() =>
      replica.applyDelta(bad({ version: 1, baseVersion: 0, origin: 'x', patches: [{ op: 'replace', path: ['guilds', 'missing', 'prefix'], value: '?' }] })),
    ).toThrow(/patches do not apply/);
    expect(() => replica.applyDelta(bad({ version: 1, baseVersion: 0, origin: 'x', patches: [{ op: 'replace', path: [], value: 3 }] }))).toThrow(
      /turn the state into a number/,
    );
    expect(replica.version).toBe(0);
    expect(replica.getState()).toEqual({ guilds: {}, count: 0 });
  });
});
