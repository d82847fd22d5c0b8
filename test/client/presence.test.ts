import { ActivityType } from 'discord-api-types/v10';
import { PresenceError, resolvePresence, type PresenceInput } from '../../src/client';
import { PresenceBook } from '../../src/client/presence';

function field(input: unknown): string {
  try {
    resolvePresence(input as PresenceInput);
  } catch (error) {
    expect(error).toBeInstanceOf(PresenceError);
    expect((error as PresenceError).code).toBe('OVEN_ERR_CLIENT_INVALID_PRESENCE');
    return (error as PresenceError).field;
  }
  throw new Error(`accepted ${JSON.stringify(input)}`);
}

describe('resolvePresence', () => {
  it('fills the defaults and keeps only the activity fields Discord takes from bots', () => {
    expect(resolvePresence({ status: 'online' })).toEqual({ status: 'online', activities: [], since: null, afk: false });
    const streaming = { name: 'baking', type: ActivityType.Streaming, url: 'https://twitch.tv/oven', state: 'live', extra: 1 };
    expect(resolvePresence({ status: 'idle', since: 5, afk: true, activities: [streaming] })).toEqual({
      status: 'idle',
      since: 5,
      afk: true,
      activities: [{ name: 'baking', type: ActivityType.Streaming, url: 'https://twitch.tv/oven', state: 'live' }],
    });
  });

  it.each<[unknown, string]>([
    [null, 'presence'],
    [{ status: 'busy' }, 'status'],
    [{}, 'status'],
    [{ status: 'online', activities: 'baking' }, 'activities'],
    [{ status: 'online', activities: [null] }, 'activities[0]'],
    [{ status: 'online', activities: [{ name: 'a', type: 0 }, { name: '', type: 0 }] }, 'activities[1].name'],
    [{ status: 'online', activities: [{ name: 'a', type: 6 }] }, 'activities[0].type'],
    [{ status: 'online', activities: [{ name: 'a', type: 'Playing' }] }, 'activities[0].type'],
    [{ status: 'online', activities: [{ name: 'a', type: 1, url: 3 }] }, 'activities[0].url'],
    [{ status: 'online', activities: [{ name: 'a', type: 4, state: {} }] }, 'activities[0].state'],
    [{ status: 'online', since: -1 }, 'since'],
    [{ status: 'online', afk: 'no' }, 'afk'],
    [{ status: 'online', activities: [{ name: 'x'.repeat(5000), type: 0 }] }, 'activities'],
  ])('refuses %j, naming %s', (input, expected) => {
    expect(field(input)).toBe(expected);
  });
});

describe('PresenceBook', () => {
  it('gives a shard its own presence, else the one for every shard; setAll and a reshard drop per-shard ones', () => {
    const book = new PresenceBook();
    const all = resolvePresence({ status: 'idle' });
    const one = resolvePresence({ status: 'dnd' });
    expect(book.forShard(0)).toBeUndefined();
    book.setFor([1], one);
    expect(book.forShard(0)).toBeUndefined();
    expect(book.forShard(1)).toBe(one);
    book.setAll(all);
    expect(book.forShard(1)).toBe(all);
    book.setFor([2], one);
    book.forgetShards();
    expect(book.forShard(2)).toBe(all);
  });
});
