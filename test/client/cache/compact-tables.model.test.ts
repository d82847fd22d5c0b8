import type { CachedMember, CachedUser } from '../../../src/client';
import { BoundedMap } from '../../../src/client';
import { MemberTable, type MemberPayload } from '../../../src/client/cache/member-table';
import { parseIsoTime } from '../../../src/client/cache/iso-time';
import { TableMap } from '../../../src/client/cache/table-map';
import { UserTable, type UserPayload } from '../../../src/client/cache/user-table';
import type { Snowflake } from '../../../src/snowflake';
import { seededRandom as random } from '../../support/seeded-random';

const same = (id: string): Snowflake => id as Snowflake;
// Small, mid-size, above 2^53 and near 2^64, so every id shape meets every operation.
const ID_POOL = Array.from({ length: 240 }, (_, i) =>
  i % 4 === 0 ? String(i + 1) : i % 4 === 1 ? String(1_300_000_000_000_000_000n + BigInt(i)) : i % 4 === 2 ? String(9_007_199_254_740_993n + BigInt(i)) : String(18_446_744_073_709_551_615n - BigInt(i)),
);
const ROLE_POOL = Array.from({ length: 12 }, (_, i) => String(500 + i));
const TIMES = [null, '2024-01-01T00:00:00.000Z', '2025-06-30T12:34:56.789000+00:00'];

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

function toExpected(userId: string, m: MemberPayload): CachedMember {
  const time = (iso: string | null | undefined) => (iso === null || iso === undefined ? null : parseIsoTime(iso));
  return {
    userId: userId as Snowflake,
    nick: m.nick ?? null,
    avatar: m.avatar ?? null,
    roles: m.roles.slice() as Snowflake[],
    joinedAt: time(m.joined_at),
    premiumSince: time(m.premium_since),
    communicationDisabledUntil: time(m.communication_disabled_until),
    flags: m.flags ?? 0,
    pending: m.pending === true,
  };
}

describe.each([
  [1, Number.POSITIVE_INFINITY],
  [2, 50],
  [3, 7],
  [4, Number.POSITIVE_INFINITY],
])('MemberTable against a BoundedMap model (seed %i, limit %p)', (seed, limit) => {
  it('agrees after every one of 6,000 random operations', () => {
    const next = random(seed);
    const table = new MemberTable(limit);
    const map = new TableMap(table);
    const model = new BoundedMap<string, CachedMember>(limit);
    for (let op = 0; op < 6000; op++) {
      const roll = next();
      const id = pick(next, ID_POOL);
      if (roll < 0.5) {
        const roles = Array.from({ length: Math.floor(next() * 5) }, () => pick(next, ROLE_POOL)).filter((r, i, all) => all.indexOf(r) === i);
        const payload: MemberPayload = {
          roles,
          nick: next() < 0.3 ? `nick${op}` : null,
          avatar: next() < 0.1 ? `av${op}` : null,
          joined_at: pick(next, TIMES),
          premium_since: next() < 0.1 ? pick(next, TIMES) : null,
          communication_disabled_until: next() < 0.05 ? pick(next, TIMES) : null,
          flags: next() < 0.1 ? Math.floor(next() * 16) : 0,
          pending: next() < 0.2,
        };
        table.set(id, payload, same);
        model.set(id, toExpected(id, payload));
      } else if (roll < 0.65) {
        const roles = next() < 0.5 ? [] : [pick(next, ROLE_POOL)];
        const nick = next() < 0.5 ? `patched${op}` : null;
        const known = model.get(id);
        expect(table.patchNickAndRoles(id, nick, roles, same)).toBe(known !== undefined);
        // In place: Map.prototype.set on an existing key keeps its position.
        if (known !== undefined) Map.prototype.set.call(model, id, { ...known, nick, roles: roles as Snowflake[] });
      } else if (roll < 0.93) {
        expect(table.delete(id)).toBe(model.delete(id));
      } else if (roll < 0.995) {
        const role = pick(next, ROLE_POOL);
        table.removeRole(role);
        for (const [key, member] of model) {
          if (member.roles.includes(role as Snowflake)) Map.prototype.set.call(model, key, { ...member, roles: member.roles.filter((r) => r !== role) });
        }
      } else {
        table.clear();
        model.clear();
      }
      const probe = pick(next, ID_POOL);
      expect(map.get(probe as Snowflake)).toEqual(model.get(probe));
      expect(map.size).toBe(model.size);
      if (op % 97 === 0) expect([...map]).toEqual([...model]);
    }
    expect([...map]).toEqual([...model]);
  });
});

describe.each([
  [11, Number.POSITIVE_INFINITY],
  [12, 40],
])('UserTable against a BoundedMap model (seed %i, limit %p)', (seed, limit) => {
  it('agrees after every one of 6,000 random operations', () => {
    const next = random(seed);
    const table = new UserTable(limit);
    const map = new TableMap(table);
    const model = new BoundedMap<string, CachedUser>(limit);
    const avatars = [null, 'ffffffffffffffffffffffffffffffff', 'a_0123456789abcdef0123456789abcdef', 'not-a-hash'];
    const names = ['a', 'bread', 'zoë', '🍞 baker', 'a rather long user name'];
    for (let op = 0; op < 6000; op++) {
      const roll = next();
      const id = pick(next, ID_POOL);
      if (roll < 0.6) {
        const user: UserPayload = { id, username: pick(next, names), global_name: next() < 0.5 ? null : pick(next, names), avatar: pick(next, avatars), bot: next() < 0.1 };
        table.set(user);
        const expected = { id: id as Snowflake, username: user.username, globalName: user.global_name ?? null, avatar: user.avatar, bot: user.bot === true };
        // A refresh keeps the user's place, as patching the cached object did.
        if (model.has(id)) Map.prototype.set.call(model, id, expected);
        else model.set(id, expected);
      } else if (roll < 0.75) {
        const username = pick(next, names);
        table.patch({ id, username });
        const known = model.get(id);
        if (known !== undefined) Map.prototype.set.call(model, id, { ...known, username });
      } else {
        expect(table.delete(id)).toBe(model.delete(id));
      }
      const probe = pick(next, ID_POOL);
      expect(map.get(probe as Snowflake)).toEqual(model.get(probe));
      expect(map.size).toBe(model.size);
      if (op % 97 === 0) expect([...map]).toEqual([...model]);
    }
    expect([...map]).toEqual([...model]);
  });
});
