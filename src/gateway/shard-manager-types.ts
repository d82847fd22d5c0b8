import type { APIGatewayBotInfo, GatewayDispatchPayload, GatewayIdentifyProperties, GatewayPresenceUpdateData } from 'discord-api-types/v10';
import type { ShardEvents, ShardOptions, ShardSession, ShardStatus } from './shard-types';

/** Options of a {@link ShardManager}. */
export interface ShardManagerOptions {
  /** Bot token, without the `Bot ` prefix. */
  readonly token: string;
  /** `GatewayIntentBits` combined with `|`. */
  readonly intents: number;
  /** Returns `GET /gateway/bot`; `Client` passes `() => rest.get(Routes.gatewayBot())`. */
  readonly fetchGatewayInfo: () => Promise<APIGatewayBotInfo>;
  /** Total shard count of the bot. @defaultValue the `shards` Discord recommends */
  readonly totalShards?: number;
  /** The shard ids this process runs, so several processes can split one bot. Requires `totalShards`. @defaultValue all */
  readonly shards?: readonly number[];
  /** Gap between identifies of one `max_concurrency` bucket. @defaultValue 5100 (Discord's 5 s plus headroom for jitter) */
  readonly identifyIntervalMs?: number;
  /** `zlib-stream` transport compression. @defaultValue false */
  readonly compress?: boolean;
  readonly largeThreshold?: number;
  readonly presence?: GatewayPresenceUpdateData;
  readonly properties?: GatewayIdentifyProperties;
  /** Sessions to resume instead of identifying, by shard id (from a previous process's `destroy({ resumable: true })`). */
  readonly sessions?: ReadonlyMap<number, ShardSession>;
  /**
   * WebSocket implementation of every shard: OvenJS's lean gateway client, or `'ws'` (the `ws`
   * package) as a fallback. @defaultValue 'lean'
   */
  readonly transport?: ShardOptions['transport'];
  /** Largest message accepted from the gateway in bytes; a bigger one closes with 1009 and reconnects. @defaultValue 128 MiB */
  readonly maxPayload?: number;
  /**
   * TLS settings of every shard's `wss://` connection: `ca` to trust a gateway proxy's or test
   * server's certificate authority, `rejectUnauthorized: false` for tests only. An untrusted
   * certificate makes `connect()` reject with `OVEN_ERR_GATEWAY_TLS_UNTRUSTED`.
   */
  readonly tls?: ShardOptions['tls'];
  /** Low-level shard knobs, mostly for tests. */
  readonly shardOptions?: Pick<ShardOptions, 'random' | 'reconnectDelayMs' | 'helloTimeoutMs' | 'sendLimit'>;
}

/** A shard's state as reported by {@link ShardManager.status}. */
export interface ShardState {
  readonly id: number;
  readonly status: ShardStatus;
  /** Last heartbeat round trip in ms, -1 before the first. */
  readonly latency: number;
  readonly sequence: number;
}

/** Events of a {@link ShardManager}: every shard event, prefixed `shard`, plus the manager's own. */
export interface ShardManagerEvents {
  shardConnect: ShardEvents['connect'];
  shardIdentify: ShardEvents['identify'];
  shardReady: ShardEvents['ready'];
  shardResume: ShardEvents['resumed'];
  shardReconnect: ShardEvents['reconnect'];
  shardClose: ShardEvents['close'];
  shardInvalidSession: ShardEvents['invalidSession'];
  shardHeartbeat: ShardEvents['heartbeat'];
  shardHeartbeatAck: ShardEvents['heartbeatAck'];
  dispatch: [payload: GatewayDispatchPayload, shardId: number];
  /** Discord closed with 4011: every shard is restarted with the new count. */
  reshard: [event: { readonly from: number; readonly to: number }];
  /** Every shard of this process is ready. */
  ready: [];
  error: [error: Error];
}
