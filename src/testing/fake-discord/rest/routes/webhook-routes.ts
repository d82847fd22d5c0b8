import { randomBytes } from 'node:crypto';
import { AuditLogEvent, GatewayDispatchEvents, GatewayIntentBits, PermissionFlagsBits, RESTJSONErrorCodes, WebhookType, type APIMessage, type APIWebhook } from 'discord-api-types/v10';
import { accessibleChannel, channelOr404 } from '../access';
import { audit } from '../audit';
import { DiscordHttpError } from '../discord-http-error';
import { parseMessageBody } from '../message-body';
import { createMessage, editMessage } from '../message-factory';
import type { RouteContext, RouteDefinition, RouteResult } from '../route';
import type { ValidationSchema } from '../validation';
import { makeUser } from '../../world/entity-defaults';
import type { World } from '../../world/world';

const MAX_PER_CHANNEL = 15;
const FORBIDDEN_NAMES = /clyde|discord/i;

const nameSchema: ValidationSchema = { kind: 'string', min: 1, max: 80 };

function checkName(name: unknown): void {
  if (typeof name === 'string' && FORBIDDEN_NAMES.test(name)) {
    const word = (FORBIDDEN_NAMES.exec(name)?.[0] ?? '').toLowerCase();
    throw DiscordHttpError.invalidForm({ name: { _errors: [{ code: 'USERNAME_INVALID_CONTAINS', message: `Username cannot contain "${word}"` }] } });
  }
}

function announce(world: World, channelId: string): void {
  const guildId = world.channels.get(channelId)?.guild_id ?? null;
  world.dispatch({ t: GatewayDispatchEvents.WebhooksUpdate, d: { guild_id: guildId, channel_id: channelId }, guildId, intents: GatewayIntentBits.GuildWebhooks });
}

function webhookOr404(world: World, id: string): APIWebhook {
  const webhook = world.webhooks.get(id);
  if (webhook === undefined) throw DiscordHttpError.notFound(RESTJSONErrorCodes.UnknownWebhook, 'Unknown Webhook');
  return webhook;
}

/** Incoming webhooks made here always belong to a channel. */
function channelIdOf(webhook: APIWebhook): string {
  return webhook.channel_id as string;
}

/** Token-authorised views of a webhook leave out the creator. */
function withoutUser(webhook: APIWebhook): Omit<APIWebhook, 'user'> {
  const { user: _user, ...rest } = webhook;
  return rest;
}

/** The channel webhook a `/webhooks/{id}/{token}` request names, if it is one (else undefined: an interaction webhook). */
export function channelWebhook(context: RouteContext): APIWebhook | undefined {
  const webhook = context.world.webhooks.get(context.params.webhook_id as string);
  if (webhook === undefined) return undefined;
  if (webhook.token !== context.params.webhook_token) throw new DiscordHttpError(401, RESTJSONErrorCodes.InvalidWebhookToken, 'Invalid Webhook Token');
  return webhook;
}

/** `POST /webhooks/{id}/{token}`: a message as the webhook, 204 unless `?wait=true`. */
export function executeWebhook(context: RouteContext, webhook: APIWebhook): RouteResult {
  const { world, query } = context;
  const threadId = query.get('thread_id');
  const channel = channelOr404(world, threadId ?? channelIdOf(webhook));
  const body = parseMessageBody(context.body, context.files, true);
  const input = (context.body ?? {}) as { username?: unknown; avatar_url?: unknown };
  const name = typeof input.username === 'string' ? input.username : (webhook.name ?? 'Captain Hook');
  checkName(name);
  // Webhook authors are pseudo-users: the webhook's id, the chosen name, discriminator 0000.
  const author = { ...makeUser(webhook.id, name, { bot: true }), discriminator: '0000' };
  const message = createMessage(world, channel, author, body, context.files, { webhookId: webhook.id });
  const wait = query.get('wait');
  return wait === 'true' || wait === 'True' || wait === '1' ? { status: 200, body: message } : { status: 204 };
}

/** A message a channel webhook sent (`/webhooks/{id}/{token}/messages/{message_id}`). */
export function webhookMessage(context: RouteContext, webhook: APIWebhook): APIMessage {
  const message = context.world.messages.findById(context.params.message_id as string);
  if (message === undefined || message.webhook_id !== webhook.id) throw DiscordHttpError.notFound(RESTJSONErrorCodes.UnknownMessage, 'Unknown Message');
  return message;
}

/** Edits a channel webhook's message; webhooks may edit their own messages only. */
export function editWebhookMessage(context: RouteContext, webhook: APIWebhook): RouteResult {
  const message = webhookMessage(context, webhook);
  const body = parseMessageBody(context.body, context.files, false);
  return { status: 200, body: editMessage(context.world, message, body, context.files, { ownerId: webhook.id }) };
}

