import {
  MemoryStateHub,
  MemoryStateTransport,
  RedisStateTransport,
  StateInvalidOptionError,
  StateMalformedDeltaError,
  StateSyncClosedError,
  StateSync,
  StateTransportUnavailableError,
  type CommitResult,
  type StateTransport,
  type StoredSnapshot,
  type SyncMessage,
} from '../../src/state';
import { until } from './converge';
import { settingsStore } from './settings-store';

/** A transport that can be switched off, to play an outage of the medium. */
class SwitchableTransport implements StateTransport {
  public readonly target = 'a switchable hub';
  public up = true;
  private readonly inner: MemoryStateTransport;
  private onStatus: ((status: 'up' | 'down') => void) | undefined;

  public constructor(hub: MemoryStateHub) {
    this.inner = new MemoryStateTransport(hub);
  }

  public setUp(up: boolean): void {
    this.up = up;
    this.onStatus?.(up ? 'up' : 'down');
  }

  public async subscribe(onMessage: (message: unknown) => void, onStatus: (status: 'up' | 'down') => void): Promise<void> {
    this.onStatus = onStatus;
    // Like a dropped subscriber connection: messages published while down are not delivered.
    await this.inner.subscribe((message) => this.up && onMessage(message));
  }

  public async commit(base: number, message: Omit<SyncMessage, 'seq'>): Promise<CommitResult> {
    this.check();
    return this.inner.commit(base, message);
  }

  public async readSince(seq: number): Promise<readonly unknown[] | undefined> {
    this.check();
    return this.inner.readSince(seq);
  }

  public async loadSnapshot(): Promise<StoredSnapshot | undefined> {
    this.check();
    return this.inner.loadSnapshot();
  }

  public async saveSnapshot(snapshot: StoredSnapshot): Promise<void> {
    this.check();
    return this.inner.saveSnapshot(snapshot);
  }

  public close(): Promise<void> {
    return this.inner.close();
  }

  private check(): void {
    if (!this.up) throw new StateTransportUnavailableError(this.target, 'reach the hub');
  }
}

async function pair(hub = new MemoryStateHub()) {
  const a = new StateSync(settingsStore({ id: 'a' }), new MemoryStateTransport(hub));
  const b = new StateSync(settingsStore({ id: 'b' }), new MemoryStateTransport(hub));
  await a.start();
  await b.start();
  return { hub, a, b };
}

