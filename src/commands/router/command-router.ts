import type { APIApplicationCommandInteractionDataBasicOption, APIApplicationCommandOptionChoice, APIInteraction } from 'discord-api-types/v10';
import { ApplicationCommandType, ComponentType, InteractionType } from 'discord-api-types/v10';
import { EventScope } from '../../di';
import type { HandlerRoute } from '../catalog/command-catalog';
import { CommandCatalog } from '../catalog/command-catalog';
import { CommandRejectedError, CommandsModuleError, InteractionResponseError } from '../command-errors';
import { AutocompleteContext } from '../context/autocomplete-context';
import type { AutocompleteChoice } from '../context/autocomplete-context';
import { CommandContext } from '../context/command-context';
import { ComponentContext, ModalContext } from '../context/component-context';
import type { ContextDeps } from '../context/interaction-context';
import { InteractionContext } from '../context/interaction-context';
import type { ReplyOptions } from '../context/reply-options';
import type { AutoDeferConfig } from '../decorators/command-config';
import type { CooldownStore } from '../guards/cooldown-store';
import type { Guard, GuardClass, GuardEnvironment, GuardLike } from '../guards/guard';
import { MemoryCooldownStore } from '../guards/memory-cooldown-store';
import { RegistrationStages } from '../registration/registration-stages';
import type { InteractionRest } from '../rest/commands-rest';
import type { CommandMessages } from './command-messages';
import { DEFAULT_MESSAGES } from './command-messages';
import type { CommandRouterEvents } from './command-router-events';
import { commandPath } from './command-path';
import { handlerArguments } from './handler-arguments';
import type { InteractionMiddleware } from './interaction-middleware';
import { composeMiddleware } from './interaction-middleware';
import type { ChoicesTransform, OptionsTransform } from './router-stages';
import { runChoicesTransforms, runOptionsTransforms } from './router-stages';
import { TypedEvents } from './typed-events';

/** Settings of a `CommandRouter`. */
export interface CommandRouterOptions {
  rest: InteractionRest;
  /** Defaults to the `application_id` each interaction carries. */
  applicationId?: string;
  /** The handler class instance to call. Defaults to one `new` instance per class. */
  resolveInstance?: (target: Function) => object;
  /** The instance of a guard class. Defaults to one `new` instance per class. */
  resolveGuard?: (guard: GuardClass) => Guard;
  /** Bot owners, for `OwnerOnly()`. */
  ownerIds?: readonly string[];
  /** Where `Cooldown()` counts by default. Defaults to a `MemoryCooldownStore`. */
  cooldownStore?: CooldownStore;
  /** Auto-defer for every command (commands can still set their own). Off by default. */
  autoDefer?: boolean | AutoDeferConfig;
  /** Replace any of the texts the router answers with. */
  messages?: Partial<CommandMessages>;
  /** Clock, for tests. Defaults to `Date.now`. */
  now?: () => number;
  /** Where errors thrown by event listeners go. Defaults to `console.error`. */
  onListenerError?: (error: unknown, event: string) => void;
  /**
   * How long the router waits for the listeners of an event that comes before an answer
   * (`beforeCommand`, `unhandled`, `validationFailed`, `guardRejected`, `commandError`), which it
   * awaits one after the other. Past it, the router goes on (the listeners keep running) and
   * emits `listenersSlow`, so slow logging cannot eat Discord's 3-second window. `false` waits
   * for them however long they take. @defaultValue 250
   */
  listenerBudgetMs?: number | false;
}

const DEFAULT_AUTO_DEFER_MS = 2_000;
const DEFAULT_LISTENER_BUDGET_MS = 250;

/** The events the router awaits before an answer with a deadline, so their listeners are bounded. */
type BoundedEvent = 'beforeCommand' | 'unhandled' | 'validationFailed' | 'guardRejected' | 'commandError';

type Routed = { ctx: InteractionContext; route: HandlerRoute; options?: readonly APIApplicationCommandInteractionDataBasicOption[] };

