import { EntityStore } from '../../../src/client';
import { guildCreate, message, ready } from './store-fixtures';

// Guild ids whose shard under 2 shards is known: (id >> 22) % 2.
const onShard = (shard: number, n: number): string[] => {
  const out: string[] = [];
  for (let i = 1n; out.length < n; i++) {
    const id = i << 22n;
    if (Number(id % (2n << 22n) >> 22n) === shard) out.push(String(id));
  }
  return out;
};

describe('EntityStore: READY of a new session', () => {
  it('drops the cached guilds the session no longer lists (left while disconnected), with what hangs off them', () => {
    const store = new EntityStore();
    store.apply(ready('1', ['20', '30']));
    store.apply(guildCreate('20'));
    store.apply(guildCreate('30'));
    store.apply(message('1', '302', '30'));
    // A new session (after an invalid session): guild 30 removed the bot meanwhile.
    store.apply(ready('1', ['20']));
    expect([...store.guilds.keys()]).toEqual(['20']);
    expect(store.guilds.get('20' as never)?.unavailable).toBe(true);
    expect(store.stats()).toMatchObject({ guilds: 1, channels: 2, messages: 0 });
    expect(store.member('20', '101')).toBeDefined();
  });

  it('a shard READY touches only the guilds of its shard', () => {
    const [a0, b0] = onShard(0, 2) as [string, string];
    const [a1] = onShard(1, 1) as [string];
    const store = new EntityStore();
    store.apply(ready('1', [a0, b0], [0, 2]));
    store.apply(ready('1', [a1], [1, 2]));
    for (const id of [a0, b0, a1]) store.apply(guildCreate(id));
    store.apply(ready('1', [a0], [0, 2])); // shard 0 again, b0 gone
    expect([...store.guilds.keys()].sort()).toEqual([a0, a1].sort());
    store.apply(ready('1', [], [1, 2]));
    expect([...store.guilds.keys()]).toEqual([a0]);
  });
});
