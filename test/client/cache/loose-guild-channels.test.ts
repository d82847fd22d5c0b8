import { EntityStore } from '../../../src/client';
import { channel, dispatch, guildCreate, message, ready, thread } from './store-fixtures';
import { seededRandom as random } from '../../support/seeded-random';

const has = (store: EntityStore, id: string): boolean => store.channels.has(id as never);

// CHANNEL_CREATE/UPDATE, THREAD_CREATE/UPDATE and THREAD_LIST_SYNC of a guild the cache does not hold
// (guilds: false, or a guild the guilds limit evicted) stored the channel object with nothing that
// would ever drop it: no GUILD_DELETE reaches a guild the cache does not have.
describe('EntityStore: channel objects of guilds the cache does not hold are bounded by dmChannels', () => {
  it('keeps the most recently active ones: created, updated, or written to', () => {
    const store = new EntityStore({ guilds: false, dmChannels: 2 });
    store.apply(ready('1'));
    store.apply(dispatch('CHANNEL_CREATE', channel('700', '77')));
    store.apply(dispatch('THREAD_CREATE', thread('701', '77', '700')));
    store.apply(dispatch('CHANNEL_UPDATE', channel('700', '77', { name: 'renamed' }))); // 700 most recent again
    store.apply(dispatch('CHANNEL_CREATE', channel('702', '78'))); // pushes the thread 701 out
    expect(has(store, '700')).toBe(true);
    expect(has(store, '701')).toBe(false);
    expect(has(store, '702')).toBe(true);
    expect(store.channels.get('700' as never)?.name).toBe('renamed');
    store.apply(message('10', '702', '78'));
    store.apply(message('11', '703', '78')); // a message in an uncached channel counts too: 700 goes
    expect(has(store, '700')).toBe(false);
    expect(has(store, '702')).toBe(true);
    expect(store.messages('702').size).toBe(1);
  });

  it('counts DM channels and uncached guild channels against the same cap', () => {
    const store = new EntityStore({ guilds: false, dmChannels: 1 });
    store.apply(ready('1'));
    store.apply(dispatch('CHANNEL_CREATE', { id: '900', type: 1, recipients: [], last_message_id: null }));
    store.apply(dispatch('CHANNEL_CREATE', channel('700', '77')));
    expect(has(store, '900')).toBe(false);
    expect(has(store, '700')).toBe(true);
  });

  it('a THREAD_LIST_SYNC of an uncached guild stores its threads under the cap', () => {
    const store = new EntityStore({ guilds: false, dmChannels: 3 });
    store.apply(ready('1'));
    const threads = Array.from({ length: 10 }, (_, i) => thread(String(710 + i), '77', '700'));
    store.apply(dispatch('THREAD_LIST_SYNC', { guild_id: '77', threads, members: [] }));
    expect([...store.channels.keys()].sort()).toEqual(['717', '718', '719']);
  });

  it('a guild the guilds limit evicted: its later channel dispatches are bounded, the cached guild untouched', () => {
    const store = new EntityStore({ guilds: 1, dmChannels: 2 });
    store.apply(ready('1'));
    store.apply(guildCreate('30', 0));
    store.apply(guildCreate('40', 0)); // evicts guild 30 with its channels 302, 303
    expect(has(store, '302')).toBe(false);
    for (let i = 0; i < 20; i++) store.apply(dispatch('CHANNEL_UPDATE', channel(String(3100 + i), '30')));
    expect([...store.channels.keys()].filter((id) => id.startsWith('31')).sort()).toEqual(['3118', '3119']);
    // Guild 40's channels belong to a cached guild: never counted, never pushed out by the churn.
    expect(has(store, '402')).toBe(true);
    expect(has(store, '403')).toBe(true);
    expect(store.guilds.get('40' as never)?.channelIds.size).toBe(2);
  });

  it('a guild evicted after being cached takes the channels and messages stored while it was not', () => {
    const store = new EntityStore({ guilds: 1, dmChannels: 3 });
    store.apply(ready('1'));
    store.apply(dispatch('CHANNEL_CREATE', channel('309', '30'))); // guild 30 not cached yet
    store.apply(message('10', '309', '30'));
    store.apply(guildCreate('30', 0)); // does not list 309
    store.apply(guildCreate('40', 0)); // evicts guild 30: its messages go, and so must 309
    expect(store.messages('309').size).toBe(0);
    expect(has(store, '309')).toBe(false);
    // Had it stayed, nothing would push it out: it was no longer on the dmChannels list.
    for (let i = 0; i < 10; i++) store.apply(dispatch('CHANNEL_CREATE', channel(String(600 + i), '60')));
    expect([...store.channels.keys()].filter((id) => !id.startsWith('40')).sort()).toEqual(['607', '608', '609']);
  });

  it('a message in a cached guild attaches a channel stored before the guild was, so the guild takes it', () => {
    const store = new EntityStore({ guilds: 1, dmChannels: 3 });
    store.apply(ready('1'));
    store.apply(dispatch('CHANNEL_CREATE', channel('309', '30')));
    store.apply(guildCreate('30', 0)); // does not list 309
    store.apply(message('10', '309', '30'));
    expect(store.guilds.get('30' as never)?.channelIds.has('309' as never)).toBe(true);
    store.apply(guildCreate('40', 0));
    expect(has(store, '309')).toBe(false);
  });

  it('a channel stored while its guild was not cached leaves the cap when a GUILD_CREATE lists it', () => {
    const store = new EntityStore({ dmChannels: 1 });
    store.apply(ready('1'));
    store.apply(dispatch('CHANNEL_CREATE', channel('502', '50'))); // guild 50 not cached yet
    store.apply(guildCreate('50', 0)); // lists 502 and 503: now the guild's
    store.apply(dispatch('CHANNEL_CREATE', channel('600', '60')));
    store.apply(dispatch('CHANNEL_CREATE', channel('601', '60'))); // pushes 600 out, not 502
    expect(has(store, '502')).toBe(true);
    expect(has(store, '600')).toBe(false);
    expect(has(store, '601')).toBe(true);
    expect(store.guilds.get('50' as never)?.channelIds.has('502' as never)).toBe(true);
  });

  it('dmChannels: 0 stores no channel of an uncached guild; true keeps them all; channels: 0 none', () => {
    const none = new EntityStore({ guilds: false, dmChannels: 0 });
    none.apply(ready('1'));
    none.apply(dispatch('CHANNEL_CREATE', channel('700', '77')));
    expect(has(none, '700')).toBe(false);

    const all = new EntityStore({ guilds: false, dmChannels: true });
    all.apply(ready('1'));
    for (let i = 0; i < 500; i++) all.apply(dispatch('CHANNEL_CREATE', channel(String(7000 + i), '77')));
    expect(all.channels.size).toBe(500);

    const off = new EntityStore({ guilds: false, channels: false });
    off.apply(ready('1'));
    off.apply(dispatch('CHANNEL_CREATE', channel('700', '77')));
    off.apply(message('10', '700', '77'));
    expect(off.channels.size).toBe(0);
    expect(off.messages('700').size).toBe(1);
  });

  describe.each([
    [1, { guilds: false, dmChannels: 20 }],
    [2, { guilds: 2, dmChannels: 7, messages: 3 }],
    [3, { guilds: 3, dmChannels: 50, channels: 400 }],
  ] as const)('seeded run of many channels of guilds not cached (seed %i, %p)', (seed, options) => {
    it('keeps at most the cap of them, exactly among the most recently active, each fresh one present', () => {
      const next = random(seed);
      const store = new EntityStore(options);
      store.apply(ready('1'));
      // Guilds 1..8 come and go (only a few fit); their channels' dispatches keep arriving regardless.
      const guildIds = Array.from({ length: 8 }, (_, i) => String(i + 1));
      // The model: ids of channels no cached guild owns, in order of last activity, most recent last.
      let recency: string[] = [];
      const touch = (id: string): void => {
        recency = [...recency.filter((other) => other !== id), id];
      };
      const cachedGuildOwns = (id: string): boolean => [...store.guilds.values()].some((guild) => guild.channelIds.has(id as never));
      let messageId = 1;
      for (let step = 0; step < 3000; step++) {
        const guildId = guildIds[Math.floor(next() * guildIds.length)]!;
        const channelId = `${guildId}${String(1000 + Math.floor(next() ** 2 * 300))}`;
        const roll = next();
        const fresh: string[] = [];
        const guildsBefore = new Set<string>(store.guilds.keys());
        const withMessagesBefore = new Set(recency.filter((id) => store.messages(id).size > 0));
        if (roll < 0.03) {
          store.apply(guildCreate(guildId, 0));
        } else if (roll < 0.35) {
          store.apply(dispatch(next() < 0.5 ? 'CHANNEL_CREATE' : 'CHANNEL_UPDATE', channel(channelId, guildId)));
          fresh.push(channelId);
        } else if (roll < 0.55) {
          store.apply(dispatch(next() < 0.5 ? 'THREAD_CREATE' : 'THREAD_UPDATE', thread(channelId, guildId, `${guildId}2`)));
          fresh.push(channelId);
        } else if (roll < 0.6) {
          const threads = [thread(channelId, guildId, `${guildId}3`), thread(`${channelId}9`, guildId, `${guildId}3`)];
          store.apply(dispatch('THREAD_LIST_SYNC', { guild_id: guildId, channel_ids: [`${guildId}3`], threads, members: [] }));
          fresh.push(channelId, `${channelId}9`);
        } else if (roll < 0.65) {
          store.apply(dispatch(next() < 0.5 ? 'CHANNEL_DELETE' : 'THREAD_DELETE', channel(channelId, guildId)));
          recency = recency.filter((id) => id !== channelId);
        } else {
          store.apply(message(String(messageId++), channelId, guildId));
        }
        for (const id of fresh) {
          touch(id);
          expect(has(store, id)).toBe(true);
        }
        if (roll >= 0.65) {
          // A message in a cached guild's channel shows the guild owns it: it leaves the list.
          if (store.guilds.has(guildId as never)) recency = recency.filter((id) => id !== channelId);
          else touch(channelId);
        }
        // What a cached guild owns goes with the guild (GUILD_DELETE, guilds limit), so is not counted.
        recency = recency.filter((id) => !cachedGuildOwns(id));
        // A guild the limit evicted takes the messages of its channels, and so those channels (the
        // guild is the id's first digit here).
        const evicted = [...guildsBefore].filter((id) => !store.guilds.has(id as never));
        recency = recency.filter((id) => !(withMessagesBefore.has(id) && evicted.includes(id[0]!)));

        const loose = [...store.channels.keys()].filter((id) => !cachedGuildOwns(id));
        expect(loose.length).toBeLessThanOrEqual(options.dmChannels);
        const kept = new Set(recency.slice(-options.dmChannels));
        expect(loose.filter((id) => !kept.has(id))).toEqual([]);
      }
      // Far more such channels were seen than the cap keeps.
      expect(new Set(recency).size).toBeGreaterThan(options.dmChannels * 2);
    });
  });
});
