import type { GatewayIdentifyData, GatewayPresenceUpdateData } from 'discord-api-types/v10';
import type { ConnectionQuery } from './gateway-connection';

/** A session as tests read it back. */
export interface GatewaySessionSnapshot {
  readonly sessionId: string;
  readonly shard: readonly [shardId: number, shardCount: number];
  readonly intents: number;
  /** The identify payload exactly as the client sent it. */
  readonly identify: GatewayIdentifyData;
  /** The `s` of the last dispatch numbered for this session. */
  readonly seq: number;
  /** The socket it is attached to, or null while disconnected (still resumable). */
  readonly connectionId: number | null;
  readonly resumes: number;
  readonly presence: GatewayPresenceUpdateData | null;
}

/** A client socket opened on the fake. */
export interface GatewayConnectionEvent {
  readonly connectionId: number;
  readonly query: ConnectionQuery;
}

/** One payload a client sent, after it parsed as JSON. */
export interface GatewayPayloadEvent {
  readonly connectionId: number;
  readonly sessionId: string | null;
  readonly payload: unknown;
}

/** A resume that succeeded: `replayed` dispatches were sent again before RESUMED. */
export interface GatewayResumedEvent {
  readonly sessionId: string;
  readonly connectionId: number;
  readonly fromSeq: number;
  readonly replayed: number;
}

/** A socket that closed, who closed it, and whether its session survived (resumable). */
export interface GatewayCloseEvent {
  readonly connectionId: number;
  readonly sessionId: string | null;
  readonly code: number;
  readonly reason: string;
  readonly initiator: 'server' | 'client';
  readonly sessionEnded: boolean;
}

/** Limits a client broke, each paired with what Discord answers. */
export type GatewayViolationKind =
  | 'identify-rate-limit'
  | 'session-start-limit'
  | 'send-rate-limit'
  | 'heartbeat-timeout'
  | 'sharding-required';

/** A broken limit, recorded so a test can assert on it besides the close or op 9 the client saw. */
export interface GatewayViolation {
  readonly kind: GatewayViolationKind;
  readonly connectionId: number;
  readonly shard: readonly [shardId: number, shardCount: number] | null;
  readonly message: string;
  /** What the client got: a close code, or op 9 with its `d`. */
  readonly response: { readonly close: number } | { readonly invalidSession: boolean };
}

/** A session that can no longer be resumed. */
export interface GatewaySessionEndEvent {
  readonly sessionId: string;
  readonly reason: string;
}

/** Events of {@link FakeGateway}, for `on`, `once` and `waitFor`. */
export interface FakeGatewayEvents {
  connection: [GatewayConnectionEvent];
  payload: [GatewayPayloadEvent];
  ready: [GatewaySessionSnapshot];
  resumed: [GatewayResumedEvent];
  close: [GatewayCloseEvent];
  violation: [GatewayViolation];
  sessionEnd: [GatewaySessionEndEvent];
}
