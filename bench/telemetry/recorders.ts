import type {
  TelemetryAttributes,
  TelemetryAttributeValue,
  TelemetryCounter,
  TelemetryHistogram,
  TelemetryMeter,
  TelemetrySpan,
  TelemetrySpanOptions,
  TelemetryTracer,
} from '../../src/telemetry';

/**
 * What `@opentelemetry/api` hands out when no SDK is registered: a span that records nothing and
 * says so (`isRecording()` false), and instruments whose calls do nothing. A bot that wires
 * telemetry but exports nothing pays this.
 */
const NOOP_SPAN: TelemetrySpan = {
  setAttribute: () => NOOP_SPAN,
  setAttributes: () => NOOP_SPAN,
  setStatus: () => NOOP_SPAN,
  recordException: () => undefined,
  end: () => undefined,
  isRecording: () => false,
};

export class NoopTracer implements TelemetryTracer {
  public startSpan(): TelemetrySpan {
    return NOOP_SPAN;
  }

  public startActiveSpan<F extends (span: TelemetrySpan) => unknown>(_name: string, _options: TelemetrySpanOptions, fn: F): ReturnType<F> {
    return fn(NOOP_SPAN) as ReturnType<F>;
  }
}

export class NoopMeter implements TelemetryMeter {
  public createCounter(): TelemetryCounter {
    return { add: () => undefined };
  }

  public createHistogram(): TelemetryHistogram {
    return { record: () => undefined };
  }
}

/** A span kept in memory with what an SDK span keeps: attributes, status, exceptions, start and end. */
class MemorySpan implements TelemetrySpan {
  public readonly attributes: Record<string, TelemetryAttributeValue> = {};
  public readonly startTime = performance.now();
  public endTime = 0;
  public status: { code: number; message?: string } = { code: 0 };
  public readonly exceptions: (Error | string)[] = [];

  public constructor(
    public readonly name: string,
    public readonly kind: number | undefined,
    attributes: TelemetryAttributes | undefined,
    private readonly finished: MemorySpan[],
  ) {
    if (attributes !== undefined) this.setAttributes(attributes);
  }

  public setAttribute(key: string, value: TelemetryAttributeValue): this {
    if (this.endTime === 0) this.attributes[key] = value;
    return this;
  }

  public setAttributes(attributes: TelemetryAttributes): this {
    for (const key of Object.keys(attributes)) {
      const value = attributes[key];
      if (value !== undefined) this.setAttribute(key, value);
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
    if (this.endTime !== 0) return;
    this.endTime = performance.now();
    this.finished.push(this);
  }

  public isRecording(): boolean {
    return this.endTime === 0;
  }
}

/** The SDK batch span processor's default queue size: ended spans wait there for the exporter. */
const QUEUE_SIZE = 2048;

/**
 * Keeps ended spans as an SDK's batch processor does: in a queue of up to 2048, handed off (here:
 * counted and dropped) when full, so memory stays bounded as it would in a bot.
 */
export class MemoryTracer implements TelemetryTracer {
  public readonly finished: MemorySpan[] = [];
  private exported = 0;

  /** Spans ended since the last `clear()`. */
  public get ended(): number {
    return this.exported + this.finished.length;
  }

  public startSpan(name: string, options: TelemetrySpanOptions = {}): TelemetrySpan {
    if (this.finished.length >= QUEUE_SIZE) {
      this.exported += this.finished.length;
      this.finished.length = 0;
    }
    return new MemorySpan(name, options.kind, options.attributes, this.finished);
  }

  public startActiveSpan<F extends (span: TelemetrySpan) => unknown>(name: string, options: TelemetrySpanOptions, fn: F): ReturnType<F> {
    return fn(this.startSpan(name, options)) as ReturnType<F>;
  }

  public clear(): void {
    this.finished.length = 0;
    this.exported = 0;
  }
}

/**
 * Aggregates measurements per instrument and attribute set, the way the metrics SDK does (it
 * keys its accumulations by the sorted attributes), rather than keeping each one.
 */
export class MemoryMeter implements TelemetryMeter {
  public readonly series = new Map<string, { count: number; sum: number }>();

  public createCounter(name: string): TelemetryCounter {
    return { add: (value, attributes) => this.accumulate(name, value, attributes) };
  }

  public createHistogram(name: string): TelemetryHistogram {
    return { record: (value, attributes) => this.accumulate(name, value, attributes) };
  }

  public measurements(): number {
    let total = 0;
    for (const { count } of this.series.values()) total += count;
    return total;
  }

  public clear(): void {
    this.series.clear();
  }

  private accumulate(name: string, value: number, attributes: TelemetryAttributes = {}): void {
    const key = `${name}|${Object.keys(attributes)
      .sort()
      .map((attribute) => `${attribute}=${String(attributes[attribute])}`)
      .join(',')}`;
    const entry = this.series.get(key);
    if (entry === undefined) this.series.set(key, { count: 1, sum: value });
    else {
      entry.count += 1;
      entry.sum += value;
    }
  }
}