/**
 * Routes interactions to decorated handler methods: builds the context, runs middleware, guards
 * and validation, calls the handler with its decorated parameters, and answers on its behalf
 * when something goes wrong (invalid input, refusal, unknown command, stale component, error).
 * Works without DI; `CommandsModule` wires it into an application.
 *
 * @example
 * ```ts
 * const router = new CommandRouter({ rest: routeRest(rest), applicationId }).register([FunCommands]);
 * client.on('interactionCreate', (interaction) => router.handle(interaction));
 * ```
 */
export class CommandRouter {
  public readonly events: TypedEvents<CommandRouterEvents>;
  /** Stages around the sync of this router's commands with Discord (run by `CommandsModule`). */
  public readonly registration = new RegistrationStages();
  private readonly options: CommandRouterOptions;
  private readonly messages: CommandMessages;
  private readonly now: () => number;
  private readonly instances = new Map<Function, object>();
  private readonly providers = new Map<Function, () => object>();
  private readonly guardInstances = new Map<Function, Guard>();
  private readonly middleware: InteractionMiddleware[] = [];
  private optionsTransforms: readonly OptionsTransform[] = [];
  private choicesTransforms: readonly ChoicesTransform[] = [];
  private readonly cooldownStore: CooldownStore;
  private readonly listenerBudgetMs: number | false;
  private compose = composeMiddleware([]);
  private classes: Function[] = [];
  private currentCatalog = CommandCatalog.fromClasses([]);

  public constructor(options: CommandRouterOptions) {
    this.options = options;
    this.messages = { ...DEFAULT_MESSAGES, ...options.messages };
    this.now = options.now ?? Date.now;
    this.cooldownStore = options.cooldownStore ?? new MemoryCooldownStore(this.now);
    const onListenerError = options.onListenerError ?? ((error: unknown, event: string) => console.error(`[ovenjs] ${event} listener failed:`, error));
    this.events = new TypedEvents<CommandRouterEvents>((error, event) => onListenerError(error, String(event)));
    const budget = options.listenerBudgetMs ?? DEFAULT_LISTENER_BUDGET_MS;
    if (budget !== false && !(Number.isFinite(budget) && budget >= 0)) {
      throw new CommandsModuleError(`listenerBudgetMs must be a number of milliseconds >= 0, or false to wait for listeners however long they take; got ${String(budget)}.`);
    }
    this.listenerBudgetMs = budget;
  }

  /**
   * Reports a failure through `commandError`; with nobody listening it is printed, since the
   * user was told it has been reported.
   */
  private reportError(ctx: InteractionContext, route: HandlerRoute | undefined, error: unknown, bounded = true): Promise<void> {
    if (this.events.listenerCount('commandError') === 0) {
      console.error(`[ovenjs] ${route?.label ?? `interaction ${ctx.interaction.id}`} failed:`, error);
      return Promise.resolve();
    }
    return bounded ? this.emitBounded('commandError', { ctx, route, error }) : this.events.emit('commandError', { ctx, route, error });
  }

  /** Emits an event that precedes an answer, waiting for its listeners at most the budget. */
  private emitBounded<K extends BoundedEvent>(event: K, ...args: CommandRouterEvents[K]): Promise<void> {
    if (this.listenerBudgetMs === false) return this.events.emit(event, ...args);
    const budgetMs = this.listenerBudgetMs;
    const ctx = (args[0] as { ctx: InteractionContext }).ctx;
    return this.events.emitWithin(budgetMs, (slow) => void this.events.emit('listenersSlow', { ctx, event: slow, budgetMs }), event, ...args);
  }

  /** Adds handler classes. The whole catalog is rebuilt and checked, so errors surface here. */
  public register(classes: readonly Function[]): this {
    const next = [...this.classes, ...classes];
    this.currentCatalog = CommandCatalog.fromClasses(next);
    this.classes = next;
    return this;
  }

