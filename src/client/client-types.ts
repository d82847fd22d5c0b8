import type { EventPipelineOptions, PipelineEvent, ShardManagerEvents, ShardManagerOptions } from '../gateway';
import type { RestClient, RestClientOptions } from '../rest';
import type { EntityCacheOptions } from './cache/cache-options';
import type { DispatchEventMap } from './event-names';

/** Options of a {@link Client}. */
export interface ClientOptions {
  /** Bot token, without the `Bot ` prefix. */
  readonly token: string;
  /** `GatewayIntentBits` combined with `|`. */
  readonly intents: number;
  /** A RestClient to share, or options for the Client's own (which it closes on destroy). */
  readonly rest?: RestClient | Omit<RestClientOptions, 'token'>;
  /** Sharding, compression, presence; `fetchGatewayInfo` defaults to `GET /gateway/bot` through `rest`. */
  readonly gateway?: Omit<ShardManagerOptions, 'token' | 'intents' | 'fetchGatewayInfo'> & {
    readonly fetchGatewayInfo?: ShardManagerOptions['fetchGatewayInfo'];
  };
  /** Entity cache limits; `false` for no cache. */
  readonly cache?: EntityCacheOptions | false;
  /** Event pipeline (priorities, batching, replay log, per-event wrapper). */
  readonly pipeline?: EventPipelineOptions;
  /** How long `clientReady` waits for the GUILD_CREATEs announced in READY. @defaultValue 15000 */
  readonly waitGuildTimeoutMs?: number;
}

/** Where and when a dispatch was received: the second argument of every dispatch listener. */
export type EventContext = PipelineEvent;

/** Events of the Client that are not gateway dispatches. */
export interface ClientLifecycleEvents {
  /** Every shard is ready and every guild announced in READY has arrived (or the wait timed out). */
  clientReady: [];
  /** Raw dispatch, before the pipeline. */
  dispatch: ShardManagerEvents['dispatch'];
  shardConnect: ShardManagerEvents['shardConnect'];
  shardReady: ShardManagerEvents['shardReady'];
  shardResume: ShardManagerEvents['shardResume'];
  shardReconnect: ShardManagerEvents['shardReconnect'];
  shardClose: ShardManagerEvents['shardClose'];
  reshard: ShardManagerEvents['reshard'];
  /** A gateway failure or an event handler that threw (`EventHandlerError`). */
  error: [error: Error];
}

/** Every Client event: dispatches by camelCase name (data, context), then lifecycle events. */
export type ClientEvents = { [K in keyof DispatchEventMap]: [data: DispatchEventMap[K], context: EventContext] } & ClientLifecycleEvents;

/** Options of a dispatch listener. */
export interface ListenerOptions {
  /** Higher runs first among listeners of the same event. @defaultValue 0 */
  readonly priority?: number;
}
