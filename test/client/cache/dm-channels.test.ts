import { ChannelType } from 'discord-api-types/v10';
import { CacheOptionError, EntityStore } from '../../../src/client';
import { dispatch, guildCreate, message, ready, user } from './store-fixtures';
import { seededRandom as random } from '../../support/seeded-random';

const dmChannel = (id: string, recipient: string) => ({ id, type: ChannelType.DM, recipients: [user(recipient)], last_message_id: null });

// Discord sends no delete event for DM channels: without the dmChannels cap a bot that talks to
// many users keeps every conversation (up to `messages` each) for ever.
describe('EntityStore: dmChannels bounds the DM channels that keep messages', () => {
  it('defaults to 200 channels and rejects bad values with a typed error naming the option', () => {
    expect(new EntityStore().limits.dmChannels).toBe(200);
    expect(new EntityStore({ dmChannels: true }).limits.dmChannels).toBe(Number.POSITIVE_INFINITY);
    expect(new EntityStore(false).limits.dmChannels).toBe(0);
    for (const bad of [-1, 1.5, Number.NaN, '10', null]) {
      let thrown: unknown;
      try {
        new EntityStore({ dmChannels: bad as never });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(CacheOptionError);
      expect((thrown as CacheOptionError).code).toBe('OVEN_ERR_CLIENT_INVALID_CACHE_OPTION');
      expect((thrown as Error).message).toContain('cache.dmChannels');
      expect((thrown as Error).message).toContain(String(bad));
    }
  });

  it('evicts the least recently active DM channel with its messages and the users only they kept', () => {
    const store = new EntityStore({ dmChannels: 2 });
    store.apply(ready('1'));
    store.apply(message('10', '900', undefined, { author: user('201') }));
    store.apply(message('11', '901', undefined, { author: user('202') }));
    store.apply(message('12', '900', undefined, { author: user('201') })); // 900 is the most recent again
    store.apply(message('13', '902', undefined, { author: user('203') })); // pushes 901 out
    expect(store.messages('901').size).toBe(0);
    expect(store.messages('900').size).toBe(2);
    expect(store.messages('902').size).toBe(1);
    expect([...store.users.keys()].sort()).toEqual(['1', '201', '203']);
    expect(store.stats().messages).toBe(3);
  });

  it('does not count guild channels of a cached guild; counts those of guilds the cache does not hold', () => {
    const store = new EntityStore({ dmChannels: 1 });
    store.apply(ready('1'));
    store.apply(guildCreate('20', 0));
    store.apply(message('10', '202', '20'));
    store.apply(message('11', '203', '20'));
    store.apply(message('12', '900', undefined));
    store.apply(message('13', '901', undefined)); // pushes DM 900 out, not the guild's channels
    expect(store.messages('202').size).toBe(1);
    expect(store.messages('203').size).toBe(1);
    expect(store.messages('900').size).toBe(0);
    // Guild 77 is not cached: nothing would ever drop these messages but the cap.
    store.apply(message('14', '770', '77'));
    expect(store.messages('901').size).toBe(0);
    expect(store.messages('770').size).toBe(1);
  });

  it('a cached DM channel object goes with its messages; 0 caches no DM channel or message, guild ones still', () => {
    const store = new EntityStore({ dmChannels: 1 });
    store.apply(ready('1'));
    store.apply(dispatch('CHANNEL_CREATE', dmChannel('900', '201')));
    store.apply(message('10', '900', undefined, { author: user('201') }));
    expect(store.channels.get('900' as never)?.guildId).toBeNull();
    store.apply(message('11', '901', undefined, { author: user('202') }));
    expect(store.channels.has('900' as never)).toBe(false);
    expect(store.messages('900').size).toBe(0);

    const none = new EntityStore({ dmChannels: 0 });
    none.apply(ready('1'));
    none.apply(guildCreate('20', 0));
    none.apply(dispatch('CHANNEL_CREATE', dmChannel('900', '201')));
    none.apply(message('10', '900', undefined, { author: user('201') }));
    none.apply(message('11', '202', '20', { author: user('202') }));
    expect(none.channels.has('900' as never)).toBe(false);
    expect(none.messages('900').size).toBe(0);
    expect(none.messages('202').size).toBe(1);
  });

  it('a deleted channel leaves the list, so it does not push a live one out later', () => {
    const store = new EntityStore({ dmChannels: 2, guilds: false });
    store.apply(ready('1'));
    store.apply(message('11', '900', undefined));
    store.apply(message('10', '770', '77'));
    store.apply(dispatch('CHANNEL_DELETE', { id: '770', type: 0, guild_id: '77' }));
    store.apply(message('12', '901', undefined));
    expect(store.messages('900').size).toBe(1);
    expect(store.messages('901').size).toBe(1);
  });

  describe.each([
    [1, { dmChannels: 20 }],
    [2, { dmChannels: 7, messages: 3 }],
    [3, { dmChannels: 50, messages: 2, users: 500 }],
  ])('seeded run of many DM conversations (seed %i, %p)', (seed, options) => {
    it('keeps at most the cap, exactly the most recently active channels, and only the users their messages refer to', () => {
      const next = random(seed);
      const store = new EntityStore(options);
      store.apply(ready('1'));
      const people = Array.from({ length: 300 }, (_, i) => String(1000 + i));
      // The model: channel ids in order of last activity, most recent last.
      let recency: string[] = [];
      let messageId = 1;
      for (let step = 0; step < 4000; step++) {
        // Skewed towards a few busy conversations, as real DM traffic is.
        const person = people[Math.floor(next() ** 3 * people.length)]!;
        const channelId = `9${person}`;
        let written: string | undefined;
        if (next() < 0.1) {
          store.apply(dispatch('MESSAGE_DELETE', { id: String(1 + Math.floor(next() * messageId)), channel_id: channelId }));
        } else {
          written = String(messageId++);
          store.apply(message(written, channelId, undefined, { author: user(person) }));
          recency = [...recency.filter((id) => id !== channelId), channelId];
        }
        if (written !== undefined) expect(store.messages(channelId).has(written as never)).toBe(true);
        const kept = new Set(recency.slice(-options.dmChannels));
        const withMessages = recency.filter((id) => store.messages(id).size > 0);
        expect(withMessages.length).toBeLessThanOrEqual(options.dmChannels);
        expect(withMessages.filter((id) => !kept.has(id))).toEqual([]);
        const authors = new Set<string>(['1']);
        for (const id of withMessages) for (const cached of store.messages(id).values()) authors.add(cached.authorId);
        expect([...store.users.keys()].sort()).toEqual([...authors].sort());
      }
      // Far more conversations happened than the cap keeps.
      expect(recency.length).toBeGreaterThan(options.dmChannels * 2);
      expect(store.stats().messages).toBeLessThanOrEqual(options.dmChannels * store.limits.messages);
    });
  });
});
