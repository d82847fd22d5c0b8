import { type DynamicModule, Module } from '../../di';
import { checkTelemetryOptions } from '../telemetry-options';
import { TelemetryOptionError } from '../telemetry-error';
import { TelemetryBinder } from './telemetry-binder';
import { TELEMETRY_OPTIONS, type TelemetryModuleOptions } from './telemetry-options.token';

const SWITCHES = ['rest', 'gateway', 'commands', 'cache'] as const;

/**
 * OpenTelemetry tracing and metrics for the whole app: at bootstrap it instruments the app's
 * `RestClient`, `EventPipeline`, `ShardManager`, `CommandRouter` and `Cache` (whichever exist;
 * turn parts off with `rest: false` and so on), and detaches on shutdown. Options are checked
 * here, so a wrong tracer fails when the module is declared, with an `OVEN_ERR_TELEMETRY_*` code.
 *
 * @example
 * ```ts
 * @Module({ imports: [OvenModule.forRoot({ token, intents }), TelemetryModule.forRoot({ tracer: trace.getTracer('my-bot'), meter: metrics.getMeter('my-bot') })] })
 * class AppModule {}
 * ```
 */
@Module({})
export class TelemetryModule {
  public static forRoot(options: TelemetryModuleOptions): DynamicModule {
    checkTelemetryOptions(options, 'TelemetryModule.forRoot');
    for (const name of SWITCHES) {
      const value = options[name];
      if (value !== undefined && typeof value !== 'boolean') {
        throw new TelemetryOptionError(
          'OVEN_ERR_TELEMETRY_INVALID_OPTIONS',
          `TelemetryModule.forRoot: ${name} must be true or false, got ${typeof value} ${String(value)}.`,
        );
      }
    }
    const interval = options.cacheIntervalMs;
    if (interval !== undefined && !(typeof interval === 'number' && Number.isFinite(interval) && interval > 0)) {
      throw new TelemetryOptionError(
        'OVEN_ERR_TELEMETRY_INVALID_OPTIONS',
        `TelemetryModule.forRoot: cacheIntervalMs must be a positive number of milliseconds, got ${String(interval)}.`,
      );
    }
    return {
      module: TelemetryModule,
      global: true,
      providers: [{ provide: TELEMETRY_OPTIONS, useValue: options }, TelemetryBinder],
      exports: [TelemetryBinder],
    };
  }
}
