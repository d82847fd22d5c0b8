import { EntityStore } from '../../../src/client';
import { dispatch, guildCreate, member, message, ready, user } from './store-fixtures';
import { seededRandom as random } from '../../support/seeded-random';

const userIds = (store: EntityStore): string[] => [...store.users.keys()].sort();

// A user is cached while something cached refers to it: a membership in a cached guild or a
// cached message it wrote (and the bot itself, always). Without that, a long-running bot keeps
// every user it ever met after they left, or after it left their guilds.
describe('EntityStore: users follow the members and messages that refer to them', () => {
  function twoGuilds(options: ConstructorParameters<typeof EntityStore>[0] = {}): EntityStore {
    const store = new EntityStore(options);
    store.apply(ready('100'));
    store.apply(guildCreate('20', 3)); // members 100 (the bot), 101, 102
    store.apply(guildCreate('30', 2)); // members 100, 101
    return store;
  }

  it('leaving a guild drops the users that were members only there, never the bot', () => {
    const store = twoGuilds();
    expect(userIds(store)).toEqual(['100', '101', '102']);
    store.apply(dispatch('GUILD_DELETE', { id: '20' }));
    expect(userIds(store)).toEqual(['100', '101']);
    store.apply(dispatch('GUILD_DELETE', { id: '30' }));
    expect(userIds(store)).toEqual(['100']);
    expect(store.me?.id).toBe('100');
  });

  it('GUILD_MEMBER_REMOVE drops the user once no guild has them', () => {
    const store = twoGuilds();
    store.apply(dispatch('GUILD_MEMBER_REMOVE', { guild_id: '20', user: user('102') }));
    store.apply(dispatch('GUILD_MEMBER_REMOVE', { guild_id: '20', user: user('101') }));
    expect(userIds(store)).toEqual(['100', '101']);
    store.apply(dispatch('GUILD_MEMBER_REMOVE', { guild_id: '30', user: user('101') }));
    expect(userIds(store)).toEqual(['100']);
  });

  it('an outage keeps the users; a member rewritten or moved to the back of a bounded guild stays referenced', () => {
    const store = twoGuilds({ members: 5 });
    store.apply(dispatch('GUILD_DELETE', { id: '20', unavailable: true }));
    store.apply(guildCreate('20', 3));
    store.apply(dispatch('GUILD_MEMBER_UPDATE', { guild_id: '20', user: user('102'), roles: [], avatar: null, joined_at: null }));
    store.apply(dispatch('GUILD_MEMBER_ADD', { ...member('102'), guild_id: '20' }));
    expect(userIds(store)).toEqual(['100', '101', '102']);
    store.apply(dispatch('GUILD_MEMBER_REMOVE', { guild_id: '20', user: user('102') }));
    expect(userIds(store)).toEqual(['100', '101']);
  });

  it('a member evicted by the members limit, or a guild by the guilds limit, releases its users', () => {
    const store = twoGuilds({ members: 2 }); // guild 20 keeps 101 and 102
    expect(userIds(store)).toEqual(['100', '101', '102']);
    store.apply(dispatch('GUILD_MEMBER_ADD', { ...member('103'), guild_id: '20' })); // evicts 101 there; 101 still in 30
    store.apply(dispatch('GUILD_MEMBER_ADD', { ...member('104'), guild_id: '20' })); // evicts 102: gone
    expect(userIds(store)).toEqual(['100', '101', '103', '104']);
    const bounded = twoGuilds({ guilds: 1 });
    expect(userIds(bounded)).toEqual(['100', '101']);
  });

  it('a message keeps its author cached after they left, until the message goes', () => {
    const store = twoGuilds({ messages: 1 });
    store.apply(message('1', '202', '20', { author: user('102'), member: undefined }));
    store.apply(message('2', '203', '20', { author: user('105', 'dm-less'), member: undefined }));
    store.apply(dispatch('GUILD_MEMBER_REMOVE', { guild_id: '20', user: user('102') }));
    expect(userIds(store)).toEqual(['100', '101', '102', '105']);
    store.apply(dispatch('MESSAGE_DELETE', { id: '1', channel_id: '202' }));
    expect(userIds(store)).toEqual(['100', '101', '105']);
    store.apply(message('3', '203', '20', { author: user('101'), member: undefined })); // evicts message 2 (limit 1)
    expect(userIds(store)).toEqual(['100', '101']);
    store.apply(message('4', '900', undefined, { author: user('106') })); // a DM author
    store.apply(dispatch('MESSAGE_DELETE_BULK', { ids: ['4'], channel_id: '900' }));
    expect(userIds(store)).toEqual(['100', '101']);
  });

  it('the same message id written twice is one reference', () => {
    const store = twoGuilds();
    store.apply(message('1', '900', undefined, { author: user('106') }));
    store.apply(message('1', '900', undefined, { author: user('106') }));
    store.apply(dispatch('MESSAGE_DELETE', { id: '1', channel_id: '900' }));
    expect(store.users.has('106' as never)).toBe(false);
  });

  it('with the users limit, an evicted user met again is cached again', () => {
    const store = twoGuilds({ users: 2 });
    expect(store.users.size).toBe(2);
    store.apply(dispatch('GUILD_MEMBER_REMOVE', { guild_id: '20', user: user('101') }));
    store.apply(dispatch('GUILD_MEMBER_REMOVE', { guild_id: '30', user: user('101') }));
    store.apply(dispatch('GUILD_MEMBER_ADD', { ...member('107'), guild_id: '30' }));
    expect(store.users.has('107' as never)).toBe(true);
    expect(store.users.size).toBeLessThanOrEqual(2);
  });

  // docs/client.md states exactly how counts go wrong under a users limit; these pin that statement.
  it('with the users limit, an evicted user brought back by a message counts only that newer reference', () => {
    const store = new EntityStore({ users: 2 });
    store.apply(message('10', '900', undefined, { author: user('201') }));
    store.apply(message('11', '901', undefined, { author: user('202') }));
    store.apply(message('12', '902', undefined, { author: user('203') })); // evicts 201; message 10 still refers to it
    expect(store.users.has('201' as never)).toBe(false);
    expect(store.messages('900').get('10' as never)?.authorId).toBe('201');
    store.apply(message('13', '903', undefined, { author: user('201') })); // back, counted once
    store.apply(dispatch('MESSAGE_DELETE', { id: '10', channel_id: '900' })); // the older reference goes...
    expect(store.users.has('201' as never)).toBe(false); // ...and takes the user while message 13 remains
    expect(store.messages('903').get('13' as never)?.authorId).toBe('201');
    store.apply(message('14', '903', undefined, { author: user('201') }));
    expect(store.users.get('201' as never)?.username).toBe('user201');
  });

  it('with the users limit, an evicted user brought back without a reference outlives its older references', () => {
    const store = new EntityStore({ users: 2, members: false });
    store.apply(guildCreate('20', 0));
    store.apply(message('10', '900', undefined, { author: user('201') }));
    store.apply(message('11', '901', undefined, { author: user('202') }));
    store.apply(message('12', '902', undefined, { author: user('203') })); // evicts 201
    store.apply(dispatch('GUILD_MEMBER_ADD', { ...member('201'), guild_id: '20' })); // members off: no reference
    store.apply(dispatch('MESSAGE_DELETE', { id: '10', channel_id: '900' }));
    expect(store.users.has('201' as never)).toBe(true);
    expect(store.users.size).toBe(2);
  });

  it('the users limit passes over the bot user: the oldest of the others goes', () => {
    const store = new EntityStore({ users: 3 });
    store.apply(ready('1'));
    for (const [id, author] of [['10', '201'], ['11', '202'], ['12', '203'], ['13', '204']] as const) {
      store.apply(message(id, '900', undefined, { author: user(author) }));
    }
    expect([...store.users.keys()].sort()).toEqual(['1', '203', '204']);
    expect(store.users.size).toBe(3);
  });

  it('with users: 1 the limit has no room for the bot and another user: the bot goes; me keeps it', () => {
    const store = new EntityStore({ users: 1 });
    store.apply(ready('1'));
    store.apply(message('10', '900', undefined, { author: user('201') }));
    expect([...store.users.keys()]).toEqual(['201']);
    expect(store.me?.id).toBe('1');
  });
});

