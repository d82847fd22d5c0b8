import { UserTable, type UserPayload } from '../../../src/client/cache/user-table';

const user = (id: string, over: Partial<UserPayload> = {}): UserPayload => ({ id, username: `user${id}`, global_name: null, avatar: null, ...over });
const get = (table: UserTable, id: string) => {
  const row = table.rowOf(id);
  return row < 0 ? undefined : table.materialise(row);
};

describe('UserTable', () => {
  it('keeps avatar hashes as bytes and gives back the exact string, animated or not', () => {
    const table = new UserTable(Number.POSITIVE_INFINITY);
    table.set(user('1', { avatar: '0123456789abcdef0123456789abcdef' }));
    table.set(user('2', { avatar: 'a_ffffffffffffffffffffffffffffffff' }));
    table.set(user('3', { avatar: '0123456789ABCDEF0123456789ABCDEF' })); // upper case: kept as text
    table.set(user('4', { avatar: 'short' }));
    table.set(user('5', { avatar: 'a_0123456789abcdef0123456789abcdeg' })); // not hex: kept as text
    table.set(user('6', { avatar: 'ā'.repeat(32) })); // beyond Latin-1: kept as text
    expect([1, 2, 3, 4, 5, 6].map((i) => get(table, String(i))?.avatar)).toEqual([
      '0123456789abcdef0123456789abcdef',
      'a_ffffffffffffffffffffffffffffffff',
      '0123456789ABCDEF0123456789ABCDEF',
      'short',
      'a_0123456789abcdef0123456789abcdeg',
      'ā'.repeat(32),
    ]);
    table.set(user('4', { avatar: null }));
    table.set(user('2', { avatar: 'odd' }));
    table.set(user('3', { avatar: 'a_00000000000000000000000000000000' }));
    expect([get(table, '4')?.avatar, get(table, '2')?.avatar, get(table, '3')?.avatar]).toEqual([null, 'odd', 'a_00000000000000000000000000000000']);
  });

  it('stores names in UTF-8, global name null or not, and follows changes of any length', () => {
    const table = new UserTable(Number.POSITIVE_INFINITY);
    table.set(user('1', { username: 'zoë', global_name: 'Zoë 🍞', bot: true }));
    expect(get(table, '1')).toEqual({ id: '1', username: 'zoë', globalName: 'Zoë 🍞', avatar: null, bot: true });
    table.set(user('1', { username: 'z', global_name: null }));
    expect(get(table, '1')).toEqual({ id: '1', username: 'z', globalName: null, avatar: null, bot: false });
    table.set(user('1', { username: 'a much longer username', global_name: '' }));
    expect(get(table, '1')).toMatchObject({ username: 'a much longer username', globalName: '' });
    table.set(user('1', { username: 'a much longer username', global_name: 'ü' }));
    expect(get(table, '1')).toMatchObject({ username: 'a much longer username', globalName: 'ü' });
  });

  it('patches only the fields a partial user carries and never adds unknown users', () => {
    const table = new UserTable(Number.POSITIVE_INFINITY);
    table.set(user('1', { global_name: 'G', avatar: 'ffffffffffffffffffffffffffffffff' }));
    table.patch({ id: '1', username: 'renamed' });
    expect(get(table, '1')).toMatchObject({ username: 'renamed', globalName: 'G', avatar: 'ffffffffffffffffffffffffffffffff' });
    table.patch({ id: '1', global_name: null, avatar: null, bot: true });
    expect(get(table, '1')).toMatchObject({ username: 'renamed', globalName: null, avatar: null, bot: true });
    table.patch({ id: '2', username: 'ghost' });
    expect(table.rowOf('2')).toBe(-1);
  });

  it('refreshing a user keeps its place in the eviction order; new users evict the oldest', () => {
    const table = new UserTable(2);
    table.set(user('1'));
    table.set(user('2'));
    table.set(user('1', { username: 'again' }));
    table.set(user('3'));
    expect(table.rowOf('1')).toBe(-1);
    expect(get(table, '2')?.username).toBe('user2');
    expect(table.size).toBe(2);
  });

  it('keeps names right through deletes, compaction and pool growth', () => {
    const table = new UserTable(Number.POSITIVE_INFINITY);
    for (let i = 1; i <= 3000; i++) table.set(user(String(i), { global_name: i % 2 === 0 ? `Global ${i}` : null }));
    for (let i = 1; i <= 3000; i++) if (i % 3 !== 0) table.delete(String(i));
    for (let i = 3; i <= 3000; i += 3) table.set(user(String(i), { username: `renamed-${i}-${'x'.repeat(i % 17)}` }));
    expect(table.size).toBe(1000);
    for (let i = 3; i <= 3000; i += 3) expect(get(table, String(i))).toMatchObject({ username: `renamed-${i}-${'x'.repeat(i % 17)}`, globalName: null });
    expect(table.delete('1')).toBe(false);
  });

  it('ignores users whose id is not a snowflake', () => {
    const table = new UserTable(Number.POSITIVE_INFINITY);
    expect(table.set(user('abc'))).toBe(false);
    expect(table.size).toBe(0);
  });
});

describe('UserTable: row reuse after deletes', () => {
  it('survives a name pool compaction while a reused row still holds its last occupant position (it threw a RangeError)', () => {
    // Seeded: deletes compact the rows, and a row past the new end keeps its old text start; a new
    // user landing there whose name needs a text compaction used to copy from that stale start.
    let state = 1;
    const next = (): number => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
    const table = new UserTable(Number.POSITIVE_INFINITY);
    const model = new Map<string, string>();
    const names = ['a', 'x'.repeat(40), 'y'.repeat(120), 'zoë'];
    for (let op = 0; op < 3000; op++) {
      const id = String(1 + Math.floor(next() * 60));
      if (next() < 0.5) {
        const username = names[Math.floor(next() * names.length)]!;
        table.set(user(id, { username }));
        model.set(id, username);
      } else {
        expect(table.delete(id)).toBe(model.delete(id));
      }
    }
    for (const [id, username] of model) expect(get(table, id)?.username).toBe(username);
    expect(table.size).toBe(model.size);
  });
});

describe('UserTable: names past the 65,534-byte column', () => {
  it('cuts an over-long name on a character boundary, with no stray byte, and keeps the global name intact', () => {
    const table = new UserTable(Number.POSITIVE_INFINITY);
    // 1 + 2 * 35,000 bytes: the cut at 65,534 falls inside an 'é'.
    const long = `a${'é'.repeat(35_000)}`;
    table.set(user('1', { username: long, global_name: '🍞 baker' }));
    const cached = get(table, '1')!;
    expect(long.startsWith(cached.username)).toBe(true);
    expect(cached.username.length).toBe(1 + 32_766);
    expect(cached.username.includes('\uFFFD') || cached.username.includes('\u0000')).toBe(false);
    expect(cached.globalName).toBe('🍞 baker');
    table.set(user('2', { username: '🍞'.repeat(20_000) })); // 4-byte characters
    expect(get(table, '2')?.username).toBe('🍞'.repeat(16_383));
    expect(get(table, '1')?.globalName).toBe('🍞 baker');
  });
});
