export {
  asSnowflake,
  decomposeSnowflake,
  DISCORD_EPOCH,
  isSnowflake,
  shardForGuild,
  snowflakeTimestamp,
} from './snowflake';
export type { Snowflake, SnowflakeParts } from './snowflake';
export { SnowflakeGenerator } from './snowflake-generator';
export { InvalidSnowflakeError } from './invalid-snowflake.error';
