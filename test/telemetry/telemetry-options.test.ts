import { OvenError } from '../../src/errors';
import { RestClient } from '../../src/rest';
import {
  instrumentCache,
  instrumentCommands,
  instrumentEvents,
  instrumentGateway,
  instrumentRest,
  TelemetryModule,
  TelemetryOptionError,
  type TelemetryMeter,
  type TelemetryTracer,
} from '../../src/telemetry';
import { RecordingMeter, RecordingTracer } from './support/recorder';

function errorOf(fn: () => unknown): TelemetryOptionError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TelemetryOptionError);
    expect(error).toBeInstanceOf(OvenError);
    return error as TelemetryOptionError;
  }
  throw new Error('expected a TelemetryOptionError, nothing was thrown');
}

describe('telemetry options', () => {
  let rest: RestClient;
  beforeEach(() => {
    rest = new RestClient({ token: 't' });
  });
  afterEach(() => rest.close());

  it('refuses a tracer without startSpan, naming it and the fix', () => {
    const error = errorOf(() => instrumentRest(rest, { tracer: {} as TelemetryTracer }));
    expect(error.code).toBe('OVEN_ERR_TELEMETRY_INVALID_TRACER');
    expect(error.message).toContain('instrumentRest: tracer must have a startSpan');
    expect(error.message).toContain('without startSpan');
    expect(error.message).toContain("trace.getTracer('my-bot')");
  });

  it('refuses a tracer whose startActiveSpan is not a function', () => {
    const tracer = { startSpan: () => undefined, startActiveSpan: 'yes' } as unknown as TelemetryTracer;
    expect(errorOf(() => instrumentRest(rest, { tracer })).code).toBe('OVEN_ERR_TELEMETRY_INVALID_TRACER');
  });

  it('refuses a meter without createHistogram, naming the missing method', () => {
    const meter = { createCounter: () => ({ add: () => undefined }) } as unknown as TelemetryMeter;
    const error = errorOf(() => instrumentRest(rest, { meter }));
    expect(error.code).toBe('OVEN_ERR_TELEMETRY_INVALID_METER');
    expect(error.message).toContain('without createHistogram');
  });

  it('refuses options with neither a tracer nor a meter', () => {
    expect(errorOf(() => instrumentRest(rest, {})).code).toBe('OVEN_ERR_TELEMETRY_NOTHING_TO_RECORD');
  });

  it('refuses options that are not an object, and a recordUserIds that is not a boolean', () => {
    expect(errorOf(() => instrumentRest(rest, null as never)).code).toBe('OVEN_ERR_TELEMETRY_INVALID_OPTIONS');
    const error = errorOf(() => instrumentRest(rest, { tracer: new RecordingTracer(), recordUserIds: 'yes' as never }));
    expect(error.code).toBe('OVEN_ERR_TELEMETRY_INVALID_OPTIONS');
    expect(error.message).toContain('recordUserIds must be true or false, got string yes');
  });

  it('refuses targets that are not what each instrument attaches to', () => {
    const options = { meter: new RecordingMeter() };
    for (const [fn, what] of [
      [() => instrumentRest({} as never, options), 'a RestClient'],
      [() => instrumentEvents(undefined as never, options), 'an EventPipeline'],
      [() => instrumentGateway(42 as never, options), 'a ShardManager'],
      [() => instrumentCommands({ use: () => undefined } as never, options), 'a CommandRouter with events'],
      [() => instrumentCache({} as never, options), 'a Cache'],
    ] as const) {
      const error = errorOf(fn);
      expect(error.code).toBe('OVEN_ERR_TELEMETRY_INVALID_TARGET');
      expect(error.message).toContain(what);
    }
  });

  it('TelemetryModule.forRoot checks its options when the module is declared', () => {
    expect(errorOf(() => TelemetryModule.forRoot({ tracer: { startSpan: 1 } as never })).code).toBe('OVEN_ERR_TELEMETRY_INVALID_TRACER');
    const error = errorOf(() => TelemetryModule.forRoot({ meter: new RecordingMeter(), rest: 'on' as never }));
    expect(error.code).toBe('OVEN_ERR_TELEMETRY_INVALID_OPTIONS');
    expect(error.message).toContain('rest must be true or false');
    expect(errorOf(() => TelemetryModule.forRoot({ meter: new RecordingMeter(), cacheIntervalMs: 0 })).message).toContain('cacheIntervalMs');
  });
});