  /**
   * Adds handler classes whose instances come from elsewhere (a DI container): `getInstance` is
   * called for every interaction, inside its event scope, so per-event providers work.
   */
  public registerProviders(providers: readonly { target: Function; getInstance: () => object }[]): this {
    for (const provider of providers) this.providers.set(provider.target, provider.getInstance);
    return this.register(providers.map((p) => p.target));
  }

  /** The commands and routes of the registered classes. */
  public get catalog(): CommandCatalog {
    return this.currentCatalog;
  }

  /** Adds interaction middleware; they run in the order added, around guards and handler. */
  public use(middleware: InteractionMiddleware): this {
    this.middleware.push(middleware);
    this.compose = composeMiddleware([...this.middleware]);
    return this;
  }

  /**
   * Adds an options stage: it sees a command's options (by DTO property) after they were read and
   * validated, and before the handler, and may rewrite them. Stages run in the order added, only
   * for handlers with an `@Options()` parameter. Returns a function that removes the stage.
   *
   * @example
   * ```ts
   * router.transformOptions(({ options }) => ({ ...options, reason: options['reason'] ?? 'no reason given' }));
   * ```
   */
  public transformOptions(transform: OptionsTransform): () => void {
    this.optionsTransforms = [...this.optionsTransforms, transform];
    return () => {
      this.optionsTransforms = this.optionsTransforms.filter((t) => t !== transform);
    };
  }

  /**
   * Adds a choices stage: it sees every autocomplete answer's suggestions (returned by the
   * handler or passed to `ctx.respond`) just before they are sent, and may rewrite them. Returns
   * a function that removes the stage.
   *
   * @example
   * ```ts
   * router.transformChoices(({ choices }) => choices.slice(0, 10));
   * ```
   */
  public transformChoices(transform: ChoicesTransform): () => void {
    this.choicesTransforms = [...this.choicesTransforms, transform];
    return () => {
      this.choicesTransforms = this.choicesTransforms.filter((t) => t !== transform);
    };
  }

  /**
   * Handles one interaction from the gateway (or an HTTP endpoint). Resolves when the handler
   * and any answer the router sent are done; never rejects for a handler's error.
   */
  public async handle(interaction: APIInteraction, receivedAt: number = this.now()): Promise<void> {
    if (interaction.type === InteractionType.Ping) return;
    const deps: ContextDeps = {
      rest: this.options.rest,
      applicationId: this.options.applicationId ?? interaction.application_id,
      now: this.now,
      receivedAt,
      transformChoices: this.choicesStage,
    };
    const routed = this.route(interaction, deps);
    if ('unhandled' in routed) {
      await this.emitBounded('unhandled', { ctx: routed.ctx, kind: routed.unhandled, key: routed.key });
      const message = routed.unhandled === 'command' ? this.messages.unknownCommand(routed.ctx) : this.messages.staleComponent(routed.ctx);
      await this.answerQuietly(routed.ctx, undefined, message);
      return;
    }
    await EventScope.run(routed.ctx, () => this.dispatch(routed));
  }

  // One closure for the router's lifetime, so a context costs nothing extra without stages.
  private readonly choicesStage = (ctx: InteractionContext, choices: APIApplicationCommandOptionChoice[]): Promise<APIApplicationCommandOptionChoice[]> =>
    this.choicesTransforms.length === 0 ? Promise.resolve(choices) : runChoicesTransforms(this.choicesTransforms, ctx as AutocompleteContext, choices);

