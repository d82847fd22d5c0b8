import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { RedisStateTransport, StateLogRegressedError, StateMalformedDeltaError, StateSync, StateTransportUnavailableError } from '../../../src/state';
import { until } from '../../state/converge';
import { settingsStore } from '../../state/settings-store';
import { TcpProxy } from '../../support/tcp-proxy';

const run = randomUUID();
const admin = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true });
const syncs: StateSync<unknown, never>[] = [];

function prefixFor(test: string): string {
  return `oven:test:${run}:state:${test}`;
}

function instance(prefix: string, id: string, options: { port?: number; logLimit?: number; snapshotEvery?: number } = {}) {
  const transport = new RedisStateTransport({
    prefix,
    url: `redis://127.0.0.1:${options.port ?? 6379}`,
    ...(options.logLimit === undefined ? {} : { logLimit: options.logLimit }),
  });
  const sync = new StateSync(settingsStore({ id }), transport, {
    retryDelay: 50,
    ...(options.snapshotEvery === undefined ? {} : { snapshotEvery: options.snapshotEvery }),
  });
  syncs.push(sync as unknown as StateSync<unknown, never>);
  return sync;
}

afterAll(async () => {
  for (const sync of syncs) await sync.stop();
  const keys = await admin.keys(`oven:test:${run}:*`);
  if (keys.length > 0) await admin.del(...keys);
  await admin.quit();
});

