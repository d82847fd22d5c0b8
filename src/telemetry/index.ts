export { SPAN_KIND, SPAN_STATUS } from './otel-types';
export type {
  TelemetryAttributes,
  TelemetryAttributeValue,
  TelemetryCounter,
  TelemetryHistogram,
  TelemetryMeter,
  TelemetryMetricOptions,
  TelemetrySpan,
  TelemetrySpanOptions,
  TelemetryTracer,
} from './otel-types';
export { TelemetryOptionError } from './telemetry-error';
export type { TelemetryErrorCode } from './telemetry-error';
export type { TelemetryOptions } from './telemetry-options';
export { routeTemplate } from './route-template';
export { instrumentRest, REST_METRICS } from './instrument-rest';
export { instrumentEvents, EVENT_METRICS } from './instrument-events';
export { instrumentGateway, GATEWAY_METRICS } from './instrument-gateway';
export { instrumentCommands, commandSpanName, COMMAND_METRICS } from './instrument-commands';
export type { CommandOutcome } from './instrument-commands';
export { instrumentCache, CACHE_METRICS } from './instrument-cache';
export type { CacheTelemetryOptions } from './instrument-cache';
export { instrumentClient } from './instrument-client';
export type { ClientTelemetryOptions } from './instrument-client';
export { TelemetryModule } from './di/telemetry.module';
export { TelemetryBinder } from './di/telemetry-binder';
export { TELEMETRY_OPTIONS } from './di/telemetry-options.token';
export type { TelemetryModuleOptions } from './di/telemetry-options.token';
