import { OvenError } from '../errors';

/**
 * A command, option DTO, component handler or modal class breaks one of Discord's rules or one of
 * ours. Thrown while the commands are collected (at start-up), never while serving a user, and
 * the message names the class, the member and the fix.
 *
 * @example
 * ```ts
 * try { router.register([BanCommands]); }
 * catch (error) { if (error instanceof CommandDefinitionError) console.error(error.message); }
 * ```
 */
export class CommandDefinitionError extends OvenError {
  public constructor(message: string) {
    super('OVEN_ERR_COMMANDS_INVALID_DEFINITION', message);
  }
}

/**
 * A custom-id pattern is malformed, or building an id from it got missing parameters or produced
 * more than Discord's 100 characters.
 *
 * @example
 * ```ts
 * new CustomId('ticket:{id'); // throws CustomIdError: unclosed "{"
 * ```
 */
export class CustomIdError extends OvenError {
  public constructor(message: string) {
    super('OVEN_ERR_COMMANDS_CUSTOM_ID', message);
  }
}

/**
 * An interaction was answered in a way Discord would refuse: twice, too late, or a follow-up
 * before any initial response.
 *
 * @example
 * ```ts
 * await ctx.reply('one');
 * await ctx.showModal(Feedback); // throws InteractionResponseError (OVEN_ERR_COMMANDS_ALREADY_ACKNOWLEDGED)
 * ```
 */
export class InteractionResponseError extends OvenError {
  public constructor(
    code:
      | 'OVEN_ERR_COMMANDS_ALREADY_ACKNOWLEDGED'
      | 'OVEN_ERR_COMMANDS_NOT_ACKNOWLEDGED'
      | 'OVEN_ERR_COMMANDS_RESPONSE_WINDOW_EXPIRED'
      | 'OVEN_ERR_COMMANDS_WRONG_INTERACTION_KIND',
    message: string,
  ) {
    super(code, message);
  }
}

/**
 * Thrown by a guard to refuse an interaction with a message for the user. The router answers
 * with `userMessage` as an ephemeral reply and the handler never runs.
 *
 * @example
 * ```ts
 * const VipOnly: Guard = { canActivate: (ctx) => {
 *   if (!isVip(ctx.user.id)) throw new CommandRejectedError('This command is for VIPs.');
 *   return true;
 * } };
 * ```
 */
export class CommandRejectedError extends OvenError {
  public readonly userMessage: string;

  public constructor(userMessage: string, reason = 'guard') {
    super('OVEN_ERR_COMMANDS_REJECTED', `Interaction refused by ${reason}: ${userMessage}`);
    this.userMessage = userMessage;
  }
}

/**
 * An interaction middleware broke the pipeline's contract (it called `next()` twice).
 *
 * @example
 * ```ts
 * router.use(async (ctx, next) => { await next(); await next(); }); // OVEN_ERR_COMMANDS_NEXT_TWICE
 * ```
 */
export class InteractionPipelineError extends OvenError {
  public constructor(message: string) {
    super('OVEN_ERR_COMMANDS_NEXT_TWICE', message);
  }
}

/**
 * `CommandsModule` is missing something it needs (a REST client, an application id).
 *
 * @example
 * ```ts
 * CommandsModule.forRoot({ register: {} }); // no applicationId and no client to read it from
 * ```
 */
export class CommandsModuleError extends OvenError {
  public constructor(message: string) {
    super('OVEN_ERR_COMMANDS_MODULE_CONFIG', message);
  }
}

/**
 * A router stage (an options or choices transform) returned something the router cannot use.
 * The interaction is answered with the generic error message and `commandError` is reported.
 *
 * @example
 * ```ts
 * router.transformOptions(() => 'oops' as never); // OVEN_ERR_COMMANDS_STAGE_RESULT on the next command
 * ```
 */
export class CommandStageError extends OvenError {
  public constructor(message: string) {
    super('OVEN_ERR_COMMANDS_STAGE_RESULT', message);
  }
}

/**
 * The command registration lock was lost while held (it expired during a pause longer than its
 * TTL, or someone deleted it): the sync stops before writing, so two processes never overwrite
 * the commands at once.
 *
 * @example
 * ```ts
 * try { await registrar.sync(commands, { lock }); }
 * catch (error) { if (error instanceof RegistrationLockLostError) await registrar.sync(commands, { lock }); }
 * ```
 */
export class RegistrationLockLostError extends OvenError {
  public constructor(message: string) {
    super('OVEN_ERR_COMMANDS_LOCK_LOST', message);
  }
}