describe('StateSync over Redis', () => {
  it('makes two stores converge, concurrent changes included', async () => {
    const prefix = prefixFor('converge');
    const a = instance(prefix, 'a');
    const b = instance(prefix, 'b');
    await a.start();
    await b.start();
    a.store.dispatch({ type: 'increment' });
    b.store.dispatch({ type: 'increment' });
    a.store.dispatch({ type: 'guild/setPrefix', guildId: '1', prefix: '?' });
    b.store.dispatch({ type: 'guild/setPrefix', guildId: '1', prefix: '$' });
    b.store.dispatch({ type: 'guild/addRole', guildId: '1', roleId: 'mod' });
    await Promise.all([a.flushed(), b.flushed()]);
    await until([a, b], () => a.seq === 5 && b.seq === 5);
    expect(a.store.getState().count).toBe(2);
    expect(a.store.getState().guilds['1']?.roles).toEqual(new Set(['mod']));
    expect(b.store.getState()).toEqual(a.store.getState());
    expect(await admin.get(`${prefix}:seq`)).toBe('5');
  });

  it('lets a late joiner load the snapshot kept in Redis', async () => {
    const prefix = prefixFor('late');
    const a = instance(prefix, 'a', { logLimit: 2, snapshotEvery: 3 });
    await a.start();
    a.store.dispatch({ type: 'guild/setPrefix', guildId: '1', prefix: '?' });
    for (let i = 0; i < 6; i += 1) a.store.dispatch({ type: 'increment' });
    a.store.dispatch({ type: 'guild/addRole', guildId: '1', roleId: 'r' });
    await a.flushed();
    expect(await admin.hget(`${prefix}:snapshot`, 'seq')).toBe('6');
    expect(await admin.llen(`${prefix}:log`)).toBe(2);
    const late = instance(prefix, 'late');
    const resyncs: number[] = [];
    late.on('resync', ({ seq }) => resyncs.push(seq));
    await late.start();
    expect(resyncs).toEqual([8]);
    expect(late.store.getState()).toEqual(a.store.getState());
    expect(late.store.getState().guilds['1']?.roles).toEqual(new Set(['r']));
  });

  it('reports an outage, keeps the changes made meanwhile and sends them all after reconnecting', async () => {
    const prefix = prefixFor('outage');
    const proxy = new TcpProxy('127.0.0.1', 6379);
    await proxy.start();
    try {
      const a = instance(prefix, 'a', { port: proxy.port });
      const b = instance(prefix, 'b');
      await a.start();
      await b.start();
      a.store.dispatch({ type: 'increment' });
      await a.flushed();
      const down = new Promise<unknown>((resolve) => a.on('down', ({ error }) => resolve(error)));
      proxy.cut();
      a.store.dispatch({ type: 'guild/setPrefix', guildId: '1', prefix: 'offline' });
      a.store.dispatch({ type: 'increment' });
      a.store.dispatch({ type: 'guild/addRole', guildId: '1', roleId: 'r' });
      const error = await down;
      expect(error).toBeInstanceOf(StateTransportUnavailableError);
      expect((error as StateTransportUnavailableError).code).toBe('OVEN_ERR_STATE_TRANSPORT_UNAVAILABLE');
      b.store.dispatch({ type: 'increment' }); // the other instance goes on meanwhile
      await b.flushed();
      expect(a.pendingCount).toBe(3);
      expect(a.store.getState().count).toBe(2); // local changes stay visible locally
      const up = new Promise<void>((resolve) => a.on('up', resolve));
      proxy.restore();
      await up;
      await a.flushed();
      await until([a, b], () => a.seq === 5 && b.seq === 5);
      expect(a.store.getState()).toEqual({ guilds: { '1': { prefix: 'offline', roles: new Set(['r']) } }, count: 3 });
      expect(b.store.getState()).toEqual(a.store.getState());
    } finally {
      await proxy.close();
    }
  });

  it('recovers when Redis loses the log (a restart without persistence), re-seeding it with what the instances had', async () => {
    const prefix = prefixFor('lost');
    const a = instance(prefix, 'a');
    const b = instance(prefix, 'b');
    await a.start();
    await b.start();
    a.store.dispatch({ type: 'increment' });
    a.store.dispatch({ type: 'guild/setPrefix', guildId: '1', prefix: '?' });
    await a.flushed();
    await until([b], () => b.seq === 2);
    const reported: unknown[] = [];
    a.on('syncError', ({ source, error }) => reported.push([source, error]));
    await admin.del(`${prefix}:seq`, `${prefix}:log`, `${prefix}:snapshot`);
    let commits = 0;
    const commit = a.transport.commit.bind(a.transport);
    a.transport.commit = (base, message) => {
      commits += 1;
      return commit(base, message);
    };
    a.store.dispatch({ type: 'increment' });
    await a.flushed();
    // One refused commit, then one at the reset log's head: no spinning against Redis.
    expect(commits).toBe(2);
    expect(reported).toHaveLength(1);
    const [source, error] = reported[0] as [string, StateLogRegressedError];
    expect(source).toBe('reset');
    expect(error).toBeInstanceOf(StateLogRegressedError);
    expect(error.code).toBe('OVEN_ERR_STATE_LOG_REGRESSED');
    expect(error.message).toContain('seq 2');
    await until([b], () => b.store.getState().count === 2);
    // Nothing the instances had confirmed was lost, and a late joiner gets all of it.
    const expected = { guilds: { '1': { prefix: '?', roles: new Set() } }, count: 2 };
    expect(a.store.getState()).toEqual(expected);
    expect(b.store.getState()).toEqual(expected);
    const late = instance(prefix, 'late');
    await late.start();
    expect(late.store.getState()).toEqual(expected);
  });

  it('refuses to start against a dead Redis with a typed error, the store still working locally', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve())); // nothing listens there now
    const sync = instance(prefixFor('dead'), 'a', { port });
    await expect(sync.start()).rejects.toBeInstanceOf(StateTransportUnavailableError);
    await expect(sync.start()).rejects.toThrow(`Redis at 127.0.0.1:${port} is unreachable`);
    sync.store.dispatch({ type: 'increment' });
    expect(sync.store.getState().count).toBe(1);
  });

  it('reports a malformed change published on the channel and keeps in step', async () => {
    const prefix = prefixFor('malformed');
    const a = instance(prefix, 'a');
    const b = instance(prefix, 'b');
    await a.start();
    await b.start();
    const reported = new Promise<unknown>((resolve) => a.on('syncError', ({ error }) => resolve(error)));
    await admin.publish(`${prefix}:changes`, '1|{"id":"x","origin":"intruder","patches":[{"op":"explode","path":[]}]}');
    const error = await reported;
    expect(error).toBeInstanceOf(StateMalformedDeltaError);
    expect((error as Error).message).toContain('op "explode"');
    b.store.dispatch({ type: 'increment' });
    await b.flushed();
    await until([a], () => a.seq === 1);
    expect(a.store.getState().count).toBe(1);
  });
});
