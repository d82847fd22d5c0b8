import type { TelemetryOptions } from '../../src/telemetry';
import { MemoryMeter, MemoryTracer, NoopMeter, NoopTracer } from './recorders';

/** How a run is instrumented: not at all, into no-op signals, or into in-memory recorders. */
export interface Variant {
  readonly name: string;
  /** Undefined: not instrumented (the baseline). */
  telemetry(): TelemetryOptions | undefined;
  /** Spans and measurements recorded since the last reset, to prove the run recorded them. */
  recorded(): { spans: number; measurements: number };
  reset(): void;
}

export function variants(): Variant[] {
  const tracer = new MemoryTracer();
  const meter = new MemoryMeter();
  const noop = { tracer: new NoopTracer(), meter: new NoopMeter() };
  return [
    { name: 'not instrumented (baseline)', telemetry: () => undefined, recorded: () => ({ spans: 0, measurements: 0 }), reset: () => undefined },
    { name: 'no-op tracer + meter', telemetry: () => noop, recorded: () => ({ spans: 0, measurements: 0 }), reset: () => undefined },
    {
      name: 'recording tracer + meter',
      telemetry: () => ({ tracer, meter }),
      recorded: () => ({ spans: tracer.ended, measurements: meter.measurements() }),
      reset: () => {
        tracer.clear();
        meter.clear();
      },
    },
  ];
}

export const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
