import type { APIInteraction } from 'discord-api-types/v10';
import { Client } from '../../client';
import type { OnApplicationBootstrap, OnApplicationListen, OnModuleDestroy } from '../../di';
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
 * scan) and hands them to the router with their DI instances. With `OvenModule`'s Client in the
 * application, it feeds `interactionCreate` to the router and syncs the commands with Discord
 * during login, before `clientReady`; without one, it syncs on `listen()`. Its listener is removed
 * when the module is destroyed, so a Client that outlives the application stops routing to it.
 */
@Injectable()
export class CommandsExplorer implements OnApplicationBootstrap, OnApplicationListen, OnModuleDestroy {
  public constructor(
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
    @Inject(CommandRouter) private readonly router: CommandRouter,
    @Inject(COMMANDS_OPTIONS) private readonly options: CommandsModuleOptions,
    @Inject(COMMANDS_REST) private readonly rest: CommandsRest,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
  ) {}

  private client: Client | undefined;

  // Registers the commands during login, before `clientReady`; removed when the module is
  // destroyed (and a login already running its ready hooks finds `client` unset).
  private readonly registerAtReady = async (): Promise<void> => {
    if (this.client !== undefined) await this.register(this.options.applicationId ?? this.client.user?.id);
  };

  // Not awaited: the gateway pipeline must not wait for one interaction before the next, each
  // has its own 3-second window. `handle` reports handler errors itself and does not reject.
  private readonly onInteraction = (interaction: APIInteraction): void => {
    this.router.handle(interaction).catch((error: unknown) => console.error('[ovenjs] interaction could not be routed:', error));
  };

  public onApplicationBootstrap(): void {
    const providers = new Map<Function, () => object>();
    for (const found of this.discovery.getMethods(InteractionHandlerMark)) {
      if (!providers.has(found.metatype)) providers.set(found.metatype, () => found.getInstance() as object);
    }
    this.router.registerProviders([...providers].map(([target, getInstance]) => ({ target, getInstance })));
    this.client = this.optionalClient();
    if (this.client === undefined) return;
    const client = this.client;
    client.on('interactionCreate', this.onInteraction);
    // Bot applications share their id with the bot user, known once READY arrived.
    if (this.options.register !== false) client.addReadyHook('beforeClientReady', this.registerAtReady);
  }

  public onModuleDestroy(): void {
    this.client?.off('interactionCreate', this.onInteraction);
    this.client?.removeReadyHook('beforeClientReady', this.registerAtReady);
    this.client = undefined;
  }

  public async onApplicationListen(): Promise<void> {
    if (this.client === undefined && this.options.register !== false) await this.register(this.options.applicationId);
  }

  private async register(applicationId: string | undefined): Promise<void> {
    const register = this.options.register ?? {};
    if (register === false) return;
    if (applicationId === undefined) {
      throw new CommandsModuleError(
        'CommandsModule cannot register commands without an application id. Pass applicationId to CommandsModule.forRoot, import OvenModule so it is read at login, or set register: false and register with the CLI.',
      );
    }
    const log = this.options.log ?? ((line: string) => console.log(`[ovenjs] ${line}`));
    const commands = await this.router.registration.prepare(applicationId, this.router.catalog.commands);
    const plan = await new CommandRegistrar(this.rest, applicationId, log).sync(commands, register);
    await this.router.registration.registered(applicationId, plan);
  }

  private optionalClient(): Client | undefined {
    try {
      return this.moduleRef.get(Client, { strict: false });
    } catch (error) {
      if (error instanceof UnknownProviderError) return undefined;
      throw error;
    }
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
