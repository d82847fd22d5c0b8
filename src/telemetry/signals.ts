import { SPAN_STATUS, type TelemetryAttributes, type TelemetryCounter, type TelemetryHistogram, type TelemetryMeter, type TelemetrySpan, type TelemetrySpanOptions, type TelemetryTracer } from './otel-types';

// Stand-ins when only a tracer or only a meter was given, so the instruments never branch on it.
const NOOP_SPAN: TelemetrySpan = {
  setAttribute: () => undefined,
  setAttributes: () => undefined,
  setStatus: () => undefined,
  recordException: () => undefined,
  end: () => undefined,
  isRecording: () => false,
};
const NOOP_COUNTER: TelemetryCounter = { add: () => undefined };
const NOOP_HISTOGRAM: TelemetryHistogram = { record: () => undefined };

/** Drops undefined values: OpenTelemetry calls setting one "undefined behaviour". */
export function defined(attributes: TelemetryAttributes): TelemetryAttributes {
  const out: TelemetryAttributes = {};
  for (const key of Object.keys(attributes)) {
    const value = attributes[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** Starts a span, or a span that records nothing when no tracer was given. */
export function startSpan(tracer: TelemetryTracer | undefined, name: string, options: TelemetrySpanOptions): TelemetrySpan {
  if (tracer === undefined) return NOOP_SPAN;
  return tracer.startSpan(name, { ...options, attributes: defined(options.attributes ?? {}) });
}

/**
 * `startSpan` for attributes built without undefined values, on hot paths: skips the copy
 * `defined` makes.
 */
export function startCleanSpan(tracer: TelemetryTracer | undefined, name: string, kind: number, attributes: TelemetryAttributes): TelemetrySpan {
  return tracer === undefined ? NOOP_SPAN : tracer.startSpan(name, { kind, attributes });
}

/**
 * Runs `fn` inside a span that is the active parent of spans started within it, when the tracer
 * can (`startActiveSpan`); otherwise inside a plain span. The span is ended by the caller's `fn`.
 */
export function withSpan<T>(
  tracer: TelemetryTracer | undefined,
  name: string,
  options: TelemetrySpanOptions,
  fn: (span: TelemetrySpan) => Promise<T>,
): Promise<T> {
  if (tracer?.startActiveSpan !== undefined) {
    return tracer.startActiveSpan(name, { ...options, attributes: defined(options.attributes ?? {}) }, fn);
  }
  return fn(startSpan(tracer, name, options));
}

export function counter(meter: TelemetryMeter | undefined, name: string, description: string, unit?: string): TelemetryCounter {
  return meter === undefined ? NOOP_COUNTER : meter.createCounter(name, unit === undefined ? { description } : { description, unit });
}

export function histogram(meter: TelemetryMeter | undefined, name: string, description: string, unit: string): TelemetryHistogram {
  return meter === undefined ? NOOP_HISTOGRAM : meter.createHistogram(name, { description, unit });
}

/** The error's message without assuming it is an Error (plugins may throw anything). */
export function messageOf(error: unknown): string {
  const text = (error as { message?: unknown } | null)?.message;
  return typeof text === 'string' ? text : String(error);
}

/** `error.type` of OpenTelemetry's conventions: the error class, or the HTTP status. */
export function errorType(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name !== '' ? name : typeof error;
}

/** Marks a span failed and attaches the exception. */
export function fail(span: TelemetrySpan, error: unknown): void {
  span.setStatus({ code: SPAN_STATUS.ERROR, message: messageOf(error) });
  span.recordException(error instanceof Error ? error : messageOf(error));
  span.setAttribute('error.type', errorType(error));
}