/** Channel webhooks: create and list per channel; get, edit, delete by id; get by token. */
export const webhookRoutes: RouteDefinition[] = [
  {
    method: 'POST',
    path: '/channels/{channel_id}/webhooks',
    auth: 'bot',
    schema: { kind: 'object', fields: { name: { ...nameSchema, required: true }, avatar: { kind: 'string', nullable: true } } } as ValidationSchema,
    handle: (context) => {
      const { world, params, body } = context;
      const channel = accessibleChannel(world, params.channel_id as string, PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ManageWebhooks);
      if (channel.guild_id === undefined) throw DiscordHttpError.badRequest(RESTJSONErrorCodes.CannotExecuteActionOnDMChannel, 'Cannot execute action on a DM channel');
      const input = body as { name: string };
      checkName(input.name);
      if ([...world.webhooks.values()].filter((w) => w.channel_id === channel.id).length >= MAX_PER_CHANNEL) {
        throw DiscordHttpError.badRequest(RESTJSONErrorCodes.MaximumNumberOfWebhooksReached, `Maximum number of webhooks reached (${MAX_PER_CHANNEL})`);
      }
      const id = world.ids.next();
      const token = randomBytes(51).toString('base64url');
      const webhook: APIWebhook = {
        id,
        type: WebhookType.Incoming,
        guild_id: channel.guild_id,
        channel_id: channel.id,
        name: input.name,
        avatar: null,
        application_id: world.applicationId,
        user: world.botUser,
        token,
        url: `${world.httpBase}/api/webhooks/${id}/${token}`,
      };
      world.webhooks.set(id, webhook);
      announce(world, channel.id);
      audit(context, channel.guild_id, AuditLogEvent.WebhookCreate, id, { changes: [{ key: 'name', new_value: input.name }] });
      return { status: 200, body: webhook };
    },
  },
  {
    method: 'GET',
    path: '/channels/{channel_id}/webhooks',
    auth: 'bot',
    handle: ({ world, params }) => {
      const channel = accessibleChannel(world, params.channel_id as string, PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ManageWebhooks);
      return { status: 200, body: [...world.webhooks.values()].filter((w) => w.channel_id === channel.id) };
    },
  },
  {
    method: 'GET',
    path: '/webhooks/{webhook_id}',
    auth: 'bot',
    handle: ({ world, params }) => ({ status: 200, body: webhookOr404(world, params.webhook_id as string) }),
  },
  {
    method: 'PATCH',
    path: '/webhooks/{webhook_id}',
    auth: 'bot',
    schema: { kind: 'object', fields: { name: nameSchema, avatar: { kind: 'string', nullable: true }, channel_id: { kind: 'snowflake' } } },
    handle: (context) => {
      const { world, params, body } = context;
      const webhook = webhookOr404(world, params.webhook_id as string);
      accessibleChannel(world, channelIdOf(webhook), PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ManageWebhooks);
      const input = (body ?? {}) as { name?: string; channel_id?: string };
      checkName(input.name);
      if (input.name !== undefined) webhook.name = input.name;
      if (input.channel_id !== undefined) {
        const target = accessibleChannel(world, String(input.channel_id), PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ManageWebhooks);
        if (target.guild_id !== webhook.guild_id) throw DiscordHttpError.badRequest(RESTJSONErrorCodes.InvalidFormBodyOrContentType, 'Webhooks can only move within their guild');
        webhook.channel_id = target.id;
      }
      announce(world, channelIdOf(webhook));
      audit(context, webhook.guild_id ?? undefined, AuditLogEvent.WebhookUpdate, webhook.id);
      return { status: 200, body: webhook };
    },
  },
  {
    method: 'DELETE',
    path: '/webhooks/{webhook_id}',
    auth: 'bot',
    handle: (context) => {
      const { world, params } = context;
      const webhook = webhookOr404(world, params.webhook_id as string);
      accessibleChannel(world, channelIdOf(webhook), PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ManageWebhooks);
      world.webhooks.delete(webhook.id);
      audit(context, webhook.guild_id ?? undefined, AuditLogEvent.WebhookDelete, webhook.id);
      announce(world, channelIdOf(webhook));
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    path: '/webhooks/{webhook_id}/{webhook_token}',
    auth: 'none',
    handle: (context) => {
      const webhook = channelWebhook(context);
      if (webhook === undefined) throw DiscordHttpError.notFound(RESTJSONErrorCodes.UnknownWebhook, 'Unknown Webhook');
      return { status: 200, body: withoutUser(webhook) };
    },
  },
];
