import {
  InteractionResponseType,
  MessageFlags,
  Routes,
  type APICommandAutocompleteInteractionResponseCallbackData,
  type APIInteractionResponseCallbackData,
  type APIModalInteractionResponseCallbackData,
  type RESTGetAPIWebhookWithTokenMessageResult,
  type RESTPatchAPIWebhookWithTokenMessageJSONBody,
  type RESTPatchAPIWebhookWithTokenMessageResult,
  type RESTPostAPIWebhookWithTokenJSONBody,
  type RESTPostAPIWebhookWithTokenWaitResult,
} from 'discord-api-types/v10';
import { pass, type CallOptions, type FileOptions, type RestCaller } from './rest-caller';

/** The fields of an interaction these calls need; pass the whole `APIInteraction`. */
export interface InteractionRef {
  id: string;
  token: string;
  application_id: string;
}

/**
 * Answering interactions. The callback must come within 3 s; the token then works 15 minutes for
 * `editOriginal`, `followUp` and `deleteOriginal`. These routes are exempt from the global limit
 * and sent without the bot token (the interaction token authenticates them).
 *
 * @example
 * ```ts
 * await rest.interactions.deferReply(interaction, { ephemeral: true });
 * await rest.interactions.editOriginal(interaction, { content: 'done' });
 * ```
 */
export class InteractionsApi {
  public constructor(private readonly rest: RestCaller) {}

  /** Answers with a message (callback type 4). */
  public async reply(interaction: InteractionRef, data: APIInteractionResponseCallbackData, options?: FileOptions): Promise<void> {
    await this.callback(interaction, { type: InteractionResponseType.ChannelMessageWithSource, data }, options);
  }

  /** Acknowledges now and answers later with `editOriginal` (type 5); shows "thinking...". */
  public async deferReply(interaction: InteractionRef, options: CallOptions & { ephemeral?: boolean } = {}): Promise<void> {
    const { ephemeral, ...call } = options;
    const body = ephemeral === true
      ? { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } }
      : { type: InteractionResponseType.DeferredChannelMessageWithSource };
    await this.callback(interaction, body, call);
  }

  /** Acknowledges a component interaction without changing its message yet (type 6). */
  public async deferUpdate(interaction: InteractionRef, options?: CallOptions): Promise<void> {
    await this.callback(interaction, { type: InteractionResponseType.DeferredMessageUpdate }, options);
  }

  /** Edits the message a component is attached to (type 7). */
  public async update(interaction: InteractionRef, data: APIInteractionResponseCallbackData, options?: FileOptions): Promise<void> {
    await this.callback(interaction, { type: InteractionResponseType.UpdateMessage, data }, options);
  }

  /** Opens a modal (type 9). */
  public async showModal(interaction: InteractionRef, data: APIModalInteractionResponseCallbackData, options?: CallOptions): Promise<void> {
    await this.callback(interaction, { type: InteractionResponseType.Modal, data }, options);
  }

  /** Offers autocomplete choices (type 8). */
  public async autocomplete(
    interaction: InteractionRef,
    data: APICommandAutocompleteInteractionResponseCallbackData,
    options?: CallOptions,
  ): Promise<void> {
    await this.callback(interaction, { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data }, options);
  }

  public getOriginal(interaction: InteractionRef, options?: CallOptions): Promise<RESTGetAPIWebhookWithTokenMessageResult> {
    return this.rest.request('GET', Routes.webhookMessage(interaction.application_id, interaction.token), pass(options));
  }

  public editOriginal(
    interaction: InteractionRef,
    body: RESTPatchAPIWebhookWithTokenMessageJSONBody,
    options?: FileOptions,
  ): Promise<RESTPatchAPIWebhookWithTokenMessageResult> {
    return this.rest.request('PATCH', Routes.webhookMessage(interaction.application_id, interaction.token), pass(options, { body }));
  }

  public async deleteOriginal(interaction: InteractionRef, options?: CallOptions): Promise<void> {
    await this.rest.request('DELETE', Routes.webhookMessage(interaction.application_id, interaction.token), pass(options));
  }

  /** Sends a follow-up message and returns it. */
  public followUp(
    interaction: InteractionRef,
    body: RESTPostAPIWebhookWithTokenJSONBody,
    options?: FileOptions,
  ): Promise<RESTPostAPIWebhookWithTokenWaitResult> {
    return this.rest.request('POST', Routes.webhook(interaction.application_id, interaction.token), pass(options, { body, query: { wait: true } }));
  }

  private async callback(interaction: InteractionRef, body: unknown, options: FileOptions | undefined): Promise<void> {
    await this.rest.request('POST', Routes.interactionCallback(interaction.id, interaction.token), pass(options, { body }));
  }
}