  private route(interaction: APIInteraction, deps: ContextDeps): Routed | { ctx: InteractionContext; unhandled: CommandRouterEvents['unhandled'][0]['kind']; key: string } {
    switch (interaction.type) {
      case InteractionType.ApplicationCommand: {
        const data = interaction.data;
        if (data.type === ApplicationCommandType.ChatInput) {
          const { path, options } = commandPath(data.name, data.options);
          const ctx = new CommandContext(interaction, deps, path);
          const route = this.currentCatalog.chatInput(path);
          return route === undefined ? { ctx, unhandled: 'command', key: path } : { ctx, route, options };
        }
        const kind = data.type === ApplicationCommandType.User ? 'user' : 'message';
        const ctx = new CommandContext(interaction, deps, data.name);
        const route = data.type === ApplicationCommandType.User || data.type === ApplicationCommandType.Message ? this.currentCatalog.contextMenu(kind, data.name) : undefined;
        return route === undefined ? { ctx, unhandled: 'command', key: `${kind}:${data.name}` } : { ctx, route };
      }
      case InteractionType.ApplicationCommandAutocomplete: {
        const { path, options } = commandPath(interaction.data.name, interaction.data.options);
        const ctx = new AutocompleteContext(interaction, deps, path, options);
        const route = this.currentCatalog.autocomplete(path, ctx.focused.name);
        return route === undefined ? { ctx, unhandled: 'autocomplete', key: `${path}/${ctx.focused.name}` } : { ctx, route };
      }
      case InteractionType.MessageComponent: {
        const ctx = new ComponentContext(interaction, deps);
        const kind = interaction.data.component_type === ComponentType.Button ? 'button' : 'selectMenu';
        const found = this.currentCatalog.component(kind, interaction.data.custom_id);
        if (found === undefined) return { ctx, unhandled: 'component', key: interaction.data.custom_id };
        ctx.params = found.params;
        return { ctx, route: found.route };
      }
      case InteractionType.ModalSubmit: {
        const ctx = new ModalContext(interaction, deps);
        const found = this.currentCatalog.component('modalSubmit', interaction.data.custom_id);
        if (found === undefined) return { ctx, unhandled: 'modal', key: interaction.data.custom_id };
        ctx.params = found.params;
        return { ctx, route: found.route };
      }
      default:
        return { ctx: new InteractionContext(interaction, deps), unhandled: 'command', key: `type ${(interaction as { type: number }).type}` };
    }
  }

