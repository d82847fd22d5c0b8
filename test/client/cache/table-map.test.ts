import type { Snowflake } from '../../../src/snowflake';
import { MemberTable } from '../../../src/client/cache/member-table';
import { TableMap } from '../../../src/client/cache/table-map';

const same = (id: string): Snowflake => id as Snowflake;
const filled = (n: number): { table: MemberTable; map: TableMap<ReturnType<MemberTable['materialise']>> } => {
  const table = new MemberTable(Number.POSITIVE_INFINITY);
  for (let i = 1; i <= n; i++) table.set(String(i), { roles: [], nick: `n${i}` }, same);
  return { table, map: new TableMap(table) };
};

describe('TableMap', () => {
  it('answers like a ReadonlyMap', () => {
    const { map } = filled(3);
    expect(map.size).toBe(3);
    expect(map.get('2' as Snowflake)?.nick).toBe('n2');
    expect(map.get('9' as Snowflake)).toBeUndefined();
    expect(map.has('3' as Snowflake)).toBe(true);
    expect(map.has('x' as Snowflake)).toBe(false);
    expect([...map.keys()]).toEqual(['1', '2', '3']);
    expect([...map.values()].map((m) => m.nick)).toEqual(['n1', 'n2', 'n3']);
    expect([...map].map(([k, v]) => `${k}:${v.nick}`)).toEqual(['1:n1', '2:n2', '3:n3']);
    expect([...map.entries()].length).toBe(3);
    const seen: string[] = [];
    const context = { tag: 't' };
    map.forEach(function (this: typeof context, value, key, self) {
      seen.push(`${this.tag}${key}${value.nick}${self === map ? '!' : ''}`);
    }, context);
    expect(seen).toEqual(['t1n1!', 't2n2!', 't3n3!']);
    expect(new Map(map).get('1' as Snowflake)?.nick).toBe('n1');
    expect(Object.prototype.toString.call(map)).toBe('[object TableMap]');
  });

  it('returns current values on every read', () => {
    const { table, map } = filled(2);
    const before = map.get('1' as Snowflake);
    table.set('1', { roles: ['7'], nick: 'new' }, same);
    expect(map.get('1' as Snowflake)).toMatchObject({ nick: 'new', roles: ['7'] });
    expect(before?.nick).toBe('n1');
  });

  it('gives each entry once when rows are compacted during an iteration', () => {
    const { table, map } = filled(100);
    const seen: string[] = [];
    for (const key of map.keys()) {
      seen.push(key);
      // Deleting everything already seen but the current entry forces compactions mid-walk.
      if (seen.length === 60) for (let i = 1; i < 60; i++) table.delete(String(i));
    }
    expect(seen).toEqual(Array.from({ length: 100 }, (_, i) => String(i + 1)));
    expect(map.size).toBe(41);
    expect(table.epoch).toBeGreaterThan(0);
  });

  it('does not give entries deleted ahead of the walk', () => {
    const { table, map } = filled(10);
    const seen: string[] = [];
    for (const key of map.keys()) {
      seen.push(key);
      if (key === '2') table.delete('5');
    }
    expect(seen).toEqual(['1', '2', '3', '4', '6', '7', '8', '9', '10']);
  });
});
