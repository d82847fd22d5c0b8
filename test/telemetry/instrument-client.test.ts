import { Client } from '../../src/client';
import { EVENT_METRICS, GATEWAY_METRICS, instrumentClient, REST_METRICS } from '../../src/telemetry';
import { RecordingMeter, RecordingTracer } from './support/recorder';

describe('instrumentClient', () => {
  it('instruments the Client rest, pipeline and gateway, honours rest/gateway switches, and detaches all at once', async () => {
    const client = new Client({ token: 't', intents: 0, rest: { baseURL: 'http://127.0.0.1:1/api' } });
    const tracer = new RecordingTracer();
    const meter = new RecordingMeter();
    const detach = instrumentClient(client, { tracer, meter });
    const restOnly = new RecordingMeter();
    const detachRestOnly = instrumentClient(client, { meter: restOnly, gateway: false });
    client.rest.use((ctx) => {
      ctx.response = { status: 200, headers: {}, data: {} };
    });
    client.on('guildCreate', () => undefined);
    try {
      await client.rest.get('/users/@me');
      client.gateway.emit('shardHeartbeatAck', { shardId: 0, latency: 5 });
      client.pipeline.push({ op: 0, t: 'GUILD_CREATE', s: 1, d: { id: '1' } } as never, 0);
      client.pipeline.flush();

      expect(tracer.spans.map((s) => s.name)).toEqual(['GET /users/@me', 'event GUILD_CREATE']);
      expect(meter.of(GATEWAY_METRICS.heartbeatLatency)).toHaveLength(1);
      expect(meter.sum(EVENT_METRICS.handled)).toBe(1);
      expect(restOnly.of(REST_METRICS.duration)).toHaveLength(1);
      expect(restOnly.of(GATEWAY_METRICS.heartbeatLatency)).toEqual([]);

      detach();
      detachRestOnly();
      await client.rest.get('/users/@me');
      client.gateway.emit('shardHeartbeatAck', { shardId: 0, latency: 5 });
      expect(tracer.spans).toHaveLength(2);
      expect(meter.of(GATEWAY_METRICS.heartbeatLatency)).toHaveLength(1);
      expect(restOnly.of(REST_METRICS.duration)).toHaveLength(1);
    } finally {
      await client.destroy();
    }
  });
});
