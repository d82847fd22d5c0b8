import { InvalidSnowflakeError } from './invalid-snowflake.error';

declare const snowflakeBrand: unique symbol;

/**
 * A Discord ID. At run time it is the decimal string Discord sends; the brand stops a channel
 * name, a token or any other string from being passed where an ID is meant.
 *
 * @example
 * ```ts
 * const channelId = asSnowflake('1180512329211592704');
 * snowflakeTimestamp(channelId); // Date the channel was created
 * ```
 */
export type Snowflake = string & { readonly [snowflakeBrand]: true };

/** Discord's epoch (2015-01-01T00:00:00.000Z): snowflakes count milliseconds from here. */
export const DISCORD_EPOCH = 1_420_070_400_000n;

const MAX_SNOWFLAKE = (1n << 64n) - 1n;
const DECIMAL = /^(0|[1-9][0-9]{0,19})$/;

/** True when `value` is a decimal string that fits in 64 bits, as Discord's IDs do. */
export function isSnowflake(value: unknown): value is Snowflake {
  return typeof value === 'string' && DECIMAL.test(value) && BigInt(value) <= MAX_SNOWFLAKE;
}

/**
 * Checks and brands a string (or a bigint) as a {@link Snowflake}.
 *
 * @throws {@link InvalidSnowflakeError} naming the value and, if given, what it was meant to be.
 * @example
 * ```ts
 * const guildId = asSnowflake(process.env.GUILD_ID, 'GUILD_ID');
 * ```
 */
export function asSnowflake(value: unknown, what = 'value'): Snowflake {
  if (typeof value === 'bigint' && value >= 0n && value <= MAX_SNOWFLAKE) {
    return value.toString() as Snowflake;
  }
  if (isSnowflake(value)) return value;
  throw new InvalidSnowflakeError(value, what);
}

/** The moment a snowflake was generated. */
export function snowflakeTimestamp(id: Snowflake): Date {
  return new Date(Number((BigInt(id) >> 22n) + DISCORD_EPOCH));
}

/** The parts Discord packs into a snowflake, for logs and for choosing a shard. */
export interface SnowflakeParts {
  readonly timestamp: number;
  readonly workerId: number;
  readonly processId: number;
  readonly increment: number;
}

export function decomposeSnowflake(id: Snowflake): SnowflakeParts {
  const bits = BigInt(id);
  return {
    timestamp: Number((bits >> 22n) + DISCORD_EPOCH),
    workerId: Number((bits >> 17n) & 0x1fn),
    processId: Number((bits >> 12n) & 0x1fn),
    increment: Number(bits & 0xfffn),
  };
}

/**
 * The shard that receives a guild's events: `(guild_id >> 22) % shard_count`, as Discord routes
 * them.
 */
export function shardForGuild(guildId: Snowflake, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}
