import { GatewayDispatchEvents, type GatewayDispatchPayload } from 'discord-api-types/v10';
import { EventPipeline } from '../../src/gateway';
import { EVENT_METRICS, instrumentEvents, SPAN_KIND, SPAN_STATUS } from '../../src/telemetry';
import { RecordingMeter, RecordingTracer } from './support/recorder';

const GUILD = '200000000000000002';

function message(sequence: number, guild = true): GatewayDispatchPayload {
  return {
    op: 0,
    t: GatewayDispatchEvents.MessageCreate,
    s: sequence,
    d: { id: `9${sequence}`, channel_id: '3', content: 'hi', ...(guild ? { guild_id: GUILD } : {}) },
  } as unknown as GatewayDispatchPayload;
}

describe('instrumentEvents', () => {
  let pipeline: EventPipeline;
  let tracer: RecordingTracer;
  let meter: RecordingMeter;
  let detach: () => void;

  beforeEach(() => {
    pipeline = new EventPipeline({ batch: false });
    tracer = new RecordingTracer();
    meter = new RecordingMeter();
    detach = instrumentEvents(pipeline, { tracer, meter });
  });
  afterEach(() => {
    detach();
    pipeline.close();
  });

  it('gives one CONSUMER span per handled dispatch, open while every handler runs', () => {
    const openWhileHandling: boolean[] = [];
    pipeline.handle('MESSAGE_CREATE', () => openWhileHandling.push(tracer.spans.at(-1)?.ended === false), { priority: 10 });
    pipeline.handle('MESSAGE_CREATE', () => openWhileHandling.push(tracer.spans.at(-1)?.ended === false), { priority: -10 });
    pipeline.push(message(1), 2);
    pipeline.flush();
    expect(openWhileHandling).toEqual([true, true]);
    expect(tracer.spans).toHaveLength(1);
    const span = tracer.spans[0]!;
    expect(span).toMatchObject({ name: 'event MESSAGE_CREATE', kind: SPAN_KIND.CONSUMER, ended: true, endCount: 1 });
    expect(span.attributes).toEqual({ 'discord.event': 'MESSAGE_CREATE', 'discord.shard_id': 2, 'discord.guild_id': GUILD, 'discord.sequence': 1 });
    expect(meter.sum(EVENT_METRICS.handled, { 'discord.event': 'MESSAGE_CREATE' })).toBe(1);
    expect(meter.of(EVENT_METRICS.duration)).toHaveLength(1);
  });

  it('leaves the guild out of DMs and gives no span to types nobody handles (handlerCount stays 0)', () => {
    pipeline.handle('MESSAGE_CREATE', () => undefined);
    pipeline.push(message(1, false), 0);
    pipeline.push({ op: 0, t: GatewayDispatchEvents.TypingStart, s: 2, d: {} } as unknown as GatewayDispatchPayload, 0);
    pipeline.flush();
    expect(tracer.spans.map((s) => s.name)).toEqual(['event MESSAGE_CREATE']);
    expect(tracer.spans[0]?.attributes['discord.guild_id']).toBeUndefined();
    expect(pipeline.handlerCount('TYPING_START')).toBe(0);
  });

  it('marks the span failed when a handler throws, and counts async rejections after it closed', async () => {
    pipeline.on('handlerError', () => undefined);
    pipeline.handle('MESSAGE_CREATE', function explode() {
      throw new Error('handler bug');
    });
    pipeline.handle('MESSAGE_CREATE', async () => {
      await Promise.resolve();
      throw new Error('late bug');
    });
    pipeline.push(message(1), 0);
    pipeline.flush();
    await new Promise((resolve) => setImmediate(resolve));
    const span = tracer.spans[0]!;
    expect(span.status).toEqual({ code: SPAN_STATUS.ERROR, message: 'handler bug' });
    expect(span.attributes['discord.handler']).toBe('explode');
    expect(span.endCount).toBe(1);
    expect(meter.sum(EVENT_METRICS.errors, { 'discord.event': 'MESSAGE_CREATE' })).toBe(2);
    expect(meter.of(EVENT_METRICS.duration)[0]?.attributes['error.type']).toBe('handler_error');
  });

  it('steps aside when the bot stops handling a type, and detaches completely', () => {
    const off = pipeline.handle('MESSAGE_CREATE', () => undefined);
    pipeline.push(message(1), 0);
    pipeline.flush();
    off();
    pipeline.push(message(2), 0);
    pipeline.flush();
    expect(pipeline.handlerCount('MESSAGE_CREATE')).toBe(0);
    expect(tracer.spans).toHaveLength(1);

    pipeline.handle('MESSAGE_CREATE', () => undefined);
    pipeline.push(message(3), 0);
    pipeline.flush();
    expect(tracer.spans).toHaveLength(2);
    detach();
    expect(pipeline.handlerCount('MESSAGE_CREATE')).toBe(1);
    pipeline.push(message(4), 0);
    pipeline.flush();
    expect(tracer.spans).toHaveLength(2);
  });
});
