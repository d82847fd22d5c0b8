import type { APIInteractionDataResolved, APIMessageComponentInteraction, APIModalSubmitInteraction } from 'discord-api-types/v10';
import { ComponentType, InteractionResponseType } from 'discord-api-types/v10';
import type { ModalLike } from './command-context';
import type { ContextDeps } from './interaction-context';
import { InteractionContext } from './interaction-context';
import type { ShowModalOptions } from './modal-response';
import { modalData } from './modal-response';
import type { ReplyOptions } from './reply-options';
import { messageData, messageFiles } from './reply-options';

/** Answers that only make sense for an interaction on a message: edit it in place. */
abstract class MessageBoundContext<I extends APIMessageComponentInteraction | APIModalSubmitInteraction> extends InteractionContext<I> {
  /**
   * Edits the message the component is on, as the initial response; after `deferUpdate` (yours
   * or auto-defer's) it edits that message through the webhook instead.
   */
  public async update(options: ReplyOptions): Promise<void> {
    const data = messageData(options);
    while (this.inFlight !== undefined) await this.inFlight;
    if (this.responseStatus === 'deferredUpdate') {
      await this.editReply(options);
      return;
    }
    await this.initial('updated', { type: InteractionResponseType.UpdateMessage, data }, 'update', 'responding', messageFiles(options));
  }

  /** Acknowledges without a new message; edit the component's message later with `editReply`. */
  public async deferUpdate(): Promise<void> {
    while (this.inFlight !== undefined) await this.inFlight;
    await this.initial('deferredUpdate', { type: InteractionResponseType.DeferredMessageUpdate }, 'deferUpdate', 'deferring');
  }

  public get customId(): string {
    return this.interaction.data.custom_id;
  }
}

/**
 * The context of a button click or select-menu choice: the custom id and its parsed `params`,
 * the picked `values`, and `update`/`deferUpdate`/`showModal`.
 *
 * @example
 * ```ts
 * @Button('vote:{choice}')
 * vote(@Ctx() ctx: ComponentContext) { return ctx.update({ content: `Voted ${ctx.params.choice}` }); }
 * ```
 */
export class ComponentContext extends MessageBoundContext<APIMessageComponentInteraction> {
  public constructor(interaction: APIMessageComponentInteraction, deps: ContextDeps) {
    super(interaction, deps);
  }

  /** For select menus: the values picked (ids for user/role/channel selects). */
  public get values(): readonly string[] {
    const data = this.interaction.data;
    return data.component_type === ComponentType.Button ? [] : data.values;
  }

  /** For user, role, mentionable and channel selects: the picked entities, by id. */
  public get resolved(): APIInteractionDataResolved | undefined {
    return (this.interaction.data as { resolved?: APIInteractionDataResolved }).resolved;
  }

  /** Shows a modal as the initial response. */
  public async showModal(modal: ModalLike, options: ShowModalOptions = {}): Promise<void> {
    const data = modalData(modal, options);
    while (this.inFlight !== undefined) await this.inFlight;
    await this.initial('modal', { type: InteractionResponseType.Modal, data }, 'showModal');
  }
}

/**
 * The context of a submitted modal: the custom id and its `params`; `update` works when the
 * modal was opened from a component.
 *
 * @example
 * ```ts
 * @ModalSubmit('feedback')
 * save(@Fields() form: FeedbackForm, @Ctx() ctx: ModalContext) { return ctx.reply({ content: 'Thanks!', ephemeral: true }); }
 * ```
 */
export class ModalContext extends MessageBoundContext<APIModalSubmitInteraction> {
  public constructor(interaction: APIModalSubmitInteraction, deps: ContextDeps) {
    super(interaction, deps);
  }
}
