import { InjectionToken } from '../../di';
import type { TelemetryOptions } from '../telemetry-options';

/** What `TelemetryModule.forRoot` takes: where to record, and which parts of the app to instrument. */
export interface TelemetryModuleOptions extends TelemetryOptions {
  /** Spans and metrics of the app's `RestClient`. @defaultValue true */
  readonly rest?: boolean;
  /** Event spans (`EventPipeline`) and shard metrics (`ShardManager`). @defaultValue true */
  readonly gateway?: boolean;
  /** Spans and metrics of the app's `CommandRouter`. @defaultValue true */
  readonly commands?: boolean;
  /** Hit, miss and eviction counters of the app's `Cache` (needs a meter). @defaultValue true */
  readonly cache?: boolean;
  /** @deprecated Cache hits and misses are counted from the cache's events as they happen; ignored. */
  readonly cacheIntervalMs?: number;
}

/**
 * The options given to `TelemetryModule.forRoot`.
 *
 * @example
 * ```ts
 * constructor(@Inject(TELEMETRY_OPTIONS) options: TelemetryModuleOptions) {}
 * ```
 */
export const TELEMETRY_OPTIONS = new InjectionToken<TelemetryModuleOptions>('TELEMETRY_OPTIONS');
