import { type DynamicModule, Module } from '../../di';
import { HookManager } from '../hook-manager';
import type { HookManagerOptions } from '../hook-manager-options';
import { HookBinder } from './hook-binder';
import { HOOKS_OPTIONS } from './hooks-options.token';

/**
 * Provides the `HookManager` to every module, registers `@Hook` methods and installs
 * `@Middleware` classes at bootstrap, bridges the app's `Client`, `RestClient`, `ShardManager`,
 * `EventPipeline` and `CommandRouter` into their hook points, and fires `applicationBootstrap`,
 * `beforeShutdown` and `afterShutdown`. Options are the `HookManager`'s: `trace`, `traceLimit`
 * and `budgets` (how long an interaction's answer waits for the hook points it depends on).
 *
 * @example
 * ```ts
 * @Module({
 *   imports: [OvenModule.forRoot({ token, intents }), HooksModule.forRoot({ trace: ['beforeAPICall'], budgets: { beforeCommandRun: 1_000 } })],
 *   providers: [AuditReason],
 * })
 * class AppModule {}
 * ```
 */
@Module({})
export class HooksModule {
  public static forRoot(options: HookManagerOptions = {}): DynamicModule {
    return {
      module: HooksModule,
      global: true,
      providers: [
        { provide: HOOKS_OPTIONS, useValue: options },
        { provide: HookManager, useFactory: (settings: HookManagerOptions) => new HookManager(settings), inject: [HOOKS_OPTIONS] },
        HookBinder,
      ],
      exports: [HookManager],
    };
  }
}
