import { GatewayDispatchEvents, type GatewayDispatchPayload } from 'discord-api-types/v10';
import { EventPipeline } from '../../src/gateway';
import { EVENT_METRICS, instrumentEvents, SPAN_KIND, SPAN_STATUS } from '../../src/telemetry';
import { RecordingMeter, RecordingTracer } from './support/recorder';
import { until } from './support/until';

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

  it('marks the span failed when a handler throws; a later async rejection is recorded on the same span', async () => {
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
    // The first failure names the status; every failure is an exception on the span.
    expect(span.status).toEqual({ code: SPAN_STATUS.ERROR, message: 'handler bug' });
    expect(span.attributes['discord.handler']).toBe('explode');
    expect(span.attributes['discord.handler_errors']).toBe(2);
    expect(span.exceptions.map((e) => (e as Error).message)).toEqual(['handler bug', 'late bug']);
    expect(span.endCount).toBe(1);
    expect(meter.sum(EVENT_METRICS.errors, { 'discord.event': 'MESSAGE_CREATE' })).toBe(2);
    expect(meter.of(EVENT_METRICS.duration)[0]?.attributes['error.type']).toBe('handler_error');
  });

  it('keeps the span open until an async handler finished, and ends it after (recorded timestamps)', async () => {
    let finishedAt: number | undefined;
    let openWhileAwaiting: boolean | undefined;
    pipeline.handle('MESSAGE_CREATE', async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      openWhileAwaiting = tracer.spans[0]?.ended === false;
      finishedAt = performance.now();
    });
    pipeline.handle('MESSAGE_CREATE', () => undefined, { priority: -5 });
    pipeline.push(message(1), 0);
    pipeline.flush();
    // Both handlers' synchronous parts are done; the span must still be open.
    expect(tracer.spans[0]?.ended).toBe(false);
    expect(meter.of(EVENT_METRICS.handled)).toHaveLength(0);
    await until(() => (tracer.spans[0]?.ended === true ? true : undefined), 'span 0 to end');
    const span = tracer.spans[0]!;
    expect(openWhileAwaiting).toBe(true);
    expect(finishedAt).toBeDefined();
    expect(span.endedAt!).toBeGreaterThanOrEqual(finishedAt!);
    expect(span.startedAt).toBeLessThan(finishedAt!);
    expect(span.status.code).toBe(SPAN_STATUS.UNSET);
    expect(span.endCount).toBe(1);
    // The duration metric covers the await too: at least the handler's own span of time.
    const [measured] = meter.of(EVENT_METRICS.duration);
    expect(measured!.value * 1000).toBeGreaterThanOrEqual(finishedAt! - span.startedAt - 1);
    expect(measured!.attributes['error.type']).toBeUndefined();
  });

  it('marks the span failed when an async handler rejects, and ends it after the rejection', async () => {
    const failures: string[] = [];
    pipeline.on('handlerError', ({ handler }) => failures.push(handler));
    let rejectedAt: number | undefined;
    pipeline.handle('MESSAGE_CREATE', async function slowFailure() {
      await new Promise((resolve) => setTimeout(resolve, 20));
      rejectedAt = performance.now();
      throw new TypeError('async bug');
    });
    pipeline.push(message(1), 0);
    pipeline.flush();
    expect(tracer.spans[0]?.ended).toBe(false);
    await until(() => (tracer.spans[0]?.ended === true ? true : undefined), 'span 0 to end');
    const span = tracer.spans[0]!;
    expect(failures).toEqual(['slowFailure']);
    expect(span.status).toEqual({ code: SPAN_STATUS.ERROR, message: 'async bug' });
    expect(span.attributes).toMatchObject({ 'discord.handler': 'slowFailure', 'error.type': 'TypeError' });
    expect(span.attributes['discord.handler_errors']).toBeUndefined();
    expect(span.exceptions).toHaveLength(1);
    expect(span.endedAt!).toBeGreaterThanOrEqual(rejectedAt!);
    expect(meter.sum(EVENT_METRICS.errors, { 'discord.event': 'MESSAGE_CREATE' })).toBe(1);
    expect(meter.of(EVENT_METRICS.duration)[0]?.attributes['error.type']).toBe('handler_error');
  });

  it('gives each of several in-flight dispatches its own span, each ending when its own handler settles', async () => {
    const release = new Map<number, () => void>();
    pipeline.handle('MESSAGE_CREATE', (event) => new Promise<void>((resolve) => release.set(event.sequence, resolve)));
    pipeline.push(message(1), 0);
    pipeline.push(message(2), 0);
    pipeline.flush();
    expect(tracer.spans.map((s) => s.ended)).toEqual([false, false]);
    release.get(2)!();
    await until(() => (tracer.spans[1]?.ended === true ? true : undefined), 'span 1 to end');
    expect(tracer.spans[0]?.ended).toBe(false);
    release.get(1)!();
    await until(() => (tracer.spans[0]?.ended === true ? true : undefined), 'span 0 to end');
    expect(tracer.spans.map((s) => s.attributes['discord.sequence'])).toEqual([1, 2]);
    expect(meter.sum(EVENT_METRICS.handled)).toBe(2);
  });

  it('keeps a slow dispatch\'s span apart from the quick ones delivered after it, errors included', async () => {
    pipeline.on('handlerError', () => undefined);
    let fail!: (error: Error) => void;
    pipeline.handle('MESSAGE_CREATE', (event) => (event.sequence === 1 ? new Promise<void>((_, reject) => (fail = reject)) : undefined));
    pipeline.push(message(1), 0);
    pipeline.push(message(2), 0);
    pipeline.push(message(3), 0);
    pipeline.flush();
    // 2 and 3 had only synchronous work: ended at once; 1 still waits.
    expect(tracer.spans.map((s) => [s.attributes['discord.sequence'], s.ended])).toEqual([
      [1, false],
      [2, true],
      [3, true],
    ]);
    fail(new Error('slow failure'));
    await until(() => (tracer.spans[0]?.ended === true ? true : undefined), 'span 0 to end');
    expect(tracer.spans[0]?.status).toEqual({ code: SPAN_STATUS.ERROR, message: 'slow failure' });
    expect(tracer.spans.slice(1).map((s) => s.status.code)).toEqual([SPAN_STATUS.UNSET, SPAN_STATUS.UNSET]);
    expect(meter.sum(EVENT_METRICS.handled)).toBe(3);
  });

  it('listens to processed only while attached; after detach, in-flight spans still end when their handlers settle', async () => {
    expect(pipeline.listenerCount('processed')).toBe(1);
    let release!: () => void;
    pipeline.handle('MESSAGE_CREATE', () => new Promise<void>((resolve) => (release = resolve)));
    pipeline.push(message(1), 0);
    pipeline.flush();
    detach();
    // Still waiting for the one open span.
    expect(pipeline.listenerCount('processed')).toBe(1);
    release();
    await until(() => (tracer.spans[0]?.ended === true ? true : undefined), 'span 0 to end');
    expect(pipeline.listenerCount('processed')).toBe(0);
    expect(pipeline.listenerCount('handlerError')).toBe(0);
    pipeline.push(message(2), 0);
    pipeline.flush();
    expect(tracer.spans).toHaveLength(1);
  });

  it('adds no processed listener before it is attached, and none is left after detaching', () => {
    const plain = new EventPipeline({ batch: false });
    expect(plain.listenerCount('processed')).toBe(0);
    const off = instrumentEvents(plain, { tracer });
    expect(plain.listenerCount('processed')).toBe(1);
    off();
    expect(plain.listenerCount('processed')).toBe(0);
    expect(plain.listenerCount('handlerError')).toBe(0);
    plain.close();
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
