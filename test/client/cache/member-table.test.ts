import type { Snowflake } from '../../../src/snowflake';
import { MemberTable, type MemberPayload } from '../../../src/client/cache/member-table';
import { hashSnowflakeKey, parsedKey, parseSnowflakeKey } from '../../../src/client/cache/snowflake-key';

const same = (id: string): Snowflake => id as Snowflake;
const payload = (over: Partial<MemberPayload> = {}): MemberPayload => ({ roles: [], joined_at: '2024-01-01T00:00:00.000Z', ...over });
const ids = (table: MemberTable): string[] => {
  const out: string[] = [];
  for (let row = 0; row < table.end; row++) if (table.isLive(row)) out.push(table.idAt(row));
  return out;
};
const get = (table: MemberTable, id: string) => {
  const row = table.rowOf(id);
  return row < 0 ? undefined : table.materialise(row);
};

describe('MemberTable', () => {
  it('stores every field and reads nulls back as null', () => {
    const table = new MemberTable(Number.POSITIVE_INFINITY);
    table.set('10', payload({ nick: 'n', avatar: 'abc', roles: ['5', '6'], premium_since: '2024-02-01T00:00:00.000Z', communication_disabled_until: '2024-03-01T00:00:00.000Z', flags: 3, pending: true }), same);
    table.set('11', { roles: [] }, same);
    expect(get(table, '10')).toEqual({
      userId: '10', nick: 'n', avatar: 'abc', roles: ['5', '6'], joinedAt: Date.parse('2024-01-01T00:00:00.000Z'),
      premiumSince: Date.parse('2024-02-01T00:00:00.000Z'), communicationDisabledUntil: Date.parse('2024-03-01T00:00:00.000Z'), flags: 3, pending: true,
    });
    expect(get(table, '11')).toEqual({ userId: '11', nick: null, avatar: null, roles: [], joinedAt: null, premiumSince: null, communicationDisabledUntil: null, flags: 0, pending: false });
  });

  it('replaces every field on a later write, clearing what the new payload leaves null', () => {
    const table = new MemberTable(Number.POSITIVE_INFINITY);
    table.set('10', payload({ nick: 'n', avatar: 'abc', roles: ['5'], premium_since: '2024-02-01T00:00:00.000Z', flags: 2, pending: true }), same);
    table.set('10', payload({ nick: null, roles: ['6', '7', '8'] }), same);
    expect(get(table, '10')).toMatchObject({ nick: null, avatar: null, roles: ['6', '7', '8'], premiumSince: null, flags: 0, pending: false });
    table.set('10', payload({ nick: 'again', avatar: 'def', roles: [] }), same);
    expect(get(table, '10')).toMatchObject({ nick: 'again', avatar: 'def', roles: [] });
    expect(table.size).toBe(1);
  });

  it('grows by doubling past its first capacity and keeps every member findable', () => {
    const table = new MemberTable(Number.POSITIVE_INFINITY);
    for (let i = 1; i <= 5000; i++) table.set(String(i), payload({ roles: [String(i % 7)], nick: i % 3 === 0 ? `n${i}` : null }), same);
    expect(table.size).toBe(5000);
    for (let i = 1; i <= 5000; i += 37) expect(get(table, String(i))).toMatchObject({ userId: String(i), roles: [String(i % 7)], nick: i % 3 === 0 ? `n${i}` : null });
    expect(table.rowOf('5001')).toBe(-1);
  });

  it('deletes, re-adds after a delete, and squeezes tombstones out keeping order and values', () => {
    const table = new MemberTable(Number.POSITIVE_INFINITY);
    for (let i = 1; i <= 200; i++) table.set(String(i), payload({ roles: [String(i % 5)], nick: `n${i}` }), same);
    for (let i = 1; i <= 200; i++) if (i % 4 !== 0) expect(table.delete(String(i))).toBe(true);
    expect(table.delete('1')).toBe(false);
    // Compacted whenever tombstones outnumbered live rows: never more dead than live (plus slack).
    expect(table.end).toBeLessThan(200);
    expect(table.end - table.size).toBeLessThanOrEqual(Math.max(32, table.size));
    expect(ids(table)).toEqual(Array.from({ length: 50 }, (_, i) => String((i + 1) * 4)));
    expect(get(table, '100')).toMatchObject({ nick: 'n100', roles: ['0'] });
    table.set('1', payload({ nick: 'back' }), same);
    expect(get(table, '1')?.nick).toBe('back');
    expect(ids(table).at(-1)).toBe('1');
    expect(table.size).toBe(51);
  });

  it('finds and deletes ids that share an index slot (linear probing with backward shift)', () => {
    // Ids whose hash lands on the same slot of a fresh table's 16-slot index.
    const colliding: string[] = [];
    for (let i = 1; colliding.length < 6; i++) {
      parseSnowflakeKey(String(i));
      if ((hashSnowflakeKey(parsedKey.hi, parsedKey.lo) & 15) === 3) colliding.push(String(i));
    }
    const table = new MemberTable(Number.POSITIVE_INFINITY);
    for (const id of colliding) table.set(id, payload({ nick: id }), same);
    table.delete(colliding[1]!);
    table.delete(colliding[3]!);
    for (const [k, id] of colliding.entries()) expect(get(table, id)?.nick).toBe(k === 1 || k === 3 ? undefined : id);
    table.set(colliding[1]!, payload({ nick: 'again' }), same);
    expect(get(table, colliding[1]!)?.nick).toBe('again');
    expect(get(table, colliding[5]!)?.nick).toBe(colliding[5]);
  });

  it('keeps ids near 2^64 and above 2^53 exact, and ignores ids that are not snowflakes', () => {
    const table = new MemberTable(Number.POSITIVE_INFINITY);
    const big = ['18446744073709551615', '18446744073709551614', '9007199254740993', '1300000000000000001'];
    for (const id of big) table.set(id, payload({ nick: id }), same);
    expect(ids(table)).toEqual(big);
    for (const id of big) expect(get(table, id)?.userId).toBe(id);
    expect(table.set('18446744073709551616', payload(), same)).toBe(false);
    expect(table.set('not-an-id', payload(), same)).toBe(false);
    expect(table.rowOf('0018446744073709551615')).toBe(-1);
    expect(table.size).toBe(4);
  });

  it('evicts the least recently written member past its limit, as BoundedMap does', () => {
    const table = new MemberTable(3);
    for (const id of ['1', '2', '3']) table.set(id, payload(), same);
    table.set('1', payload({ nick: 'rewritten' }), same); // moves 1 to the back
    table.set('4', payload(), same); // evicts 2
    expect(ids(table)).toEqual(['3', '1', '4']);
    expect(table.size).toBe(3);
    // A patch from a message refreshes in place without moving.
    table.patchNickAndRoles('3', 'patched', [], same);
    table.set('5', payload(), same);
    expect(ids(table)).toEqual(['1', '4', '5']);
    for (let i = 6; i < 300; i++) table.set(String(i), payload({ roles: ['r'] }), same);
    expect(ids(table)).toEqual(['297', '298', '299']);
    expect(table.end).toBeLessThan(300);
  });

  it('refreshes nick and roles from a partial member without touching the rest', () => {
    const table = new MemberTable(Number.POSITIVE_INFINITY);
    expect(table.patchNickAndRoles('10', 'x', [], same)).toBe(false);
    table.set('10', payload({ nick: 'a', roles: ['1'], flags: 4 }), same);
    expect(table.patchNickAndRoles('10', 'b', ['1', '2'], same)).toBe(true);
    expect(get(table, '10')).toMatchObject({ nick: 'b', roles: ['1', '2'], flags: 4, joinedAt: Date.parse('2024-01-01T00:00:00.000Z') });
    // A partial member that leaves nick out keeps it; null clears it.
    table.patchNickAndRoles('10', undefined, ['2'], same);
    expect(get(table, '10')).toMatchObject({ nick: 'b', roles: ['2'] });
    table.patchNickAndRoles('10', null, ['2'], same);
    expect(get(table, '10')).toMatchObject({ nick: null, roles: ['2'] });
  });

  it('removes a deleted role from every member and reuses its slot for a new role', () => {
    const table = new MemberTable(Number.POSITIVE_INFINITY);
    table.set('1', payload({ roles: ['a', 'b', 'c'] }), same);
    table.set('2', payload({ roles: ['b'] }), same);
    table.set('3', payload({ roles: ['c', 'b', 'a'] }), same);
    table.removeRole('b');
    table.removeRole('never-seen');
    expect([get(table, '1')?.roles, get(table, '2')?.roles, get(table, '3')?.roles]).toEqual([['a', 'c'], [], ['c', 'a']]);
    table.set('4', payload({ roles: ['d', 'a'] }), same);
    expect(get(table, '4')?.roles).toEqual(['d', 'a']);
    expect(get(table, '1')?.roles).toEqual(['a', 'c']);
    // A member still sent with the deleted role (a stale payload) gets it back as a fresh slot.
    table.set('2', payload({ roles: ['b'] }), same);
    expect(get(table, '2')?.roles).toEqual(['b']);
  });

  it('gives roles the guild role table strings through the resolver', () => {
    const guildRoles = new Map([['42', '42' as Snowflake]]);
    const resolve = jest.fn((id: string) => guildRoles.get(id) ?? (id as Snowflake));
    const table = new MemberTable(Number.POSITIVE_INFINITY);
    table.set('1', payload({ roles: ['42'] }), resolve);
    table.set('2', payload({ roles: ['42'] }), resolve);
    // Interned once per guild, not once per member.
    expect(resolve).toHaveBeenCalledTimes(1);
    expect(get(table, '2')?.roles[0]).toBe('42');
  });

  it('keeps role lists right through many rewrites (pool growth and compaction)', () => {
    const table = new MemberTable(Number.POSITIVE_INFINITY);
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 40; i++) table.set(String(i + 1), payload({ roles: Array.from({ length: (i + round) % 9 }, (_, k) => `r${(i + k) % 20}`) }), same);
    }
    for (let i = 0; i < 40; i++) expect(get(table, String(i + 1))?.roles).toEqual(Array.from({ length: (i + 49) % 9 }, (_, k) => `r${(i + k) % 20}`));
  });

  it('cuts an over-long role list at 255 rather than overflowing its count', () => {
    const table = new MemberTable(Number.POSITIVE_INFINITY);
    table.set('1', payload({ roles: Array.from({ length: 300 }, (_, k) => String(k + 1)) }), same);
    expect(get(table, '1')?.roles).toHaveLength(255);
  });

  it('hands out the same view until the member changes, and a fresh one after every kind of write', () => {
    const table = new MemberTable(Number.POSITIVE_INFINITY);
    for (let i = 1; i <= 100; i++) table.set(String(i), payload({ roles: ['r1', 'r2'], nick: `n${i}` }), same);
    const first = get(table, '5')!;
    expect(get(table, '5')).toBe(first);
    const unchanged = get(table, '5');
    table.patchNickAndRoles('5', 'n5', ['r1', 'r2'], same); // no change: view kept
    expect(get(table, '5')).toBe(unchanged);
    table.patchNickAndRoles('5', 'other', ['r1', 'r2'], same);
    expect(get(table, '5')).toMatchObject({ nick: 'other' });
    table.patchNickAndRoles('5', 'other', ['r2'], same);
    expect(get(table, '5')?.roles).toEqual(['r2']);
    table.set('5', payload({ nick: 'set' }), same);
    expect(get(table, '5')).toMatchObject({ nick: 'set', roles: [] });
    expect(get(table, '6')?.roles).toEqual(['r1', 'r2']);
    table.removeRole('r1');
    expect(get(table, '6')?.roles).toEqual(['r2']);
    // Row 69 shares row 5's view slot (64 slots): after 5 is gone its row may be reused by another id.
    get(table, '69');
    table.delete('69');
    table.set('69', payload({ nick: 'back' }), same);
    expect(get(table, '69')?.nick).toBe('back');
    // Compaction moves rows under the views.
    const before = get(table, '100');
    for (let i = 1; i < 90; i++) table.delete(String(i));
    expect(get(table, '100')).toMatchObject({ userId: '100', nick: 'n100', roles: ['r2'] });
    expect(before?.userId).toBe('100');
    for (let i = 90; i <= 100; i++) expect(get(table, String(i))?.userId).toBe(String(i));
    table.clear();
    table.set('7', payload({ nick: 'after clear' }), same);
    expect(get(table, '7')).toMatchObject({ userId: '7', nick: 'after clear' });
  });

  it('empties on clear and works again afterwards', () => {
    const table = new MemberTable(Number.POSITIVE_INFINITY);
    for (let i = 1; i <= 20; i++) table.set(String(i), payload({ nick: 'x', roles: ['1'] }), same);
    table.clear();
    expect(table.size).toBe(0);
    expect(table.rowOf('5')).toBe(-1);
    table.set('5', payload({ nick: 'y' }), same);
    expect(get(table, '5')).toMatchObject({ nick: 'y', roles: [] });
  });
});
