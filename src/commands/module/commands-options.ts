import { InjectionToken } from '../../di';
import type { RegistrationOptions } from '../registration/command-registrar';
import type { CommandsRest } from '../rest/commands-rest';
import type { CommandRouterOptions } from '../router/command-router';

/** What `CommandsModule.forRoot` takes. */
export interface CommandsModuleOptions extends Omit<CommandRouterOptions, 'rest' | 'resolveInstance' | 'resolveGuard'> {
  /** Defaults to the application's `RestClient` provider (from `OvenModule`). */
  rest?: CommandsRest;
  /**
   * Sync the commands with Discord on `app.listen()` (the default), with these options; `false`
   * to leave registration to the CLI or a deploy step. Needs `applicationId`.
   */
  register?: false | (RegistrationOptions & { dryRun?: boolean });
  /** Where the registration diff is logged. Defaults to `console.log`. */
  log?: (line: string) => void;
}

/**
 * The options given to `CommandsModule.forRoot` (or made by `forRootAsync`'s factory).
 *
 * @example
 * ```ts
 * constructor(@Inject(COMMANDS_OPTIONS) options: CommandsModuleOptions) {}
 * ```
 */
export const COMMANDS_OPTIONS = new InjectionToken<CommandsModuleOptions>('COMMANDS_OPTIONS');

/**
 * The REST calls the commands module uses (interactions and registration), for providers that
 * answer interactions outside a handler.
 *
 * @example
 * ```ts
 * constructor(@Inject(COMMANDS_REST) rest: CommandsRest) {}
 * ```
 */
export const COMMANDS_REST = new InjectionToken<CommandsRest>('COMMANDS_REST');
