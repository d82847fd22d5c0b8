import type { AsyncModuleOptions, DynamicModule, Provider } from '../../di';
import { Module, ModuleRef } from '../../di';
import { RestClient } from '../../rest';
import { CommandsModuleError } from '../command-errors';
import type { Guard } from '../guards/guard';
import type { CommandsRest } from '../rest/commands-rest';
import { routeRest } from '../rest/route-rest';
import { CommandRouter } from '../router/command-router';
import { CommandsExplorer, guardResolver } from './commands-explorer';
import type { CommandsModuleOptions } from './commands-options';
import { COMMANDS_OPTIONS, COMMANDS_REST } from './commands-options';

function restFor(options: CommandsModuleOptions, rest: RestClient | undefined): CommandsRest {
  if (options.rest !== undefined) return options.rest;
  if (rest === undefined) {
    throw new CommandsModuleError(
      'CommandsModule found no REST client: import OvenModule.forRoot(...) (it provides RestClient), or pass rest: routeRest(new RestClient({ token })) to CommandsModule.forRoot.',
    );
  }
  return routeRest(rest);
}

function routerFor(options: CommandsModuleOptions, rest: CommandsRest, moduleRef: ModuleRef): CommandRouter {
  const { rest: _rest, register: _register, log: _log, ...routerOptions } = options;
  const resolve = guardResolver(moduleRef);
  return new CommandRouter({ ...routerOptions, rest, resolveGuard: (guard) => resolve(guard) as Guard });
}

const PROVIDERS: Provider[] = [
  { provide: COMMANDS_REST, useFactory: restFor, inject: [COMMANDS_OPTIONS, { token: RestClient, optional: true }] },
  { provide: CommandRouter, useFactory: routerFor, inject: [COMMANDS_OPTIONS, COMMANDS_REST, ModuleRef] },
  CommandsExplorer,
];

/**
 * Slash commands, components, modals and autocomplete for an application: every provider with
 * interaction decorators is found at bootstrap and routed through one `CommandRouter` (exported,
 * for `router.use(...)` and `router.events`); commands are synced with Discord on `listen()`.
 *
 * @example
 * ```ts
 * @Module({
 *   imports: [OvenModule.forRoot({ token, intents }), CommandsModule.forRoot({ applicationId, ownerIds: ['...'] })],
 *   providers: [EconomyCommands],
 * })
 * class AppModule {}
 * ```
 */
@Module({})
export class CommandsModule {
  /** Configures commands with fixed options. */
  public static forRoot(options: CommandsModuleOptions = {}): DynamicModule {
    return {
      module: CommandsModule,
      global: true,
      providers: [{ provide: COMMANDS_OPTIONS, useValue: options }, ...PROVIDERS],
      exports: [CommandRouter, COMMANDS_REST],
    };
  }

  /**
   * Configures commands from a factory that may inject providers of `imports` (a config service).
   *
   * @example
   * ```ts
   * CommandsModule.forRootAsync({ imports: [ConfigModule], inject: [ConfigService], useFactory: (config: ConfigService) => ({ applicationId: config.appId }) })
   * ```
   */
  public static forRootAsync(options: AsyncModuleOptions<CommandsModuleOptions>): DynamicModule {
    return {
      module: CommandsModule,
      global: true,
      imports: options.imports ?? [],
      providers: [{ provide: COMMANDS_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] }, ...PROVIDERS],
      exports: [CommandRouter, COMMANDS_REST],
    };
  }
}
