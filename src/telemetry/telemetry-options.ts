import type { TelemetryMeter, TelemetryTracer } from './otel-types';
import { TelemetryOptionError } from './telemetry-error';

/**
 * What every `instrument*` function takes: where spans and measurements go. Either may be left
 * out (spans only, or metrics only), not both.
 *
 * @example
 * ```ts
 * const detach = instrumentRest(rest, { tracer: trace.getTracer('my-bot'), meter: metrics.getMeter('my-bot') });
 * ```
 */
export interface TelemetryOptions {
  /** Receives one span per request, event or interaction. */
  readonly tracer?: TelemetryTracer;
  /** Receives counters and histograms. */
  readonly meter?: TelemetryMeter;
  /**
   * Put the invoking user's id on command spans (`discord.user_id`). Off by default: a user id is
   * personal data, and traces often leave the bot's own infrastructure. @defaultValue false
   */
  readonly recordUserIds?: boolean;
}

/** The options after checking, as the instruments use them. */
export interface CheckedTelemetryOptions {
  readonly tracer: TelemetryTracer | undefined;
  readonly meter: TelemetryMeter | undefined;
  readonly recordUserIds: boolean;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function checkTracer(tracer: unknown, where: string): TelemetryTracer | undefined {
  if (tracer === undefined) return undefined;
  const candidate = tracer as { startSpan?: unknown; startActiveSpan?: unknown } | null;
  if (candidate === null || typeof candidate !== 'object' || typeof candidate.startSpan !== 'function') {
    throw new TelemetryOptionError(
      'OVEN_ERR_TELEMETRY_INVALID_TRACER',
      `${where}: tracer must have a startSpan(name, options) method, got ${describe(tracer)}` +
        `${candidate !== null && typeof candidate === 'object' ? ' without startSpan' : ''}. ` +
        "Pass trace.getTracer('my-bot') from @opentelemetry/api (the TracerProvider's tracer, not the provider itself).",
    );
  }
  if (candidate.startActiveSpan !== undefined && typeof candidate.startActiveSpan !== 'function') {
    throw new TelemetryOptionError(
      'OVEN_ERR_TELEMETRY_INVALID_TRACER',
      `${where}: tracer.startActiveSpan must be a function when present, got ${describe(candidate.startActiveSpan)}.`,
    );
  }
  return tracer as TelemetryTracer;
}

function checkMeter(meter: unknown, where: string): TelemetryMeter | undefined {
  if (meter === undefined) return undefined;
  const candidate = meter as { createCounter?: unknown; createHistogram?: unknown } | null;
  const missing =
    candidate === null || typeof candidate !== 'object'
      ? []
      : (['createCounter', 'createHistogram'] as const).filter((name) => typeof candidate[name] !== 'function');
  if (candidate === null || typeof candidate !== 'object' || missing.length > 0) {
    throw new TelemetryOptionError(
      'OVEN_ERR_TELEMETRY_INVALID_METER',
      `${where}: meter must have createCounter and createHistogram methods, got ${describe(meter)}` +
        `${missing.length > 0 ? ` without ${missing.join(' and ')}` : ''}. Pass metrics.getMeter('my-bot') from @opentelemetry/api.`,
    );
  }
  return meter as TelemetryMeter;
}

/**
 * Checks telemetry options once, when instrumenting starts, so a wrong tracer fails at startup
 * with a typed error instead of on the first request.
 */
export function checkTelemetryOptions(options: unknown, where: string): CheckedTelemetryOptions {
  if (options === null || typeof options !== 'object') {
    throw new TelemetryOptionError(
      'OVEN_ERR_TELEMETRY_INVALID_OPTIONS',
      `${where}: options must be an object like { tracer, meter }, got ${describe(options)}.`,
    );
  }
  const { tracer, meter, recordUserIds } = options as Record<string, unknown>;
  if (recordUserIds !== undefined && typeof recordUserIds !== 'boolean') {
    throw new TelemetryOptionError(
      'OVEN_ERR_TELEMETRY_INVALID_OPTIONS',
      `${where}: recordUserIds must be true or false, got ${describe(recordUserIds)}.`,
    );
  }
  const checked = { tracer: checkTracer(tracer, where), meter: checkMeter(meter, where), recordUserIds: recordUserIds === true };
  if (checked.tracer === undefined && checked.meter === undefined) {
    throw new TelemetryOptionError(
      'OVEN_ERR_TELEMETRY_NOTHING_TO_RECORD',
      `${where}: neither a tracer nor a meter was given, so there is nothing to record to. ` +
        "Pass { tracer: trace.getTracer('my-bot') } and/or { meter: metrics.getMeter('my-bot') }.",
    );
  }
  return checked;
}

/** Fails with a typed error when `target` lacks the methods an instrument attaches through. */
export function checkTarget(target: unknown, where: string, what: string, methods: readonly string[]): void {
  const candidate = target as Record<string, unknown> | null;
  const missing =
    candidate === null || (typeof candidate !== 'object' && typeof candidate !== 'function')
      ? methods
      : methods.filter((name) => typeof candidate[name] !== 'function');
  if (missing.length > 0) {
    throw new TelemetryOptionError(
      'OVEN_ERR_TELEMETRY_INVALID_TARGET',
      `${where}: expected ${what}, got ${describe(target)}${candidate !== null && typeof candidate === 'object' ? ` without ${missing.join(', ')}` : ''}.`,
    );
  }
}
