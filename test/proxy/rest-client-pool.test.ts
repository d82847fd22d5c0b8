import { credentialsFrom } from '../../src/proxy/bot-credentials';
import { ProxyError } from '../../src/proxy/proxy-error';
import { resolveProxyOptions, type ProxyBot } from '../../src/proxy/proxy-options';
import { RestClientPool } from '../../src/proxy/rest-client-pool';
import { MemoryLimiterStore, type LimiterStore, type RestClient } from '../../src/rest';

/** A MemoryLimiterStore that records whether it was closed. */
class RecordingStore extends MemoryLimiterStore {
  public closed = false;
  public override async close(): Promise<void> {
    this.closed = true;
    await super.close();
  }
}

describe('RestClientPool', () => {
  const pools: RestClientPool[] = [];
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((pool) => pool.close()));
  });

  function makePool(options: Parameters<typeof resolveProxyOptions>[0], stores: RecordingStore[] = []) {
    const created: RestClient[] = [];
    const pool = new RestClientPool(
      resolveProxyOptions({ rest: { baseURL: 'http://127.0.0.1:9/api' }, limiterStore: (_bot: ProxyBot) => {
        const store = new RecordingStore();
        stores.push(store);
        return store;
      }, ...options }),
      (client) => created.push(client),
    );
    pools.push(pool);
    return { pool, created, stores };
  }

  const bot = (n: number) => credentialsFrom(`Bot token-${n}`)!;

  it('creates one client per token and version, lazily, and reuses it', () => {
    const { pool, created } = makePool({});
    const a = pool.lend(bot(1), 10);
    const b = pool.lend(bot(1), 10);
    const c = pool.lend(bot(1), 9);
    const d = pool.lend(bot(2), 10);
    const anonymous = pool.lend(undefined, 10);
    expect(a.client).toBe(b.client);
    expect(c.client).not.toBe(a.client);
    expect(d.client).not.toBe(a.client);
    expect(created).toHaveLength(4);
    expect(pool.size).toBe(3);
    expect(pool.bots()).toContain('anonymous');
    expect(anonymous.bot.key).toBe('anonymous');
  });

  it('closes idle bots on sweep (clients and the stores it made), never ones with requests in flight', async () => {
    const { pool, stores } = makePool({ clientIdleMs: 1_000 });
    const busy = pool.lend(bot(1), 10);
    pool.lend(bot(2), 10).release();
    pool.sweep(Date.now() + 5_000);
    expect(pool.size).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(stores.map((store) => store.closed)).toEqual([false, true]);
    busy.release();
    busy.release(); // a second release must not push the count below zero
    pool.sweep(Date.now() + 5_000);
    expect(pool.size).toBe(0);
  });

  it('evicts the least recently used idle bot when full, and refuses when every bot is busy', () => {
    const { pool } = makePool({ maxClients: 2 });
    const first = pool.lend(bot(1), 10);
    const second = pool.lend(bot(2), 10);
    first.release();
    second.release();
    pool.lend(bot(1), 10).release(); // bot 1 is now the most recent
    pool.lend(bot(3), 10);
    expect(pool.size).toBe(2);
    const held = pool.lend(bot(1), 10);
    expect(pool.bots()).not.toContain(bot(2).label);
    let caught: unknown;
    try {
      pool.lend(bot(4), 10);
    } catch (error) {
      caught = error;
    }
    expect((caught as ProxyError).code).toBe('OVEN_ERR_PROXY_TOO_MANY_TOKENS');
    expect((caught as ProxyError).status).toBe(503);
    held.release();
  });

  it('shares a store instance it was given across bots and leaves it open', async () => {
    const shared: LimiterStore = new RecordingStore();
    const pool = new RestClientPool(resolveProxyOptions({ rest: { baseURL: 'http://127.0.0.1:9/api' }, limiterStore: shared }), () => undefined);
    pool.lend(bot(1), 10).release();
    pool.lend(bot(2), 10).release();
    await pool.close();
    expect((shared as RecordingStore).closed).toBe(false);
    await shared.close();
  });
});
