import type {
  GatewayDispatchPayload,
  GatewayIdentifyData,
  GatewaySendPayload,
} from 'discord-api-types/v10';
import type { HookPointTable } from '../hook-point';

/** Payload of `shardConnect`. */
export interface ShardConnectPayload {
  readonly shardId: number;
  readonly url: string;
  /** Whether the shard is resuming a session rather than identifying. */
  readonly resuming: boolean;
}

/** Payload of `beforeIdentify`: the identify data a shard will send. */
export interface ShardIdentifyPayload {
  readonly shardId: number;
  identify: GatewayIdentifyData;
}

/** Payload of `shardReady`. */
export interface ShardReadyPayload {
  readonly shardId: number;
  readonly sessionId: string;
}

/** Payload of `shardResume`. */
export interface ShardResumePayload {
  readonly shardId: number;
  /** Dispatches Discord replayed while resuming. */
  readonly replayed: number;
}

/** Payload of `shardReconnect`. */
export interface ShardReconnectPayload {
  readonly shardId: number;
  readonly reason: string;
}

/** Payload of `shardClose`. */
export interface ShardClosePayload {
  readonly shardId: number;
  readonly code: number;
  readonly reason: string;
}

/** Payload of `shardError`. */
export interface ShardErrorPayload {
  /** The failing shard, when the error names one. */
  readonly shardId: number | undefined;
  readonly error: Error;
}

/** Payload of `shardHeartbeatAck`. */
export interface ShardHeartbeatPayload {
  readonly shardId: number;
  readonly latencyMs: number;
}

/** Payload of `shardInvalidSession`. */
export interface ShardInvalidSessionPayload {
  readonly shardId: number;
  readonly resumable: boolean;
}

/** Payload of `gatewayRawPacket`: every dispatch a shard receives, before any processing. */
export interface GatewayRawPacketPayload {
  readonly shardId: number;
  readonly packet: GatewayDispatchPayload;
}

/** Payload of `beforeGatewaySend`: a packet a shard is about to send. */
export interface GatewaySendHookPayload {
  readonly shardId: number;
  packet: GatewaySendPayload;
}

/** Gateway hook signatures. */
export interface GatewayHookPoints {
  shardConnect: { kind: 'parallel'; payload: ShardConnectPayload };
  beforeIdentify: { kind: 'waterfall'; payload: ShardIdentifyPayload };
  shardReady: { kind: 'parallel'; payload: ShardReadyPayload };
  shardResume: { kind: 'parallel'; payload: ShardResumePayload };
  shardReconnect: { kind: 'parallel'; payload: ShardReconnectPayload };
  shardClose: { kind: 'parallel'; payload: ShardClosePayload };
  shardError: { kind: 'parallel'; payload: ShardErrorPayload };
  shardHeartbeatAck: { kind: 'parallel'; payload: ShardHeartbeatPayload };
  shardInvalidSession: { kind: 'parallel'; payload: ShardInvalidSessionPayload };
  gatewayRawPacket: { kind: 'parallel'; payload: GatewayRawPacketPayload };
  beforeGatewaySend: { kind: 'waterfall'; payload: GatewaySendHookPayload };
}

export const GATEWAY_HOOK_POINTS: HookPointTable<GatewayHookPoints> = {
  shardConnect: {
    kind: 'parallel',
    description: 'A shard opened its WebSocket to the gateway.',
    payloadType: 'ShardConnectPayload',
    firesAt: 'ShardManager, when a shard\'s socket opens',
  },
  beforeIdentify: {
    kind: 'waterfall',
    description: 'A shard is about to identify; handlers may change presence, intents or properties.',
    payloadType: 'ShardIdentifyPayload',
    firesAt: 'ShardManager, before sending op 2 Identify',
  },
  shardReady: {
    kind: 'parallel',
    description: 'A shard received READY.',
    payloadType: 'ShardReadyPayload',
    firesAt: 'ShardManager, on a READY dispatch',
  },
  shardResume: {
    kind: 'parallel',
    description: 'A shard resumed its session (RESUMED received).',
    payloadType: 'ShardResumePayload',
    firesAt: 'ShardManager, on a RESUMED dispatch',
  },
  shardReconnect: {
    kind: 'parallel',
    description: 'A shard is reconnecting (op 7, zombie connection or a resumable close).',
    payloadType: 'ShardReconnectPayload',
    firesAt: 'ShardManager, when a reconnect starts',
  },
  shardClose: {
    kind: 'parallel',
    description: 'A shard\'s socket closed, with the close code.',
    payloadType: 'ShardClosePayload',
    firesAt: 'ShardManager, on socket close',
  },
  shardError: {
    kind: 'parallel',
    description: 'A shard hit an error.',
    payloadType: 'ShardErrorPayload',
    firesAt: 'ShardManager, on a shard error',
  },
  shardHeartbeatAck: {
    kind: 'parallel',
    description: 'A heartbeat was acknowledged; carries the measured latency.',
    payloadType: 'ShardHeartbeatPayload',
    firesAt: 'ShardManager, on op 11 Heartbeat ACK',
  },
  shardInvalidSession: {
    kind: 'parallel',
    description: 'Discord invalidated the session (op 9).',
    payloadType: 'ShardInvalidSessionPayload',
    firesAt: 'ShardManager, on op 9 Invalid Session',
  },
  gatewayRawPacket: {
    kind: 'parallel',
    description: 'Every dispatch a shard receives, raw, before the event pipeline.',
    payloadType: 'GatewayRawPacketPayload',
    firesAt: 'ShardManager, on each dispatch event',
  },
  beforeGatewaySend: {
    kind: 'waterfall',
    description: 'A packet a shard is about to send (presence, member requests, voice state).',
    payloadType: 'GatewaySendHookPayload',
    firesAt: 'ShardManager, before a packet is written to the socket',
  },
};
