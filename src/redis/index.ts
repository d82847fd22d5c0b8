export { createFailFastRedis, describeRedis } from './fail-fast-redis';
export type { FailFastRedisOptions } from './fail-fast-redis';
export { withCommandTimeout } from './command-timeout';