describe.each([
  [1, {}],
  [2, { members: 4, messages: 3 }],
  [3, { guilds: 2, members: 6 }],
])('EntityStore user references under random dispatches (seed %i, %p)', (seed, options) => {
  it('the cached users are exactly the bot, cached members and cached message authors, after every step', () => {
    const next = random(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const guilds = ['20', '30', '40'];
    const people = Array.from({ length: 12 }, (_, i) => String(200 + i));
    const store = new EntityStore(options);
    store.apply(ready('1'));
    let messageId = 1;
    for (let step = 0; step < 3000; step++) {
      const roll = next();
      const guild = pick(guilds);
      const person = pick(people);
      if (roll < 0.05) store.apply(guildCreate(guild, Math.floor(next() * 4)));
      else if (roll < 0.08) store.apply(dispatch('GUILD_DELETE', { id: guild, ...(next() < 0.5 ? { unavailable: true } : {}) }));
      else if (roll < 0.3) store.apply(dispatch('GUILD_MEMBER_ADD', { ...member(person), guild_id: guild }));
      else if (roll < 0.45) store.apply(dispatch('GUILD_MEMBER_REMOVE', { guild_id: guild, user: user(person) }));
      else if (roll < 0.55) store.apply(dispatch('GUILD_MEMBER_UPDATE', { guild_id: guild, user: user(person), roles: [], avatar: null, joined_at: null }));
      else if (roll < 0.75) store.apply(message(String(messageId++), `${guild}2`, next() < 0.8 ? guild : undefined, { author: user(person) }));
      else if (roll < 0.85) store.apply(dispatch('MESSAGE_DELETE', { id: String(1 + Math.floor(next() * messageId)), channel_id: `${guild}2` }));
      else if (roll < 0.9) store.apply(dispatch('CHANNEL_DELETE', { id: `${guild}2`, type: 0, guild_id: guild }));
      else store.apply(dispatch('MESSAGE_DELETE_BULK', { ids: [String(messageId - 1), String(messageId - 2)], channel_id: `${guild}2` }));
      const expected = new Set<string>(['1']);
      for (const cached of store.guilds.values()) for (const id of cached.members.keys()) expected.add(id);
      for (const g of guilds) for (const m of store.messages(`${g}2`).values()) expected.add(m.authorId);
      expect([...store.users.keys()].sort()).toEqual([...expected].sort());
    }
  });
});
