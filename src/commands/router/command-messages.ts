import type { InteractionContext } from '../context/interaction-context';
import type { ReplyOptions } from '../context/reply-options';
import type { InputFailure } from '../validation/input-failure';

/**
 * The texts the router answers with when it answers for you. Each is sent ephemeral; override
 * any of them in the router options (for translations, use `ctx.interaction.locale`).
 *
 * @example
 * ```ts
 * new CommandRouter({ ..., messages: { handlerError: () => 'Oops! The team has been told.' } });
 * ```
 */
export interface CommandMessages {
  validationFailed(failures: readonly InputFailure[], ctx: InteractionContext): ReplyOptions;
  unknownCommand(ctx: InteractionContext): ReplyOptions;
  staleComponent(ctx: InteractionContext): ReplyOptions;
  guardRefused(ctx: InteractionContext): ReplyOptions;
  handlerError(error: unknown, ctx: InteractionContext): ReplyOptions;
}

export const DEFAULT_MESSAGES: CommandMessages = {
  validationFailed: (failures) =>
    `Some of what you entered is not valid:\n${failures.map((f) => `• \`${f.name}\`: ${f.messages.join('; ')}`).join('\n')}`,
  unknownCommand: () => "I don't know this command any more. It may have been removed or renamed; try again in a minute.",
  staleComponent: () => 'This button or menu has expired. Run the command again for a fresh one.',
  guardRefused: () => "You can't use this here.",
  handlerError: () => 'Something went wrong on our side while handling that. It has been reported.',
};
