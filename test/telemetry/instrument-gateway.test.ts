import { GatewayDispatchEvents, type GatewayDispatchPayload, type GatewayReadyDispatchData } from 'discord-api-types/v10';
import { ShardManager } from '../../src/gateway';
import { GATEWAY_METRICS, instrumentGateway } from '../../src/telemetry';
import { RecordingMeter } from './support/recorder';

describe('instrumentGateway', () => {
  it('counts dispatches, status changes, resumes and reconnects, and records heartbeat latency', () => {
    const gateway = new ShardManager({ token: 't', intents: 0, fetchGatewayInfo: () => Promise.reject(new Error('not used')) });
    const meter = new RecordingMeter();
    const detach = instrumentGateway(gateway, { meter });

    gateway.emit('dispatch', { op: 0, t: GatewayDispatchEvents.MessageCreate, s: 1, d: {} } as unknown as GatewayDispatchPayload, 1);
    gateway.emit('shardConnect', { shardId: 1, url: 'ws://x', resuming: false });
    gateway.emit('shardReady', { shardId: 1, data: {} as GatewayReadyDispatchData });
    gateway.emit('shardHeartbeatAck', { shardId: 1, latency: 42 });
    gateway.emit('shardReconnect', { shardId: 1, resume: true, reason: 'zombie' });
    gateway.emit('shardResume', { shardId: 1, replayed: 3 });
    gateway.emit('shardClose', { shardId: 1, code: 4000, reason: 'unknown', action: 'resume' });
    gateway.emit('shardInvalidSession', { shardId: 1, resumable: false });

    expect(meter.of(GATEWAY_METRICS.dispatches)).toEqual([{ value: 1, attributes: { 'discord.event': 'MESSAGE_CREATE', 'discord.shard_id': 1 } }]);
    expect(meter.of(GATEWAY_METRICS.statusChanges).map((m) => m.attributes['discord.shard.status'])).toEqual([
      'connect', 'ready', 'reconnect', 'resumed', 'close', 'invalid_session',
    ]);
    expect(meter.of(GATEWAY_METRICS.statusChanges)[4]?.attributes['discord.close_code']).toBe(4000);
    expect(meter.sum(GATEWAY_METRICS.resumes, { 'discord.shard_id': 1 })).toBe(1);
    expect(meter.of(GATEWAY_METRICS.reconnects)).toEqual([
      { value: 1, attributes: { 'discord.shard_id': 1, 'discord.reconnect.reason': 'zombie', 'discord.resuming': true } },
    ]);
    expect(meter.of(GATEWAY_METRICS.heartbeatLatency)).toEqual([{ value: 42, attributes: { 'discord.shard_id': 1 } }]);
    expect(meter.instruments.get(GATEWAY_METRICS.heartbeatLatency)).toMatchObject({ type: 'histogram', options: { unit: 'ms' } });

    detach();
    gateway.emit('shardHeartbeatAck', { shardId: 1, latency: 7 });
    expect(meter.of(GATEWAY_METRICS.heartbeatLatency)).toHaveLength(1);
    expect(gateway.listenerCount('shardHeartbeatAck')).toBe(0);
  });
});
