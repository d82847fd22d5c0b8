import type { APIApplicationCommandInteractionDataBasicOption, RESTPostAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { AutocompleteContext } from '../../commands';
import type { CatalogCommand, CommandRegistrar, CommandRouter, InteractionContext, RegistrationOptions, RegistrationPlan } from '../../commands';
import type { HookManager } from '../hook-manager';

/** The hook points `bridgeCommandHooks` and `syncCommandsWithHooks` fire. */
export const COMMAND_BRIDGE_HOOKS = [
  'beforeInteraction', 'beforeCommandRun', 'commandOptionsTransform', 'afterCommandRun', 'commandError', 'commandDenied',
  'autocompleteTransform', 'beforeCommandRegister', 'afterCommandRegister',
] as const;

const STARTED = 'oven:hooks:startedAt';

/** Option values by name, flattened through subcommands (what handlers usually read). */
function optionValues(ctx: InteractionContext): Record<string, unknown> {
  const data = (ctx.interaction as { data?: { options?: readonly { name: string; value?: unknown; options?: unknown }[] } }).data;
  const values: Record<string, unknown> = {};
  const walk = (options: readonly { name: string; value?: unknown; options?: unknown }[] | undefined): void => {
    for (const option of options ?? []) {
      if ('value' in option) values[option.name] = (option as APIApplicationCommandInteractionDataBasicOption).value;
      else walk(option.options as typeof options);
    }
  };
  walk(data?.options);
  return values;
}

async function refuse(hooks: HookManager, ctx: InteractionContext, commandName: string, veto: { reason: string; reply?: string }): Promise<void> {
  await hooks.execute('commandDenied', { commandName, interaction: ctx.interaction, reason: veto.reason });
  if (ctx.acknowledged) return;
  // An autocomplete can only be answered with suggestions (Discord refuses a message), and one
  // left unanswered shows an error: a vetoed one gets none, reply or not.
  if (ctx instanceof AutocompleteContext) await ctx.respond([]);
  else if (veto.reply !== undefined) await ctx.reply({ content: veto.reply, ephemeral: true });
}

/**
 * Fires the command hook points from a `CommandRouter`: an interaction middleware (added first,
 * so it runs outermost) for the veto hooks, the router's options and choices stages for
 * `commandOptionsTransform` and `autocompleteTransform`, its registration stages for
 * `beforeCommandRegister` and `afterCommandRegister` (when `CommandsModule` syncs the commands at
 * login; `syncCommandsWithHooks` does the same for a sync you run yourself), and the router's
 * events for the rest. A veto with a
 * `reply` answers the user ephemerally (a vetoed autocomplete request gets no suggestions, reply or not). Returns a function that detaches it (the middleware stays
 * but steps aside).
 *
 * @example
 * ```ts
 * bridgeCommandHooks(router, hooks);
 * hooks.register('beforeCommandRun', ({ interaction }) => (maintenance ? { reason: 'maintenance', reply: 'Back soon!' } : undefined));
 * ```
 */
export function bridgeCommandHooks(router: CommandRouter, hooks: HookManager): () => void {
  let attached = true;
  router.use(async (ctx, next, route) => {
    if (!attached) return next();
    // Like the other bridges, a point nobody handles costs no payload and no call.
    if (hooks.has('afterCommandRun')) ctx.state.set(STARTED, performance.now());
    const interactionVeto = hooks.has('beforeInteraction') ? await hooks.execute('beforeInteraction', { interaction: ctx.interaction }) : undefined;
    if (interactionVeto !== undefined) return refuse(hooks, ctx, route.path, interactionVeto);
    if (hooks.has('beforeCommandRun') && (route.kind === 'command' || route.kind === 'subcommand' || route.kind === 'userCommand' || route.kind === 'messageCommand')) {
      const veto = await hooks.execute('beforeCommandRun', { commandName: route.path, interaction: ctx.interaction, options: optionValues(ctx) });
      if (veto !== undefined) return refuse(hooks, ctx, route.path, veto);
    }
    return next();
  });
  const offOptions = router.transformOptions(async ({ ctx, route, options }) => {
    if (!attached || !hooks.has('commandOptionsTransform')) return undefined;
    const edited = await hooks.execute('commandOptionsTransform', { commandName: route.path, interaction: ctx.interaction, options });
    return edited.options;
  });
  const offChoices = router.transformChoices(async ({ ctx, choices }) => {
    if (!attached || !hooks.has('autocompleteTransform')) return undefined;
    const edited = await hooks.execute('autocompleteTransform', { commandName: ctx.commandPath, focused: ctx.focused.name, choices });
    return edited.choices;
  });
  const offAfter = router.events.on('afterCommand', ({ ctx, route }) => {
    if (!attached || !hooks.has('afterCommandRun')) return;
    const started = ctx.state.get(STARTED);
    const durationMs = typeof started === 'number' ? performance.now() - started : 0;
    void hooks.execute('afterCommandRun', { commandName: route.path, interaction: ctx.interaction, durationMs });
  });
  // A commandError listener stops the router printing failures: listen only while handled.
  const offError = hooks.whileHandled('commandError', () =>
    router.events.on('commandError', ({ ctx, route, error }) => {
      if (attached) void hooks.execute('commandError', { commandName: route?.path ?? '', interaction: ctx.interaction, error });
    }),
  );
  const offGuard = router.events.on('guardRejected', ({ ctx, route, reason }) => {
    if (attached) void hooks.execute('commandDenied', { commandName: route.path, interaction: ctx.interaction, reason: reason ?? 'refused by a guard' });
  });
  const offInvalid = router.events.on('validationFailed', ({ ctx, route, failures }) => {
    if (attached) {
      void hooks.execute('commandDenied', {
        commandName: route.path,
        interaction: ctx.interaction,
        reason: `invalid input: ${failures.map((f) => JSON.stringify(f)).join('; ')}`,
      });
    }
  });
  // CommandsModule syncs the router's commands through these stages at login.
  const offPrepare = router.registration.transform(async ({ applicationId, commands }) =>
    attached && hooks.has('beforeCommandRegister') ? editCommands(hooks, applicationId, commands) : undefined,
  );
  const offRegistered = router.registration.onRegistered(({ applicationId, plan }) =>
    attached && hooks.has('afterCommandRegister') ? reportSync(hooks, applicationId, plan) : undefined,
  );
  return () => {
    attached = false;
    for (const off of [offOptions, offChoices, offAfter, offError, offGuard, offInvalid, offPrepare, offRegistered]) off();
  };
}

/** Runs `beforeCommandRegister` over a command list; commands a handler added are global. */
async function editCommands(hooks: HookManager, applicationId: string, commands: readonly CatalogCommand[]): Promise<CatalogCommand[]> {
  const edited = await hooks.execute('beforeCommandRegister', {
    applicationId,
    guildId: undefined,
    commands: commands.map((command) => command.json),
  });
  const byName = new Map(commands.map((command) => [command.json.name, command]));
  return edited.commands.map((json: RESTPostAPIApplicationCommandsJSONBody) => {
    const original = byName.get(json.name);
    return { json, guilds: original?.guilds, source: original?.source ?? 'beforeCommandRegister hook' };
  });
}

/** Fires `afterCommandRegister` once per scope of a sync. */
async function reportSync(hooks: HookManager, applicationId: string, plan: RegistrationPlan): Promise<void> {
  for (const scope of plan.scopes) {
    await hooks.execute('afterCommandRegister', {
      applicationId,
      guildId: scope.guildId,
      created: scope.diff.added.length,
      updated: scope.diff.changed.length,
      deleted: scope.diff.removed.length,
      unchanged: scope.diff.unchanged.length,
    });
  }
}

/**
 * `registrar.sync(commands)` with the registration hooks around it: `beforeCommandRegister` may
 * edit the command list (added commands are global), and `afterCommandRegister` reports, per
 * scope, what the sync created, updated, deleted and left alone.
 *
 * @example
 * ```ts
 * await syncCommandsWithHooks(hooks, registrar, applicationId, router.catalog.commands, { devGuildId });
 * ```
 */
export async function syncCommandsWithHooks(
  hooks: HookManager,
  registrar: CommandRegistrar,
  applicationId: string,
  commands: readonly CatalogCommand[],
  options: RegistrationOptions & { dryRun?: boolean } = {},
): Promise<RegistrationPlan> {
  const plan = await registrar.sync(await editCommands(hooks, applicationId, commands), options);
  await reportSync(hooks, applicationId, plan);
  return plan;
}