describe('StateSync', () => {
  it('sends each local change to the other instances', async () => {
    const { a, b } = await pair();
    a.store.dispatch({ type: 'guild/setPrefix', guildId: '1', prefix: '?' });
    b.store.dispatch({ type: 'guild/setPrefix', guildId: '2', prefix: '$' });
    b.store.dispatch({ type: 'guild/addRole', guildId: '2', roleId: 'r' });
    b.store.dispatch({ type: 'increment' });
    await a.flushed();
    await b.flushed();
    await until([a, b], () => a.seq === 4 && b.seq === 4);
    expect(a.store.getState()).toEqual(b.store.getState());
    expect(a.store.getState().guilds['1']?.prefix).toBe('?');
    expect(a.store.getState().guilds['2']?.roles).toEqual(new Set(['r']));
    expect(a.store.getState().count).toBe(1);
    await a.stop();
    await b.stop();
  });

  it('converges on concurrent changes by replaying the loser through its reducer', async () => {
    const { a, b } = await pair();
    // Both increment from 0 before either hears of the other: a naive patch exchange would end at 1.
    a.store.dispatch({ type: 'increment' });
    b.store.dispatch({ type: 'increment' });
    a.store.dispatch({ type: 'guild/setPrefix', guildId: '1', prefix: 'a' });
    b.store.dispatch({ type: 'guild/setPrefix', guildId: '1', prefix: 'b' });
    await a.flushed();
    await b.flushed();
    await until([a, b], () => a.seq === 4 && b.seq === 4);
    expect(a.store.getState().count).toBe(2);
    expect(b.store.getState()).toEqual(a.store.getState());
    await a.stop();
    await b.stop();
  });

  it('sends a change a subscriber dispatches in reaction to another instance\'s change', async () => {
    const { a, b } = await pair();
    // A reaction (an audit counter, a derived field) made while sync applies a remote change.
    b.store.subscribe((change) => {
      if (change.kind === 'remote' && change.state.guilds['1'] !== undefined && change.state.count === 0) b.store.dispatch({ type: 'increment' });
    });
    a.store.dispatch({ type: 'guild/setPrefix', guildId: '1', prefix: '?' });
    await a.flushed();
    await until([b], () => b.seq === 1);
    expect(b.pendingCount).toBe(1);
    await b.flushed();
    await until([a, b], () => a.seq === 2 && b.seq === 2);
    expect(a.store.getState().count).toBe(1);
    expect(b.store.getState()).toEqual(a.store.getState());
    await a.stop();
    await b.stop();
  });

  it('lets a late joiner load the stored snapshot and the log after it', async () => {
    const hub = new MemoryStateHub(3);
    const a = new StateSync(settingsStore({ id: 'a' }), new MemoryStateTransport(hub), { snapshotEvery: 4 });
    await a.start();
    for (let i = 0; i < 10; i += 1) a.store.dispatch({ type: 'increment' });
    a.store.dispatch({ type: 'guild/addRole', guildId: 'x', roleId: 'r' });
    a.store.dispatch({ type: 'guild/setPrefix', guildId: '1', prefix: '?' });
    a.store.dispatch({ type: 'guild/addRole', guildId: '1', roleId: 'r' });
    await a.flushed();
    expect(hub.since(0)).toBeUndefined(); // the log alone no longer reaches the start
    const late = new StateSync(settingsStore({ id: 'late' }), new MemoryStateTransport(hub));
    const resyncs: number[] = [];
    late.on('resync', ({ seq }) => resyncs.push(seq));
    await late.start();
    expect(late.store.getState()).toEqual(a.store.getState());
    expect(late.store.getState().guilds['1']?.roles).toEqual(new Set(['r']));
    expect(resyncs).toEqual([12]);
    await a.stop();
    await late.stop();
  });

  it('keeps local changes made during an outage and sends them, in order, once the medium is back', async () => {
    const hub = new MemoryStateHub();
    const flaky = new SwitchableTransport(hub);
    const a = new StateSync(settingsStore({ id: 'a' }), flaky, { retryDelay: 5 });
    const b = new StateSync(settingsStore({ id: 'b' }), new MemoryStateTransport(hub));
    await a.start();
    await b.start();
    const downs: unknown[] = [];
    a.on('down', ({ error }) => downs.push(error));
    flaky.setUp(false);
    a.store.dispatch({ type: 'guild/setPrefix', guildId: '1', prefix: 'offline' });
    a.store.dispatch({ type: 'increment' });
    b.store.dispatch({ type: 'increment' }); // b keeps working meanwhile
    await b.flushed();
    expect(a.pendingCount).toBe(2);
    expect(downs).toHaveLength(1);
    expect(downs[0]).toBeInstanceOf(StateTransportUnavailableError);
    const up = new Promise<void>((resolve) => a.on('up', resolve));
    flaky.setUp(true);
    await up;
    await a.flushed();
    await until([a, b], () => a.seq === 3 && b.seq === 3);
    expect(a.store.getState()).toEqual({ guilds: { '1': { prefix: 'offline', roles: new Set() } }, count: 2 });
    expect(b.store.getState()).toEqual(a.store.getState());
    await a.stop();
    await b.stop();
  });

  it('applies a change exactly once when the transport accepted it but the answer was lost', async () => {
    const hub = new MemoryStateHub();
    let loseNext = true;
    class LosingAnswers extends MemoryStateTransport {
      public override async commit(base: number, message: Omit<SyncMessage, 'seq'>): Promise<CommitResult> {
        const result = await super.commit(base, message);
        if (loseNext) {
          loseNext = false;
          throw new StateTransportUnavailableError(this.target, 'send a change');
        }
        return result;
      }
    }
    const a = new StateSync(settingsStore({ id: 'a' }), new LosingAnswers(hub), { retryDelay: 5 });
    const b = new StateSync(settingsStore({ id: 'b' }), new MemoryStateTransport(hub));
    await a.start();
    await b.start();
    a.store.dispatch({ type: 'increment' });
    a.store.dispatch({ type: 'increment' });
    await a.flushed();
    await until([a, b], () => a.seq === 2 && b.seq === 2);
    expect(hub.seq).toBe(2);
    expect(a.store.getState().count).toBe(2);
    expect(b.store.getState()).toEqual(a.store.getState());
    await a.stop();
    await b.stop();
  });

  it('reports a malformed message with a typed error and recovers from the log, losing nothing', async () => {
    const hub = new MemoryStateHub();
    const transport = new MemoryStateTransport(hub);
    let deliver: ((message: unknown) => void) | undefined;
    const spy: StateTransport = {
      target: transport.target,
      subscribe: async (onMessage) => {
        deliver = onMessage;
        await transport.subscribe(onMessage);
      },
      commit: (base, message) => transport.commit(base, message),
      readSince: (seq) => transport.readSince(seq),
      loadSnapshot: () => transport.loadSnapshot(),
      saveSnapshot: (snapshot) => transport.saveSnapshot(snapshot),
      close: () => transport.close(),
    };
    const a = new StateSync(settingsStore({ id: 'a' }), spy);
    const b = new StateSync(settingsStore({ id: 'b' }), new MemoryStateTransport(hub));
    await a.start();
    await b.start();
    const errors: unknown[] = [];
    a.on('syncError', ({ error }) => errors.push(error));
    a.store.dispatch({ type: 'increment' });
    await a.flushed();
    b.store.dispatch({ type: 'guild/setPrefix', guildId: '9', prefix: '#' });
    await b.flushed();
    await until([a], () => a.seq === 2);
    const reported = (): Promise<void> => new Promise((resolve) => a.on('syncError', () => resolve()));
    let next = reported();
    deliver?.({ seq: 3, id: 'x', origin: 'evil', patches: [{ op: 'replace', path: ['guilds', 'nope', 'deep'], value: 1 }] });
    await next;
    next = reported();
    deliver?.({ seq: 'three' });
    await next;
    expect(errors).toHaveLength(2);
    expect(errors.every((error) => error instanceof StateMalformedDeltaError)).toBe(true);
    expect((errors[0] as Error).message).toContain('change 3 from evil does not apply');
    expect((errors[1] as Error).message).toContain('`seq` is not a positive integer');
    // Nothing was lost or corrupted, and sync goes on.
    b.store.dispatch({ type: 'increment' });
    await b.flushed();
    await until([a], () => a.seq === 3);
    expect(a.store.getState()).toEqual(b.store.getState());
    expect(a.store.getState().count).toBe(2);
    await a.stop();
    await b.stop();
  });

  it('applies an optimistic rollback everywhere', async () => {
    const { a, b } = await pair();
    let reject!: (error: Error) => void;
    const update = a.store.optimistic({ type: 'guild/setPrefix', guildId: '1', prefix: '?' }, new Promise((_, no) => (reject = no)));
    await a.flushed();
    await until([b.store], () => b.store.getState().guilds['1'] !== undefined);
    reject(new Error('Discord refused'));
    await update.settled;
    await a.flushed();
    await until([b.store], () => b.store.getState().guilds['1'] === undefined);
    expect(b.store.getState()).toEqual(a.store.getState());
    await a.stop();
    await b.stop();
  });

  it('replays changes made before start() on top of the shared state', async () => {
    const hub = new MemoryStateHub();
    const a = new StateSync(settingsStore({ id: 'a' }), new MemoryStateTransport(hub));
    await a.start();
    a.store.dispatch({ type: 'increment' });
    a.store.dispatch({ type: 'guild/setPrefix', guildId: '1', prefix: 'shared' });
    await a.flushed();
    const b = new StateSync(settingsStore({ id: 'b' }), new MemoryStateTransport(hub));
    b.store.dispatch({ type: 'increment' }); // made offline, before joining
    b.store.dispatch({ type: 'guild/setPrefix', guildId: '2', prefix: 'mine' });
    await b.start();
    await b.flushed();
    await until([a], () => a.seq === 4);
    expect(b.store.getState()).toEqual({
      guilds: { '1': { prefix: 'shared', roles: new Set() }, '2': { prefix: 'mine', roles: new Set() } },
      count: 2,
    });
    expect(a.store.getState()).toEqual(b.store.getState());
    await a.stop();
    await b.stop();
  });

  it('reports changes it could not send when stopped during an outage, and refuses to start again', async () => {
    const hub = new MemoryStateHub();
    const flaky = new SwitchableTransport(hub);
    const a = new StateSync(settingsStore({ id: 'a' }), flaky, { retryDelay: 5 });
    await a.start();
    flaky.setUp(false);
    a.store.dispatch({ type: 'increment' });
    const errors: unknown[] = [];
    a.on('syncError', ({ source, error }) => errors.push([source, error]));
    await a.stop();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toEqual(['stop', expect.any(StateTransportUnavailableError)]);
    expect(String((errors[0] as [string, Error])[1].message)).toContain('send 1 local change(s) before stopping');
    await expect(a.start()).rejects.toBeInstanceOf(StateSyncClosedError);
    expect(a.store.getState().count).toBe(1); // the store itself keeps the change
  });

  it('refuses bad options', () => {
    const transport = new MemoryStateTransport(new MemoryStateHub());
    expect(() => new StateSync(settingsStore(), transport, { snapshotEvery: 0 })).toThrow(StateInvalidOptionError);
    expect(() => new RedisStateTransport({ prefix: '' })).toThrow(/"prefix" must be a non-empty string/);
    expect(() => new RedisStateTransport({ prefix: 'x', logLimit: 0 })).toThrow(StateInvalidOptionError);
  });

  it('shares one start between concurrent calls, and may be started again after a failed start', async () => {
    const hub = new MemoryStateHub();
    const flaky = new SwitchableTransport(hub);
    let subscriptions = 0;
    const subscribe = flaky.subscribe.bind(flaky);
    flaky.subscribe = async (onMessage, onStatus) => {
      subscriptions += 1;
      await subscribe(onMessage, onStatus);
    };
    const a = new StateSync(settingsStore({ id: 'a' }), flaky);
    flaky.up = false;
    await expect(a.start()).rejects.toBeInstanceOf(StateTransportUnavailableError);
    flaky.up = true;
    await Promise.all([a.start(), a.start()]);
    await a.start();
    expect(subscriptions).toBe(2);
    a.store.dispatch({ type: 'increment' });
    await a.flushed();
    expect(a.seq).toBe(1);
    await a.stop();
  });
});
