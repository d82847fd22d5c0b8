import type {
  APIApplicationCommandInteraction,
  APIMessage,
  APIModalInteractionResponseCallbackData,
  APIUser,
} from 'discord-api-types/v10';
import { ApplicationCommandType, InteractionResponseType } from 'discord-api-types/v10';
import type { InteractionMember } from '../options/option-kind';
import type { ContextDeps } from './interaction-context';
import { InteractionContext } from './interaction-context';
import type { ShowModalOptions } from './modal-response';
import { modalData } from './modal-response';

/** A modal to show: a `@Modal` class, a `ModalBuilder`, or modal JSON. */
export type ModalLike = Function | APIModalInteractionResponseCallbackData | { toJSON(): APIModalInteractionResponseCallbackData };

/**
 * The context of a slash or context-menu command: everything `InteractionContext` has, plus
 * the command path, the context-menu target and `showModal`.
 *
 * @example
 * ```ts
 * @Command({ name: 'feedback', description: 'Tell us what you think' })
 * open(@Ctx() ctx: CommandContext) { return ctx.showModal(FeedbackForm); }
 * ```
 */
export class CommandContext extends InteractionContext<APIApplicationCommandInteraction> {
  /** `'ban'`, `'ticket open'`, or a context-menu command's name. */
  public readonly commandPath: string;

  public constructor(interaction: APIApplicationCommandInteraction, deps: ContextDeps, commandPath: string) {
    super(interaction, deps);
    this.commandPath = commandPath;
  }

  /** For a user command: the user it was used on. */
  public get targetUser(): APIUser | undefined {
    const data = this.interaction.data;
    if (data.type !== ApplicationCommandType.User) return undefined;
    return data.resolved.users[data.target_id];
  }

  /** For a user command in a guild: the member it was used on. */
  public get targetMember(): InteractionMember | undefined {
    const data = this.interaction.data;
    if (data.type !== ApplicationCommandType.User) return undefined;
    const member = data.resolved.members?.[data.target_id];
    const user = data.resolved.users[data.target_id];
    return member === undefined || user === undefined ? undefined : { ...member, user };
  }

  /** For a message command: the message it was used on. */
  public get targetMessage(): APIMessage | undefined {
    const data = this.interaction.data;
    if (data.type !== ApplicationCommandType.Message) return undefined;
    return data.resolved.messages[data.target_id];
  }

  /** Shows a modal as the initial response. Give a `@Modal` class with its parameters, or modal JSON. */
  public async showModal(modal: ModalLike, options: ShowModalOptions = {}): Promise<void> {
    const data = modalData(modal, options);
    while (this.inFlight !== undefined) await this.inFlight;
    await this.initial('modal', { type: InteractionResponseType.Modal, data }, 'showModal');
  }
}
