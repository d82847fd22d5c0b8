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
  /** Diagnostics from the gateway (identify, heartbeats, reconnects) and REST (rate limits, retries). */
  debug: [info: ClientDebugInfo];
}

/** What the Client logs in with; login stages may change it. */
export interface ClientLoginOptions {
  /** `GatewayIntentBits` combined with `|`. */
  readonly intents: number;
  /** Total shard count, or `'auto'` for the count Discord recommends. */
  readonly shardCount: number | 'auto';
}

/** Runs in `login()` before the shards connect and returns what to log in with. */
export type ClientLoginStage = (login: ClientLoginOptions) => ClientLoginOptions | Promise<ClientLoginOptions>;

/** One `debug` message of the Client. */
export interface ClientDebugInfo {
  /** The engine it comes from. */
  readonly source: 'client' | 'gateway' | 'rest';
  readonly message: string;
}

/** Every Client event: dispatches by camelCase name (data, context), then lifecycle events. */
export type ClientEvents = { [K in keyof DispatchEventMap]: [data: DispatchEventMap[K], context: EventContext] } & ClientLifecycleEvents;

/** Options of a dispatch listener. */
export interface ListenerOptions {
  /** Higher runs first among listeners of the same event. @defaultValue 0 */
  readonly priority?: number;
}
