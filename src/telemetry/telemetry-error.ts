import { OvenError } from '../errors';

/** The codes of {@link TelemetryOptionError}. */
export type TelemetryErrorCode =
  | 'OVEN_ERR_TELEMETRY_INVALID_OPTIONS'
  | 'OVEN_ERR_TELEMETRY_INVALID_TRACER'
  | 'OVEN_ERR_TELEMETRY_INVALID_METER'
  | 'OVEN_ERR_TELEMETRY_NOTHING_TO_RECORD'
  | 'OVEN_ERR_TELEMETRY_INVALID_TARGET';

/**
 * Telemetry was set up wrongly: options that are not an object, a tracer without `startSpan`, a
 * meter without `createCounter`/`createHistogram`, neither a tracer nor a meter, or something to
 * instrument that is not what the function expects. The message names the bad value and the fix.
 *
 * @example
 * ```ts
 * try { instrumentRest(rest, { tracer }); }
 * catch (error) { if (error instanceof TelemetryOptionError && error.code === 'OVEN_ERR_TELEMETRY_INVALID_TRACER') { ... } }
 * ```
 */
export class TelemetryOptionError extends OvenError {
  public declare readonly code: TelemetryErrorCode;

  public constructor(code: TelemetryErrorCode, message: string) {
    super(code, message);
  }
}
