import { EntityStore } from '../../../src/client';
import { dispatch, guildCreate, member, user } from './store-fixtures';

const TIMEOUT = '2030-01-01T00:00:00.000Z';
const BOOST = '2024-02-01T00:00:00.000Z';

// GUILD_MEMBER_UPDATE carries roles, user, avatar and joined_at always; nick, premium_since,
// pending, communication_disabled_until and flags only sometimes. Absent keeps, null clears.
describe('EntityStore: GUILD_MEMBER_UPDATE partial payloads', () => {
  const full = { nick: 'baker', avatar: 'f'.repeat(32), premium_since: BOOST, communication_disabled_until: TIMEOUT, pending: true, flags: 2 };

  for (const limit of [true, 10] as const) {
    describe(`members: ${String(limit)}`, () => {
      const storeWithMember = (): EntityStore => {
        const store = new EntityStore({ members: limit });
        store.apply(guildCreate('70', 0));
        store.apply(dispatch('GUILD_MEMBER_ADD', { ...member('900', ['701'], full), guild_id: '70' }));
        return store;
      };

      it('keeps the fields a payload leaves out', () => {
        const store = storeWithMember();
        store.apply(dispatch('GUILD_MEMBER_UPDATE', { guild_id: '70', user: user('900'), roles: [], avatar: 'f'.repeat(32), joined_at: '2024-01-01T00:00:00.000Z' }));
        expect(store.member('70', '900')).toEqual({
          userId: '900', nick: 'baker', avatar: 'f'.repeat(32), roles: [], joinedAt: Date.parse('2024-01-01T00:00:00.000Z'),
          premiumSince: Date.parse(BOOST), communicationDisabledUntil: Date.parse(TIMEOUT), flags: 2, pending: true,
        });
      });

      it('clears the fields a payload sends as null, false or 0', () => {
        const store = storeWithMember();
        store.apply(
          dispatch('GUILD_MEMBER_UPDATE', {
            guild_id: '70', user: user('900'), roles: ['701'], avatar: null, joined_at: '2024-01-01T00:00:00.000Z',
            nick: null, premium_since: null, communication_disabled_until: null, pending: false, flags: 0,
          }),
        );
        expect(store.member('70', '900')).toMatchObject({ nick: null, avatar: null, premiumSince: null, communicationDisabledUntil: null, pending: false, flags: 0, roles: ['701'] });
      });

      it('a timeout set later is read back, and a member met first through an update is cached', () => {
        const store = storeWithMember();
        store.apply(dispatch('GUILD_MEMBER_UPDATE', { guild_id: '70', user: user('900'), roles: [], avatar: null, joined_at: null, communication_disabled_until: '2031-01-01T00:00:00.000Z' }));
        expect(store.member('70', '900')).toMatchObject({ nick: 'baker', communicationDisabledUntil: Date.parse('2031-01-01T00:00:00.000Z'), joinedAt: null });
        store.apply(dispatch('GUILD_MEMBER_UPDATE', { guild_id: '70', user: user('901'), roles: ['701'], avatar: null, joined_at: null }));
        expect(store.member('70', '901')).toMatchObject({ nick: null, roles: ['701'], pending: false, flags: 0 });
      });
    });
  }

  it('a partial update still moves the member to the back of a bounded guild', () => {
    const store = new EntityStore({ members: 2 });
    store.apply(guildCreate('71', 0));
    store.apply(dispatch('GUILD_MEMBER_ADD', { ...member('1', [], { nick: 'one' }), guild_id: '71' }));
    store.apply(dispatch('GUILD_MEMBER_ADD', { ...member('2'), guild_id: '71' }));
    store.apply(dispatch('GUILD_MEMBER_UPDATE', { guild_id: '71', user: user('1'), roles: [], avatar: null, joined_at: null }));
    store.apply(dispatch('GUILD_MEMBER_ADD', { ...member('3'), guild_id: '71' }));
    expect([...(store.guilds.get('71' as never)?.members.keys() ?? [])]).toEqual(['1', '3']);
    expect(store.member('71', '1')?.nick).toBe('one');
  });

  it('MESSAGE_CREATE refreshing a cached member keeps a nick its partial member leaves out', () => {
    const store = new EntityStore();
    store.apply(guildCreate('72', 0));
    store.apply(dispatch('GUILD_MEMBER_ADD', { ...member('100', [], { nick: 'baker' }), guild_id: '72' }));
    store.apply(
      dispatch('MESSAGE_CREATE', {
        id: '5', channel_id: '722', guild_id: '72', author: user('100'), content: 'x', timestamp: '2024-01-02T00:00:00.000Z', edited_timestamp: null,
        tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], embeds: [], pinned: false, type: 0,
        member: { roles: ['721'], joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 },
      }),
    );
    expect(store.member('72', '100')).toMatchObject({ nick: 'baker', roles: ['721'] });
  });
});
