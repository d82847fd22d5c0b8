import {
  asSnowflake,
  decomposeSnowflake,
  InvalidSnowflakeError,
  isSnowflake,
  shardForGuild,
  SnowflakeGenerator,
  snowflakeTimestamp,
} from '../../src/snowflake';

describe('Snowflake', () => {
  it('decodes the creation time Discord documents for its example ID', () => {
    // The example from Discord's reference docs: 175928847299117063 is 2016-04-30T11:18:25.796Z.
    const id = asSnowflake('175928847299117063');
    expect(snowflakeTimestamp(id).toISOString()).toBe('2016-04-30T11:18:25.796Z');
    expect(decomposeSnowflake(id)).toEqual({
      timestamp: 1462015105796,
      workerId: 1,
      processId: 0,
      increment: 7,
    });
  });

  it.each([
    ['a name', 'general'],
    ['a negative number string', '-1'],
    ['a leading zero', '0123'],
    ['more than 64 bits', '18446744073709551616'],
    ['a number', 175928847299117063],
    ['null', null],
  ])('rejects %s with a coded error naming the field', (_label, value) => {
    expect(() => asSnowflake(value, 'channelId')).toThrow(InvalidSnowflakeError);
    expect(() => asSnowflake(value, 'channelId')).toThrow(/channelId must be a Discord ID/);
    expect(isSnowflake(value)).toBe(false);
  });

  it('accepts the largest 64-bit value and bigints', () => {
    expect(asSnowflake('18446744073709551615')).toBe('18446744073709551615');
    expect(asSnowflake(42n)).toBe('42');
  });

  it('routes guilds to shards as Discord does', () => {
    const guildId = asSnowflake('175928847299117063');
    const expected = Number((175928847299117063n >> 22n) % 4n);
    expect(shardForGuild(guildId, 4)).toBe(expected);
    expect(shardForGuild(guildId, 1)).toBe(0);
  });

  it('generates strictly increasing IDs that decode to the clock, even when the clock stalls', () => {
    let now = Date.UTC(2026, 10, 25);
    const ids = new SnowflakeGenerator(3, 2, () => now);
    const first = ids.next();
    const second = ids.next();
    now -= 5; // a clock stepping back must not produce a smaller ID
    const third = ids.next();
    expect(BigInt(second)).toBeGreaterThan(BigInt(first));
    expect(BigInt(third)).toBeGreaterThan(BigInt(second));
    expect(snowflakeTimestamp(first).getTime()).toBe(Date.UTC(2026, 10, 25));
    expect(decomposeSnowflake(first)).toMatchObject({ workerId: 3, processId: 2, increment: 0 });
    expect(decomposeSnowflake(second).increment).toBe(1);
  });
});