  private async dispatch(routed: Routed): Promise<void> {
    const { ctx, route } = routed;
    const timer = this.startAutoDefer(ctx, route);
    try {
      await this.compose(ctx, route, () => this.execute(routed));
    } catch (error) {
      await this.reportError(ctx, route, error);
      await this.answerQuietly(ctx, route, this.messages.handlerError(error, ctx));
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  }

  private async execute({ ctx, route, options }: Routed): Promise<void> {
    if (!(await this.passGuards(ctx, route))) return;
    const args = await this.buildArguments(ctx, route, options ?? []);
    if (args === undefined) return;
    const instance = this.instanceOf(route.target);
    await this.emitBounded('beforeCommand', { ctx, route });
    const method = (instance as Record<string, (...a: unknown[]) => unknown>)[route.methodName];
    const result = await (method as (...a: unknown[]) => unknown).apply(instance, args);
    if (ctx instanceof AutocompleteContext) {
      // An autocomplete cannot be deferred and Discord shows an error when it goes unanswered:
      // returning nothing means no suggestions.
      if (!ctx.acknowledged) await ctx.respond((result ?? []) as readonly AutocompleteChoice[]);
    } else if (result !== undefined && !ctx.acknowledged) await ctx.reply(result as ReplyOptions);
    await this.events.emit('afterCommand', { ctx, route, result });
  }

  private async passGuards(ctx: InteractionContext, route: HandlerRoute): Promise<boolean> {
    if (route.guards.length === 0) return true;
    const env: GuardEnvironment = { route, ownerIds: this.options.ownerIds ?? [], cooldownStore: this.cooldownStore };
    for (const guardLike of route.guards) {
      const guard = this.guardOf(guardLike);
      let allowed: boolean;
      try {
        allowed = await guard.canActivate(ctx, env);
      } catch (error) {
        if (!(error instanceof CommandRejectedError)) throw error;
        await this.emitBounded('guardRejected', { ctx, route, reason: error.userMessage });
        await this.answerQuietly(ctx, route, error.userMessage);
        return false;
      }
      if (!allowed) {
        await this.emitBounded('guardRejected', { ctx, route, reason: undefined });
        await this.answerQuietly(ctx, route, this.messages.guardRefused(ctx));
        return false;
      }
    }
    return true;
  }

  private async buildArguments(
    ctx: InteractionContext,
    route: HandlerRoute,
    sent: readonly APIApplicationCommandInteractionDataBasicOption[],
  ): Promise<unknown[] | undefined> {
    const built = await handlerArguments(ctx, route, sent);
    if (built.ok) return this.optionsTransforms.length === 0 ? built.args : this.transformArguments(ctx, route, built.args);
    await this.emitBounded('validationFailed', { ctx, route, failures: built.failures });
    await this.answerQuietly(ctx, route, this.messages.validationFailed(built.failures, ctx));
    return undefined;
  }

  /** Runs the options stages on the DTO argument and puts a DTO of the same class back. */
  private async transformArguments(ctx: InteractionContext, route: HandlerRoute, args: unknown[]): Promise<unknown[]> {
    const param = route.params.find((p) => p.kind === 'options');
    const dto = param === undefined ? undefined : args[param.index];
    if (param === undefined || dto === undefined || dto === null || typeof dto !== 'object') return args;
    const options = await runOptionsTransforms(this.optionsTransforms, ctx, route, { ...(dto as Record<string, unknown>) });
    // Same prototype, so the handler's `instanceof` and DTO getters keep working.
    args[param.index] = Object.assign(Object.create(Object.getPrototypeOf(dto) as object) as object, options);
    return args;
  }

  private startAutoDefer(ctx: InteractionContext, route: HandlerRoute): NodeJS.Timeout | undefined {
    if (ctx instanceof AutocompleteContext) return undefined;
    const global = this.options.autoDefer;
    const config = route.autoDefer ?? (global === true ? {} : global === false || global === undefined ? undefined : global);
    if (config === undefined) return undefined;
    const timer = setTimeout(() => {
      if (ctx.acknowledged) return;
      const deferring = ctx instanceof ComponentContext ? ctx.deferUpdate() : ctx.deferReply({ ephemeral: config.ephemeral === true });
      deferring.catch((error: unknown) => {
        // The handler may have answered while the timer fired; losing that race is not a failure.
        if (error instanceof InteractionResponseError && error.code === 'OVEN_ERR_COMMANDS_ALREADY_ACKNOWLEDGED') return;
        void this.reportError(ctx, route, error, false);
      });
    }, config.afterMs ?? DEFAULT_AUTO_DEFER_MS);
    timer.unref();
    return timer;
  }

  /** Answers for the router (ephemeral), choosing the call that fits the state. Never throws. */
  private async answerQuietly(ctx: InteractionContext, route: HandlerRoute | undefined, message: ReplyOptions): Promise<void> {
    const options = typeof message === 'string' ? { content: message, ephemeral: true } : { ephemeral: true, ...message };
    try {
      if (ctx instanceof AutocompleteContext) {
        if (!ctx.acknowledged) await ctx.respond([]);
      } else if (['replied', 'updated', 'modal', 'responding'].includes(ctx.responseStatus)) await ctx.followUp(options);
      // reply() waits for a deferral in flight, then edits a deferred reply or follows a deferred update.
      else await ctx.reply(options);
    } catch (error) {
      await this.reportError(ctx, route, error);
    }
  }

  private instanceOf(target: Function): object {
    const provided = this.providers.get(target);
    if (provided !== undefined) return provided();
    if (this.options.resolveInstance !== undefined) return this.options.resolveInstance(target);
    let instance = this.instances.get(target);
    if (instance === undefined) {
      instance = new (target as new () => object)();
      this.instances.set(target, instance);
    }
    return instance;
  }

  private guardOf(guard: GuardLike): Guard {
    if (typeof guard !== 'function') return guard;
    if (this.options.resolveGuard !== undefined) return this.options.resolveGuard(guard);
    let instance = this.guardInstances.get(guard);
    if (instance === undefined) {
      instance = new (guard as unknown as new () => Guard)();
      this.guardInstances.set(guard, instance);
    }
    return instance;
  }
}
