export { RestProxy, createRestProxy } from './rest-proxy';
export type { RestProxyMetrics } from './proxy-metrics';
export type { ProxyBot, ProxyRestOptions, RestProxyOptions } from './proxy-options';
export { ProxyError } from './proxy-error';
export type { ProxyErrorCode } from './proxy-error';
export { redisLimiterStores } from './redis-limiter-stores';
