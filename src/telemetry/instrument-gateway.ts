import type { ShardManager, ShardManagerEvents } from '../gateway';
import { counter, histogram } from './signals';
import { checkTarget, checkTelemetryOptions, type TelemetryOptions } from './telemetry-options';

/** Names of the metrics `instrumentGateway` records. */
export const GATEWAY_METRICS = {
  dispatches: 'discord.gateway.dispatches',
  statusChanges: 'discord.gateway.shard.status_changes',
  resumes: 'discord.gateway.resumes',
  reconnects: 'discord.gateway.reconnects',
  heartbeatLatency: 'discord.gateway.heartbeat.latency',
} as const;

type Listener<K extends keyof ShardManagerEvents> = (...args: ShardManagerEvents[K]) => void;

/**
 * Measures a `ShardManager` from its events (metrics only; the shards' work is long-lived
 * connections, which spans describe badly): dispatches received by type and shard, shard status
 * changes (`connect`, `ready`, `resumed`, `reconnect`, `close`, `invalid_session`), resumes,
 * reconnects by reason, and the heartbeat round trip as a histogram in
 * milliseconds. Returns a function that removes the listeners.
 *
 * @example
 * ```ts
 * const detach = instrumentGateway(client.gateway, { meter: metrics.getMeter('my-bot') });
 * ```
 */
export function instrumentGateway(gateway: ShardManager, options: TelemetryOptions): () => void {
  const where = 'instrumentGateway';
  checkTarget(gateway, where, 'a ShardManager (client.gateway)', ['on', 'off']);
  const { meter } = checkTelemetryOptions(options, where);
  const dispatches = counter(meter, GATEWAY_METRICS.dispatches, 'Gateway dispatches received, by type and shard');
  const statusChanges = counter(meter, GATEWAY_METRICS.statusChanges, 'Shard status changes, by status and shard');
  const resumes = counter(meter, GATEWAY_METRICS.resumes, 'Sessions resumed, by shard');
  const reconnects = counter(meter, GATEWAY_METRICS.reconnects, 'Shard reconnects, by reason and shard');
  const latency = histogram(meter, GATEWAY_METRICS.heartbeatLatency, 'Heartbeat round trip (heartbeat to ACK)', 'ms');
  const status = (shardId: number, value: string, extra: Record<string, string | number | boolean> = {}): void =>
    statusChanges.add(1, { 'discord.shard_id': shardId, 'discord.shard.status': value, ...extra });

  const listeners: { [K in keyof ShardManagerEvents]?: Listener<K> } = {
    dispatch: (payload, shardId) => dispatches.add(1, { 'discord.event': payload.t, 'discord.shard_id': shardId }),
    shardConnect: ({ shardId, resuming }) => status(shardId, 'connect', { 'discord.resuming': resuming }),
    shardReady: ({ shardId }) => status(shardId, 'ready'),
    shardResume: ({ shardId }) => {
      status(shardId, 'resumed');
      resumes.add(1, { 'discord.shard_id': shardId });
    },
    shardReconnect: ({ shardId, reason, resume }) => {
      status(shardId, 'reconnect', { 'discord.reconnect.reason': reason });
      reconnects.add(1, { 'discord.shard_id': shardId, 'discord.reconnect.reason': reason, 'discord.resuming': resume });
    },
    shardClose: ({ shardId, code }) => status(shardId, 'close', { 'discord.close_code': code }),
    shardInvalidSession: ({ shardId, resumable }) => status(shardId, 'invalid_session', { 'discord.resumable': resumable }),
    shardHeartbeatAck: ({ shardId, latency: ms }) => latency.record(ms, { 'discord.shard_id': shardId }),
  };
  const entries = Object.entries(listeners) as [keyof ShardManagerEvents & string, Listener<keyof ShardManagerEvents>][];
  for (const [event, listener] of entries) gateway.on(event, listener as never);
  return () => {
    for (const [event, listener] of entries) gateway.off(event, listener as never);
  };
}
