import { DiscordAPIError, RestClient, type RestContext } from '../../src/rest';
import { instrumentRest, REST_METRICS, SPAN_KIND, SPAN_STATUS } from '../../src/telemetry';
import { RecordingMeter, RecordingTracer } from './support/recorder';

const CHANNEL = '123456789012345678';
const MESSAGE = '223456789012345678';

describe('instrumentRest', () => {
  let rest: RestClient;
  let tracer: RecordingTracer;
  let meter: RecordingMeter;
  let detach: () => void;
  /** What the stub "Discord" inside the pipeline does with each request. */
  let answer: (ctx: RestContext) => void;

  beforeEach(() => {
    rest = new RestClient({ token: 't', baseURL: 'http://127.0.0.1:1/api' });
    tracer = new RecordingTracer();
    meter = new RecordingMeter();
    detach = instrumentRest(rest, { tracer, meter });
    answer = (ctx) => {
      ctx.response = { status: 200, headers: {}, data: {} };
    };
    // Added after the telemetry middleware, so it runs inside it, where the core would.
    rest.use((ctx) => {
      ctx.info.attempts = 1;
      ctx.info.route = `${ctx.request.method} /channels/:id/messages/:id`;
      ctx.info.bucket = `abc:${CHANNEL}`;
      ctx.info.queuedMs = 3;
      answer(ctx);
    });
  });

  afterEach(async () => {
    detach();
    await rest.close();
  });

  it('gives one CLIENT span per call, named by method and route template, with the request info', async () => {
    await rest.delete(`/channels/${CHANNEL}/messages/${MESSAGE}`);
    expect(tracer.spans).toHaveLength(1);
    const span = tracer.spans[0]!;
    expect(span.name).toBe('DELETE /channels/{channel_id}/messages/{message_id}');
    expect(span.kind).toBe(SPAN_KIND.CLIENT);
    expect(span.attributes).toEqual({
      'http.request.method': 'DELETE',
      'url.template': '/channels/{channel_id}/messages/{message_id}',
      'discord.route': 'DELETE /channels/:id/messages/:id',
      'discord.bucket': `abc:${CHANNEL}`,
      'http.response.status_code': 200,
      'discord.attempts': 1,
      'discord.rate_limit_hits': 0,
      'discord.queued_ms': 3,
    });
    expect(span.status.code).toBe(SPAN_STATUS.UNSET);
    expect(span.endCount).toBe(1);
    const [duration] = meter.of(REST_METRICS.duration);
    expect(duration?.attributes).toEqual({ 'http.request.method': 'DELETE', 'url.template': '/channels/{channel_id}/messages/{message_id}', 'http.response.status_code': 200 });
    expect(duration?.value).toBeGreaterThanOrEqual(0);
    expect(duration?.value).toBeLessThan(60); // seconds, not milliseconds
    expect(meter.instruments.get(REST_METRICS.duration)).toMatchObject({ type: 'histogram', options: { unit: 's' } });
  });

  it('ends a failed call with error status, the exception and its HTTP status, and rethrows', async () => {
    const failure = new DiscordAPIError({ code: 10008, message: 'Unknown Message' }, 404, 'DELETE', `/channels/${CHANNEL}/messages/${MESSAGE}`);
    answer = () => {
      throw failure;
    };
    await expect(rest.delete(`/channels/${CHANNEL}/messages/${MESSAGE}`)).rejects.toBe(failure);
    const span = tracer.spans[0]!;
    expect(span.status).toEqual({ code: SPAN_STATUS.ERROR, message: failure.message });
    expect(span.exceptions).toEqual([failure]);
    expect(span.attributes['http.response.status_code']).toBe(404);
    expect(span.attributes['error.type']).toBe('DiscordAPIError');
    expect(span.endCount).toBe(1);
    expect(meter.of(REST_METRICS.duration)[0]?.attributes['error.type']).toBe('404');
  });

  it('records a non-Error throw (a network failure without status) with its type', async () => {
    answer = () => {
      throw 'socket hang up';
    };
    await expect(rest.get('/users/@me')).rejects.toBe('socket hang up');
    const span = tracer.spans[0]!;
    expect(span.status).toEqual({ code: SPAN_STATUS.ERROR, message: 'socket hang up' });
    expect(span.exceptions).toEqual(['socket hang up']);
    expect(span.attributes['http.response.status_code']).toBeUndefined();
    expect(meter.of(REST_METRICS.duration)[0]?.attributes['error.type']).toBe('string');
  });

  it('marks an error status a middleware turned into a response as a failed call', async () => {
    answer = (ctx) => {
      ctx.response = { status: 503, headers: {}, data: 'down' };
    };
    await rest.get('/gateway/bot');
    expect(tracer.spans[0]?.status).toEqual({ code: SPAN_STATUS.ERROR, message: 'HTTP 503' });
    expect(tracer.spans[0]?.attributes['error.type']).toBe('503');
  });

  it('keeps ids out of span names and metric attributes', async () => {
    await rest.post(`/channels/${CHANNEL}/messages`, { body: { content: 'hi' } });
    expect(tracer.spans[0]?.name).toBe('POST /channels/{channel_id}/messages');
    expect(JSON.stringify(meter.of(REST_METRICS.duration))).not.toContain(CHANNEL);
  });

  it('records nothing once detached, and requests still pass through', async () => {
    detach();
    await expect(rest.get('/users/@me')).resolves.toEqual({});
    expect(tracer.spans).toEqual([]);
    expect(meter.of(REST_METRICS.duration)).toEqual([]);
  });

  it('works with only a meter (no spans) or only a tracer (no metrics)', async () => {
    const metricsOnly = new RecordingMeter();
    const tracesOnly = new RecordingTracer();
    const other = new RestClient({ token: 't' });
    const off = [instrumentRest(other, { meter: metricsOnly }), instrumentRest(other, { tracer: tracesOnly })];
    other.use((ctx) => {
      ctx.response = { status: 204, headers: {}, data: undefined };
    });
    try {
      await other.get('/users/@me');
      expect(metricsOnly.of(REST_METRICS.duration)).toHaveLength(1);
      expect(tracesOnly.spans.map((s) => s.name)).toEqual(['GET /users/@me']);
    } finally {
      for (const fn of off) fn();
      await other.close();
    }
  });

  it('skips building attributes for a span that is not recording (sampled out, or no SDK installed)', async () => {
    const calls: string[] = [];
    const other = new RestClient({ token: 't' });
    const off = instrumentRest(other, {
      tracer: {
        startSpan: () => ({
          setAttribute: () => calls.push('setAttribute'),
          setAttributes: () => calls.push('setAttributes'),
          setStatus: () => calls.push('setStatus'),
          recordException: () => calls.push('recordException'),
          end: () => calls.push('end'),
          isRecording: () => false,
        }),
      },
    });
    other.use(() => {
      throw new Error('down');
    });
    try {
      await expect(other.get('/users/@me')).rejects.toThrow('down');
      expect(calls).toEqual(['end']);
    } finally {
      off();
      await other.close();
    }
  });
});
