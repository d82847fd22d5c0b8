import { FakeGatewayError } from './fake-gateway-error';

/**
 * Knobs of the fake gateway. Defaults are Discord's; tests shrink the windows so that limits and
 * timeouts can be reached in milliseconds.
 *
 * @example
 * ```ts
 * new FakeGateway(world, { heartbeatIntervalMs: 250, identifyIntervalMs: 0, sendLimit: { count: 5, windowMs: 1000 } });
 * ```
 */
export interface FakeGatewayOptions {
  /** `heartbeat_interval` sent in Hello. @defaultValue 41_250 */
  readonly heartbeatIntervalMs?: number;
  /**
   * How long the server waits for a heartbeat (from Hello, then from each heartbeat) before closing
   * with 4009 and ending the session. @defaultValue heartbeatIntervalMs * 1.5 + 1000
   */
  readonly heartbeatTimeoutMs?: number;
  /** Minimum gap between two identifies of one `max_concurrency` bucket. @defaultValue 5000 */
  readonly identifyIntervalMs?: number;
  /** Client payloads allowed per connection per window, heartbeats included. @defaultValue 120 per 60 s */
  readonly sendLimit?: { readonly count: number; readonly windowMs: number };
  /** Largest client payload in bytes; bigger ones close with 4002. @defaultValue 4096 */
  readonly maxPayloadBytes?: number;
  /** Guilds one shard may hold before identify closes with 4011. @defaultValue 2500 */
  readonly guildsPerShardLimit?: number;
  /** How long a disconnected session stays resumable. @defaultValue 180_000 */
  readonly resumeWindowMs?: number;
  /** Dispatches kept per session for replay on resume; older ones make a resume fail with op 9. @defaultValue 10_000 */
  readonly replayBufferSize?: number;
  /** After an op 7 fault, close the socket (4000) if the client has not left within this time. @defaultValue 5000 */
  readonly reconnectCloseDelayMs?: number;
  /** Per guild, minimum gap between two op 8 requests for all members (`query: ""`, `limit: 0`). @defaultValue 30_000 */
  readonly requestAllMembersIntervalMs?: number;
  /** Keep frames sent and received for read-back; benchmarks turn it off. @defaultValue true */
  readonly recordFrames?: boolean;
  /** Newest frames kept per connection and direction when recording. @defaultValue 10_000 */
  readonly recordLimit?: number;
  /** Closed connections kept for read-back; older ones are forgotten. @defaultValue 100 */
  readonly closedConnectionLimit?: number;
  /** Base `ws://` URL announced as `resume_gateway_url`; the Host the client reached (`wss://` over TLS) when absent. */
  readonly publicUrl?: string;
  /**
   * Path appended to `resume_gateway_url` (e.g. `/resume`), so a test can check from
   * `connections()[n].query.path` that a client resumed through the URL READY gave it, as Discord
   * requires. Every path is served either way. @defaultValue ''
   */
  readonly resumeUrlPath?: string;
}

/** Options with every default applied. */
export type ResolvedGatewayOptions = Required<Omit<FakeGatewayOptions, 'publicUrl'>> & {
  readonly publicUrl: string | undefined;
};

function positiveInteger(name: string, value: number, allowZero: boolean): number {
  if (!Number.isInteger(value) || value < 0 || (!allowZero && value === 0)) {
    throw new FakeGatewayError(
      'OVEN_ERR_FAKE_GATEWAY_OPTIONS',
      `FakeGateway option ${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer (milliseconds or a count), got ${String(value)}.`,
    );
  }
  return value;
}

/** Applies defaults and rejects values that would make the fake misbehave silently. */
export function resolveGatewayOptions(options: FakeGatewayOptions): ResolvedGatewayOptions {
  const heartbeatIntervalMs = positiveInteger('heartbeatIntervalMs', options.heartbeatIntervalMs ?? 41_250, false);
  const sendLimit = options.sendLimit ?? { count: 120, windowMs: 60_000 };
  const publicUrl = options.publicUrl;
  if (publicUrl !== undefined && !/^wss?:\/\//.test(publicUrl)) {
    throw new FakeGatewayError(
      'OVEN_ERR_FAKE_GATEWAY_OPTIONS',
      `FakeGateway option publicUrl must start with ws:// or wss://, got "${publicUrl}".`,
    );
  }
  const resumeUrlPath = options.resumeUrlPath ?? '';
  if (resumeUrlPath !== '' && !/^\/[\w\-/]*$/.test(resumeUrlPath)) {
    throw new FakeGatewayError(
      'OVEN_ERR_FAKE_GATEWAY_OPTIONS',
      `FakeGateway option resumeUrlPath must be a path such as "/resume" (letters, digits, -, _, /), got "${resumeUrlPath}".`,
    );
  }
  return {
    resumeUrlPath,
    heartbeatIntervalMs,
    heartbeatTimeoutMs: positiveInteger(
      'heartbeatTimeoutMs',
      options.heartbeatTimeoutMs ?? Math.round(heartbeatIntervalMs * 1.5) + 1000,
      false,
    ),
    identifyIntervalMs: positiveInteger('identifyIntervalMs', options.identifyIntervalMs ?? 5000, true),
    sendLimit: {
      count: positiveInteger('sendLimit.count', sendLimit.count, false),
      windowMs: positiveInteger('sendLimit.windowMs', sendLimit.windowMs, false),
    },
    maxPayloadBytes: positiveInteger('maxPayloadBytes', options.maxPayloadBytes ?? 4096, false),
    guildsPerShardLimit: positiveInteger('guildsPerShardLimit', options.guildsPerShardLimit ?? 2500, false),
    resumeWindowMs: positiveInteger('resumeWindowMs', options.resumeWindowMs ?? 180_000, false),
    replayBufferSize: positiveInteger('replayBufferSize', options.replayBufferSize ?? 10_000, false),
    reconnectCloseDelayMs: positiveInteger('reconnectCloseDelayMs', options.reconnectCloseDelayMs ?? 5000, true),
    requestAllMembersIntervalMs: positiveInteger(
      'requestAllMembersIntervalMs',
      options.requestAllMembersIntervalMs ?? 30_000,
      true,
    ),
    recordFrames: options.recordFrames ?? true,
    recordLimit: positiveInteger('recordLimit', options.recordLimit ?? 10_000, false),
    closedConnectionLimit: positiveInteger('closedConnectionLimit', options.closedConnectionLimit ?? 100, true),
    publicUrl: publicUrl?.replace(/\/+$/, ''),
  };
}
