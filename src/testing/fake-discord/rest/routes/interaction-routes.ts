import {
  ApplicationCommandType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
  RESTJSONErrorCodes,
  type APIMessage,
} from 'discord-api-types/v10';
import { DiscordHttpError } from '../discord-http-error';
import { FormErrorCollector } from '../form-errors';
import { parseMessageBody } from '../message-body';
import { createMessage, editMessage } from '../message-factory';
import type { RouteContext, RouteDefinition, RouteResult } from '../route';
import { validate, type ValidationSchema } from '../validation';
import type { InteractionRecord } from '../../world/interaction-store';
import type { StoredChannel } from '../../world/stored-channel';
import { channelWebhook, editWebhookMessage, executeWebhook, webhookMessage as channelWebhookMessage } from './webhook-routes';

/** Callback types Discord accepts for each interaction type. */
const ALLOWED: Record<number, readonly InteractionResponseType[]> = {
  [InteractionType.Ping]: [InteractionResponseType.Pong],
  [InteractionType.ApplicationCommand]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.Modal,
    InteractionResponseType.LaunchActivity,
  ],
  [InteractionType.MessageComponent]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.DeferredMessageUpdate,
    InteractionResponseType.UpdateMessage,
    InteractionResponseType.Modal,
  ],
  [InteractionType.ApplicationCommandAutocomplete]: [InteractionResponseType.ApplicationCommandAutocompleteResult],
  [InteractionType.ModalSubmit]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.DeferredMessageUpdate,
    InteractionResponseType.UpdateMessage,
  ],
};

const autocompleteSchema: ValidationSchema = {
  kind: 'object',
  fields: { choices: { kind: 'array', required: true, max: 25, items: { kind: 'object', fields: { name: { kind: 'string', required: true, min: 1, max: 100 }, value: { kind: 'any', required: true } } } } },
};

const modalSchema: ValidationSchema = {
  kind: 'object',
  fields: {
    custom_id: { kind: 'string', required: true, min: 1, max: 100 },
    title: { kind: 'string', required: true, min: 1, max: 45 },
    components: { kind: 'array', required: true, min: 1, max: 5, items: { kind: 'object', fields: { type: { kind: 'integer', required: true } } } },
  },
};

function unknownInteraction(): DiscordHttpError {
  return DiscordHttpError.notFound(RESTJSONErrorCodes.UnknownInteraction, 'Unknown interaction');
}

function interactionMetadata(record: InteractionRecord): Partial<APIMessage> {
  const interaction = record.interaction;
  const user = interaction.member?.user ?? interaction.user;
  const data = interaction.data as { name?: string; type?: ApplicationCommandType } | undefined;
  const metadata: Record<string, unknown> = { id: interaction.id, type: interaction.type, user, authorizing_integration_owners: interaction.authorizing_integration_owners };
  if (interaction.type === InteractionType.ApplicationCommand) {
    metadata.name = data?.name;
    metadata.command_type = data?.type;
  }
  if (interaction.type === InteractionType.MessageComponent && interaction.message !== undefined) metadata.interacted_message_id = interaction.message.id;
  return { interaction_metadata: metadata as unknown as NonNullable<APIMessage['interaction_metadata']> };
}

function responseMessageType(record: InteractionRecord): MessageType {
  if (record.interaction.type !== InteractionType.ApplicationCommand) return MessageType.Default;
  const type = (record.interaction.data as { type?: ApplicationCommandType } | undefined)?.type;
  return type === ApplicationCommandType.ChatInput ? MessageType.ChatInputCommand : MessageType.ContextMenuCommand;
}

