import type { OnApplicationBootstrap, OnApplicationListen } from '../../di';
import { DiscoveryService, Inject, Injectable, ModuleRef, UnknownProviderError } from '../../di';
import { CommandsModuleError } from '../command-errors';
import { InteractionHandlerMark } from '../decorators/handler-marker';
import { CommandRegistrar } from '../registration/command-registrar';
import type { CommandsRest } from '../rest/commands-rest';
import { CommandRouter } from '../router/command-router';
import type { CommandsModuleOptions } from './commands-options';
import { COMMANDS_OPTIONS, COMMANDS_REST } from './commands-options';

/**
 * Finds the providers carrying interaction decorators at bootstrap (an index lookup, not a
 * scan), hands them to the router with their DI instances, and syncs the commands with Discord
 * on `listen()`.
 */
@Injectable()
export class CommandsExplorer implements OnApplicationBootstrap, OnApplicationListen {
  public constructor(
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
    @Inject(CommandRouter) private readonly router: CommandRouter,
    @Inject(COMMANDS_OPTIONS) private readonly options: CommandsModuleOptions,
    @Inject(COMMANDS_REST) private readonly rest: CommandsRest,
  ) {}

  public onApplicationBootstrap(): void {
    const providers = new Map<Function, () => object>();
    for (const found of this.discovery.getMethods(InteractionHandlerMark)) {
      if (!providers.has(found.metatype)) providers.set(found.metatype, () => found.getInstance() as object);
    }
    this.router.registerProviders([...providers].map(([target, getInstance]) => ({ target, getInstance })));
  }

  public async onApplicationListen(): Promise<void> {
    const register = this.options.register ?? {};
    if (register === false) return;
    const applicationId = this.options.applicationId;
    if (applicationId === undefined) {
      throw new CommandsModuleError(
        'CommandsModule cannot register commands without an application id. Pass applicationId to CommandsModule.forRoot, or register: false to register with the CLI instead.',
      );
    }
    const log = this.options.log ?? ((line: string) => console.log(`[ovenjs] ${line}`));
    await new CommandRegistrar(this.rest, applicationId, log).sync(this.router.catalog.commands, register);
  }
}

/** Resolves a guard class from the container when it is a provider, else constructs it. */
export function guardResolver(moduleRef: ModuleRef): (guard: Function) => object {
  const made = new Map<Function, object>();
  return (guard) => {
    try {
      return moduleRef.get(guard as never, { strict: false }) as object;
    } catch (error) {
      // Only "not a provider" falls back to `new`; a provider that fails to build must surface.
      if (!(error instanceof UnknownProviderError)) throw error;
      let instance = made.get(guard);
      if (instance === undefined) {
        instance = new (guard as new () => object)();
        made.set(guard, instance);
      }
      return instance;
    }
  };
}
