import { AsyncLocalStorage } from 'node:async_hooks';
import type {
  TelemetryAttributes,
  TelemetryAttributeValue,
  TelemetryCounter,
  TelemetryHistogram,
  TelemetryMeter,
  TelemetryMetricOptions,
  TelemetrySpan,
  TelemetrySpanOptions,
  TelemetryTracer,
} from '../../../src/telemetry';

/** A finished or open span as the recording tracer keeps it. */
export class RecordedSpan implements TelemetrySpan {
  public readonly attributes: Record<string, TelemetryAttributeValue> = {};
  public status: { code: number; message?: string } = { code: 0 };
  public readonly exceptions: (Error | string)[] = [];
  public ended = false;
  public endCount = 0;
  /** `performance.now()` when the span started and (first) ended, to order spans against code. */
  public readonly startedAt = performance.now();
  public endedAt: number | undefined;

  public constructor(
    public readonly name: string,
    public readonly kind: number | undefined,
    public readonly parent: RecordedSpan | undefined,
    attributes: TelemetryAttributes,
  ) {
    this.setAttributes(attributes);
  }

  public setAttribute(key: string, value: TelemetryAttributeValue): this {
    if (value === undefined) throw new Error(`attribute ${key} set to undefined`);
    this.attributes[key] = value;
    return this;
  }

  public setAttributes(attributes: TelemetryAttributes): this {
    for (const [key, value] of Object.entries(attributes)) {
      if (value === undefined) throw new Error(`attribute ${key} set to undefined`);
      this.attributes[key] = value;
    }
    return this;
  }

  public setStatus(status: { code: number; message?: string }): this {
    this.status = status;
    return this;
  }

  public recordException(exception: Error | string): void {
    this.exceptions.push(exception);
  }

  public end(): void {
    this.endedAt ??= performance.now();
    this.ended = true;
    this.endCount += 1;
  }

  public isRecording(): boolean {
    return !this.ended;
  }
}

/**
 * An in-memory tracer with OpenTelemetry's shape: `startSpan` parents a span on the active one,
 * and `startActiveSpan` makes its span active for the callback (on AsyncLocalStorage, as the
 * OpenTelemetry context manager for Node does).
 */
export class RecordingTracer implements TelemetryTracer {
  public readonly spans: RecordedSpan[] = [];
  private readonly active = new AsyncLocalStorage<RecordedSpan>();

  public constructor(private readonly withActiveSpans = true) {
    if (!withActiveSpans) (this as { startActiveSpan?: unknown }).startActiveSpan = undefined;
  }

  public startSpan(name: string, options: TelemetrySpanOptions = {}): RecordedSpan {
    const span = new RecordedSpan(name, options.kind, this.active.getStore(), options.attributes ?? {});
    this.spans.push(span);
    return span;
  }

  public startActiveSpan<F extends (span: TelemetrySpan) => unknown>(name: string, options: TelemetrySpanOptions, fn: F): ReturnType<F> {
    const span = this.startSpan(name, options);
    return this.active.run(span, () => fn(span)) as ReturnType<F>;
  }

  public named(name: string): RecordedSpan[] {
    return this.spans.filter((span) => span.name === name);
  }
}

export interface Measurement {
  readonly value: number;
  readonly attributes: TelemetryAttributes;
}

/** An in-memory meter: every measurement kept, by instrument name. */
export class RecordingMeter implements TelemetryMeter {
  public readonly measurements = new Map<string, Measurement[]>();
  public readonly instruments = new Map<string, { type: 'counter' | 'histogram'; options: TelemetryMetricOptions | undefined }>();

  public createCounter(name: string, options?: TelemetryMetricOptions): TelemetryCounter {
    this.instruments.set(name, { type: 'counter', options });
    return {
      add: (value, attributes = {}) => {
        if (value < 0) throw new Error(`counter ${name} got a negative value ${value}`);
        this.push(name, value, attributes);
      },
    };
  }

  public createHistogram(name: string, options?: TelemetryMetricOptions): TelemetryHistogram {
    this.instruments.set(name, { type: 'histogram', options });
    return { record: (value, attributes = {}) => this.push(name, value, attributes) };
  }

  public of(name: string): Measurement[] {
    return this.measurements.get(name) ?? [];
  }

  /** Sum of a counter's values whose attributes include `match`. */
  public sum(name: string, match: TelemetryAttributes = {}): number {
    return this.of(name)
      .filter((m) => Object.entries(match).every(([key, value]) => m.attributes[key] === value))
      .reduce((total, m) => total + m.value, 0);
  }

  private push(name: string, value: number, attributes: TelemetryAttributes): void {
    const list = this.measurements.get(name) ?? [];
    list.push({ value, attributes: { ...attributes } });
    this.measurements.set(name, list);
  }
}