/** Posts a message on behalf of an interaction: public ones go to the channel, ephemeral ones stay with the interaction. */
function postForInteraction(context: RouteContext, record: InteractionRecord, data: unknown, loading: boolean): APIMessage {
  const { world, files } = context;
  const body = loading ? { flags: ((data as { flags?: number } | undefined)?.flags ?? 0) & MessageFlags.Ephemeral } : parseMessageBody(data, files, true);
  const ephemeral = ((body.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
  const channel = world.channels.get(record.interaction.channel?.id ?? '') as StoredChannel;
  const message = createMessage(world, channel, world.botUser, body, loading ? [] : files, {
    webhookId: world.applicationId,
    type: responseMessageType(record),
    extra: interactionMetadata(record),
    public: !ephemeral,
  });
  if (loading) message.flags = ((message.flags ?? 0) | MessageFlags.Loading) as MessageFlags;
  if (ephemeral) record.ephemeral.set(message.id, message);
  record.messageIds.push(message.id);
  return message;
}

function callback(context: RouteContext): RouteResult {
  const { world, params, settings } = context;
  const record = world.interactions.get(params.interaction_id as string);
  if (record === undefined || record.interaction.token !== params.interaction_token) throw unknownInteraction();
  if (Date.now() - record.createdAt > settings.interactionResponseTimeoutMs) throw unknownInteraction();
  if (record.response !== undefined) throw DiscordHttpError.badRequest(RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged, 'Interaction has already been acknowledged.');
  const errors = validate(context.body ?? {}, { kind: 'object', fields: { type: { kind: 'integer', required: true }, data: { kind: 'any' } } });
  if (errors.size > 0) throw DiscordHttpError.invalidForm(errors.toTree());
  const { type, data } = context.body as { type: InteractionResponseType; data?: unknown };
  const allowed = ALLOWED[record.interaction.type] ?? [];
  if (!allowed.includes(type)) {
    throw DiscordHttpError.invalidForm({ type: { _errors: [{ code: 'BASE_TYPE_CHOICES', message: `Value must be one of {${allowed.join(', ')}}.` }] } });
  }
  let message: APIMessage | undefined;
  switch (type) {
    case InteractionResponseType.ChannelMessageWithSource:
      message = postForInteraction(context, record, data, false);
      record.originalMessageId = message.id;
      break;
    case InteractionResponseType.DeferredChannelMessageWithSource:
      message = postForInteraction(context, record, data, true);
      record.originalMessageId = message.id;
      break;
    case InteractionResponseType.DeferredMessageUpdate:
      if (record.interaction.message !== undefined) record.originalMessageId = record.interaction.message.id;
      break;
    case InteractionResponseType.UpdateMessage: {
      const target = record.interaction.message;
      if (target === undefined) throw DiscordHttpError.badRequest(RESTJSONErrorCodes.InvalidFormBodyOrContentType, 'This interaction has no message to update');
      const live = world.messages.findById(target.id) ?? target;
      message = editMessage(world, live, parseMessageBody(data, context.files, false), context.files);
      record.originalMessageId = live.id;
      break;
    }
    case InteractionResponseType.ApplicationCommandAutocompleteResult: {
      const bad = validate(data ?? {}, autocompleteSchema);
      if (bad.size > 0) throw DiscordHttpError.invalidForm({ data: bad.toTree() });
      break;
    }
    case InteractionResponseType.Modal: {
      const bad = validate(data ?? {}, modalSchema);
      if (bad.size > 0) throw DiscordHttpError.invalidForm({ data: bad.toTree() });
      break;
    }
    default:
      break;
  }
  const response = { interactionId: record.interaction.id, interactionType: record.interaction.type, type, data, files: context.files, at: Date.now() };
  world.interactions.recordResponse(record, response);
  world.emit('interactionResponse', response);
  const withResponse = context.query.get('with_response');
  if (withResponse !== 'true' && withResponse !== 'True' && withResponse !== '1') return { status: 204 };
  const callbackInfo: Record<string, unknown> = { id: record.interaction.id, type: record.interaction.type };
  if (message !== undefined) {
    callbackInfo.response_message_id = message.id;
    callbackInfo.response_message_loading = type === InteractionResponseType.DeferredChannelMessageWithSource;
    callbackInfo.response_message_ephemeral = ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
  }
  const body: Record<string, unknown> = { interaction: callbackInfo };
  if (message !== undefined) body.resource = { type, message };
  else if (type !== InteractionResponseType.DeferredMessageUpdate) body.resource = { type };
  return { status: 200, body };
}

/** The interaction behind an interaction webhook (`/webhooks/{application_id}/{token}`), live and acknowledged. */
function webhookInteraction(context: RouteContext): InteractionRecord {
  const { world, params, settings } = context;
  const record = params.webhook_id === world.applicationId ? world.interactions.byInteractionToken(params.webhook_token as string) : undefined;
  if (record === undefined) throw DiscordHttpError.notFound(RESTJSONErrorCodes.UnknownWebhook, 'Unknown Webhook');
  if (Date.now() - record.createdAt > settings.interactionTokenLifetimeMs) {
    throw new DiscordHttpError(401, RESTJSONErrorCodes.InvalidWebhookToken, 'Invalid Webhook Token');
  }
  if (record.response === undefined) throw DiscordHttpError.notFound(RESTJSONErrorCodes.UnknownWebhook, 'Unknown Webhook');
  return record;
}

function webhookMessage(context: RouteContext, record: InteractionRecord): APIMessage {
  const raw = context.params.message_id as string;
  const id = raw === '@original' ? record.originalMessageId : raw;
  const isOwn = id !== undefined && (id === record.originalMessageId || record.messageIds.includes(id));
  const message = id === undefined || !isOwn ? undefined : (record.ephemeral.get(id) ?? context.world.messages.findById(id));
  if (message === undefined) throw DiscordHttpError.notFound(RESTJSONErrorCodes.UnknownMessage, 'Unknown Message');
  return message;
}

const interactionWebhook = { auth: 'none', globalExempt: true, bucket: 'interaction-webhook', limit: { limit: 5, windowMs: 2000 } } as const;

/**
 * Interaction callback, follow-ups, and `@original` / follow-up get, edit and delete. The
 * `/webhooks/{id}/{token}` routes also serve channel webhooks, which share those paths.
 */
export const interactionRoutes: RouteDefinition[] = [
  {
    method: 'POST',
    path: '/interactions/{interaction_id}/{interaction_token}/callback',
    auth: 'none',
    globalExempt: true,
    multipart: true,
    handle: callback,
  },
  {
    method: 'POST',
    path: '/webhooks/{webhook_id}/{webhook_token}',
    ...interactionWebhook,
    multipart: true,
    handle: (context) => {
      const webhook = channelWebhook(context);
      if (webhook !== undefined) return executeWebhook(context, webhook);
      const record = webhookInteraction(context);
      const message = postForInteraction(context, record, context.body, false);
      return { status: 200, body: message };
    },
  },
  ...(['/webhooks/{webhook_id}/{webhook_token}/messages/@original', '/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}'] as const).flatMap(
    (path): RouteDefinition[] => {
      const withId = (context: RouteContext): RouteContext =>
        path.endsWith('@original') ? { ...context, params: { ...context.params, message_id: '@original' } } : context;
      return [
        {
          method: 'GET',
          path,
          ...interactionWebhook,
          handle: (context) => {
            const webhook = path.endsWith('@original') ? undefined : channelWebhook(context);
            if (webhook !== undefined) return { status: 200, body: channelWebhookMessage(context, webhook) };
            return { status: 200, body: webhookMessage(withId(context), webhookInteraction(context)) };
          },
        },
        {
          method: 'PATCH',
          path,
          ...interactionWebhook,
          multipart: true,
          handle: (context) => {
            const webhook = path.endsWith('@original') ? undefined : channelWebhook(context);
            if (webhook !== undefined) return editWebhookMessage(context, webhook);
            const record = webhookInteraction(context);
            const message = webhookMessage(withId(context), record);
            const wasLoading = ((message.flags ?? 0) & MessageFlags.Loading) !== 0;
            if (wasLoading) message.flags = ((message.flags ?? 0) & ~MessageFlags.Loading) as MessageFlags;
            const ephemeral = record.ephemeral.has(message.id);
            return { status: 200, body: editMessage(context.world, message, parseMessageBody(context.body, context.files, false), context.files, { announce: !ephemeral }) };
          },
        },
        {
          method: 'DELETE',
          path,
          ...interactionWebhook,
          handle: (context) => {
            const webhook = path.endsWith('@original') ? undefined : channelWebhook(context);
            if (webhook !== undefined) {
              const sent = channelWebhookMessage(context, webhook);
              const channel = context.world.channels.get(sent.channel_id);
              if (channel !== undefined) context.world.deleteMessages(channel, [sent.id]);
              return { status: 204 };
            }
            const record = webhookInteraction(context);
            const message = webhookMessage(withId(context), record);
            if (!record.ephemeral.delete(message.id)) {
              const channel = context.world.channels.get(message.channel_id);
              if (channel !== undefined) context.world.deleteMessages(channel, [message.id]);
            }
            return { status: 204 };
          },
        },
      ];
    },
  ),
];
