import type {
  GatewayDispatchPayload,
  GatewayIdentifyData,
  GatewayIdentifyProperties,
  GatewayPresenceUpdateData,
  GatewayReadyDispatchData,
  GatewaySendPayload,
} from 'discord-api-types/v10';
import type { CloseAction } from './close-codes';
import type { SendQueueOptions } from './send-queue';
import type { GatewayTlsOptions, GatewayTransportKind } from './transport';

/** Where a shard is in its life. */
export type ShardStatus =
  | 'idle'
  | 'connecting'
  | 'identifying'
  | 'resuming'
  | 'ready'
  | 'reconnecting'
  | 'closed';

/** What a shard needs to resume a session, also usable to hand a session to another process. */
export interface ShardSession {
  readonly sessionId: string;
  readonly resumeUrl: string;
  readonly sequence: number;
}

/** Why a shard opened a new connection. */
export type ReconnectReason = 'zombie' | 'reconnect-request' | 'invalid-session' | 'close' | 'hello-timeout';

/**
 * Rewrites the op 2 Identify data just before it is sent (presence, intents, properties, ...);
 * may be async. The shard keeps its own `token` and `shard` whatever the transform returns.
 */
export type IdentifyTransform = (identify: GatewayIdentifyData, shardId: number) => GatewayIdentifyData | Promise<GatewayIdentifyData>;

/**
 * Rewrites a payload given to `send()` before it is queued. Synchronous, so payloads keep their
 * order and `send()` can still refuse an oversized result. Heartbeats, identify and resume never
 * pass through it.
 */
export type SendTransform = (payload: GatewaySendPayload, shardId: number) => GatewaySendPayload;

/** Options of a {@link Shard}. */
export interface ShardOptions {
  /** This shard's id, `0 <= id < totalShards`. */
  readonly id: number;
  readonly totalShards: number;
  /** Bot token, without the `Bot ` prefix. */
  readonly token: string;
  /** `GatewayIntentBits` combined with `|`. */
  readonly intents: number;
  /** `url` from `GET /gateway/bot`; `?v=10&encoding=json` is appended. */
  readonly url: string;
  /** Transport compression `zlib-stream` through node:zlib. @defaultValue false */
  readonly compress?: boolean;
  /** Identify's `large_threshold` (50 to 250). */
  readonly largeThreshold?: number;
  /** Presence sent in Identify. */
  readonly presence?: GatewayPresenceUpdateData;
  /** Identify `properties`. @defaultValue `{ os: process.platform, browser: 'ovenjs', device: 'ovenjs' }` */
  readonly properties?: GatewayIdentifyProperties;
  /** Resolves when this shard may identify; the `ShardManager` passes its scheduler here. */
  readonly waitForIdentify?: (shardId: number) => Promise<void>;
  /** A session to resume instead of identifying on the first connection. */
  readonly session?: ShardSession;
  /** Source of the first heartbeat's jitter, uniform in [0, 1). @defaultValue Math.random */
  readonly random?: () => number;
  /** Outgoing rate limit. @defaultValue 120 per 60 s */
  readonly sendLimit?: SendQueueOptions;
  /** Delay before reconnect attempt `n` (0 for the first). @defaultValue 0, then 1 s doubling up to 30 s */
  readonly reconnectDelayMs?: (attempt: number) => number;
  /** Reconnect if Hello has not arrived this long after the socket opened. @defaultValue 30000 */
  readonly helloTimeoutMs?: number;
  /**
   * WebSocket implementation: OvenJS's lean gateway client, or the `ws` package as a fallback.
   * @defaultValue 'lean'
   */
  readonly transport?: GatewayTransportKind;
  /** Largest message accepted from the gateway in bytes; a bigger one closes the connection with 1009. @defaultValue 128 MiB */
  readonly maxPayload?: number;
  /**
   * TLS settings of `wss://` connections (a CA to trust for a gateway proxy or test server). An
   * untrusted certificate makes `connect()` reject with `OVEN_ERR_GATEWAY_TLS_UNTRUSTED`.
   * @defaultValue the system's CAs, certificates verified
   */
  readonly tls?: GatewayTlsOptions;
  /** Stage between building the identify and sending it; a failure is reported on `error` and the original is sent. */
  readonly identifyTransform?: IdentifyTransform;
  /** Stage between `send()` and the send queue; a failure makes `send()` throw `OVEN_ERR_GATEWAY_TRANSFORM_FAILED`. */
  readonly sendTransform?: SendTransform;
}

/** Payloads of a shard's events. */
export interface ShardEvents {
  connect: [event: { readonly shardId: number; readonly url: string; readonly resuming: boolean }];
  hello: [event: { readonly shardId: number; readonly heartbeatInterval: number }];
  heartbeat: [event: { readonly shardId: number; readonly sequence: number | null }];
  heartbeatAck: [event: { readonly shardId: number; readonly latency: number }];
  identify: [event: { readonly shardId: number }];
  ready: [event: { readonly shardId: number; readonly data: GatewayReadyDispatchData }];
  resumed: [event: { readonly shardId: number; readonly replayed: number }];
  invalidSession: [event: { readonly shardId: number; readonly resumable: boolean }];
  reconnect: [event: { readonly shardId: number; readonly resume: boolean; readonly reason: ReconnectReason }];
  close: [event: { readonly shardId: number; readonly code: number; readonly reason: string; readonly action: CloseAction | 'destroyed' }];
  dispatch: [payload: GatewayDispatchPayload, shardId: number];
  error: [error: Error];
}
