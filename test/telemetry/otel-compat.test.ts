import { RestClient } from '../../src/rest';
import { instrumentRest, type TelemetryMeter, type TelemetryTracer } from '../../src/telemetry';
import type { Meter, Span, SpanOptions, Tracer } from './support/opentelemetry-api-shapes';
import { SpanKind, SpanStatusCode } from './support/opentelemetry-api-shapes';

/** A Tracer typed exactly as @opentelemetry/api's, recording what OvenJS calls. */
function otelShapedTracer(log: string[]): Tracer {
  const span = (name: string): Span => {
    const self: Span = {
      spanContext: () => ({ traceId: 't', spanId: 's', traceFlags: 1 }),
      setAttribute: (key) => (log.push(`${name} attr ${key}`), self),
      setAttributes: () => self,
      addEvent: () => self,
      addLink: () => self,
      addLinks: () => self,
      setStatus: (status) => (log.push(`${name} status ${SpanStatusCode[status.code]}`), self),
      updateName: () => self,
      end: () => void log.push(`${name} end`),
      isRecording: () => true,
      recordException: () => void log.push(`${name} exception`),
    };
    return self;
  };
  return {
    startSpan: (name: string, options?: SpanOptions) => {
      log.push(`start ${name} kind ${SpanKind[options?.kind ?? SpanKind.INTERNAL]}`);
      return span(name);
    },
    startActiveSpan: ((name: string, ...rest: unknown[]) => (rest[rest.length - 1] as (s: Span) => unknown)(span(name))) as Tracer['startActiveSpan'],
  };
}

describe('compatibility with @opentelemetry/api types', () => {
  it('accepts a Tracer and a Meter typed as @opentelemetry/api declares them (checked by tsc) and drives them', async () => {
    const log: string[] = [];
    const otelTracer: Tracer = otelShapedTracer(log);
    const otelMeter: Meter = {
      createCounter: () => ({ add: () => undefined }),
      createHistogram: () => ({ record: (value) => void log.push(`duration ${value >= 0}`) }),
      createUpDownCounter: () => ({ add: () => undefined }),
      createGauge: () => ({ record: () => undefined }),
    };
    // The assignments are the test for tsc: they fail to compile if the structural types drift.
    const tracer: TelemetryTracer = otelTracer;
    const meter: TelemetryMeter = otelMeter;

    const rest = new RestClient({ token: 't', baseURL: 'http://127.0.0.1:1/api' });
    const detach = instrumentRest(rest, { tracer, meter });
    // Answers without a network, inside the telemetry middleware (the first added runs outermost).
    rest.use((ctx) => {
      ctx.response = { status: 200, headers: {}, data: { id: '1' } };
    });
    try {
      await rest.get('/users/@me');
      expect(log).toEqual(expect.arrayContaining(['start GET /users/@me kind CLIENT', 'GET /users/@me end', 'duration true']));
      expect(log.filter((line) => line.includes('status'))).toEqual([]);
    } finally {
      detach();
      await rest.close();
    }
  });
});
