/**
 * The parts of OpenTelemetry's API that OvenJS uses, written structurally so that `@opentelemetry/api`'s
 * `Tracer`, `Span`, `Meter`, `Counter` and `Histogram` satisfy them without OvenJS depending on the
 * package: a bot passes `trace.getTracer('my-bot')` from its own install, and any other object with
 * these methods (a test recorder, another tracing library's adapter) works too.
 */

/** An attribute value OvenJS sets: never arrays or objects, so every OpenTelemetry exporter takes it. */
export type TelemetryAttributeValue = string | number | boolean;

/** Attributes of a span or a measurement. Undefined values are left out before they are passed on. */
export type TelemetryAttributes = Record<string, TelemetryAttributeValue | undefined>;

/**
 * `SpanKind` values of OpenTelemetry (a numeric enum there), so no import is needed.
 *
 * @example
 * ```ts
 * tracer.startSpan('GET /users/@me', { kind: SPAN_KIND.CLIENT });
 * ```
 */
export const SPAN_KIND = { INTERNAL: 0, SERVER: 1, CLIENT: 2, PRODUCER: 3, CONSUMER: 4 } as const;

/** `SpanStatusCode` values of OpenTelemetry: `UNSET` 0, `OK` 1, `ERROR` 2. */
export const SPAN_STATUS = { UNSET: 0, OK: 1, ERROR: 2 } as const;

/** What `startSpan` and `startActiveSpan` receive. */
export interface TelemetrySpanOptions {
  kind?: number;
  attributes?: TelemetryAttributes;
}

/**
 * A span as OvenJS drives it. Method syntax on purpose: OpenTelemetry's methods return `this`
 * and take wider parameter types, which method parameters accept.
 */
export interface TelemetrySpan {
  setAttribute(key: string, value: TelemetryAttributeValue): unknown;
  setAttributes(attributes: TelemetryAttributes): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  recordException(exception: Error | string): unknown;
  end(): void;
  /** When present and false, OvenJS skips computing attributes nobody will record. */
  isRecording?(): boolean;
}

/**
 * A tracer: `startSpan` is required; `startActiveSpan` (optional) makes the span the parent of
 * spans started inside the callback (OpenTelemetry's context propagation), which is how REST
 * spans of a command handler nest under its command span.
 *
 * @example
 * ```ts
 * const tracer: TelemetryTracer = trace.getTracer('my-bot'); // from @opentelemetry/api
 * ```
 */
export interface TelemetryTracer {
  startSpan(name: string, options?: TelemetrySpanOptions): TelemetrySpan;
  startActiveSpan?<F extends (span: TelemetrySpan) => unknown>(name: string, options: TelemetrySpanOptions, fn: F): ReturnType<F>;
}

/** Options of a metric instrument. */
export interface TelemetryMetricOptions {
  description?: string;
  unit?: string;
}

/** A monotonic counter. */
export interface TelemetryCounter {
  add(value: number, attributes?: TelemetryAttributes): void;
}

/** A histogram of measurements (durations, latencies). */
export interface TelemetryHistogram {
  record(value: number, attributes?: TelemetryAttributes): void;
}

/**
 * A meter that makes counters and histograms.
 *
 * @example
 * ```ts
 * const meter: TelemetryMeter = metrics.getMeter('my-bot'); // from @opentelemetry/api
 * ```
 */
export interface TelemetryMeter {
  createCounter(name: string, options?: TelemetryMetricOptions): TelemetryCounter;
  createHistogram(name: string, options?: TelemetryMetricOptions): TelemetryHistogram;
}
