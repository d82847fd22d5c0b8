import { MessageFlags, MessageType, RESTJSONErrorCodes, type APIMessage, type APIUser } from 'discord-api-types/v10';
import type { StoredChannel } from '../world/stored-channel';
import type { UploadedFile } from '../world/uploaded-file';
import type { World } from '../world/world';
import { DiscordHttpError } from './discord-http-error';
import { buildAttachments } from './attachments';
import { normalizeEmbed, type MessageBody } from './message-body';
import { parseMentions } from './mentions';

/** Extra fields of messages created by interaction responses and webhooks. */
export interface MessageOrigin {
  readonly webhookId?: string;
  readonly type?: MessageType;
  readonly extra?: Partial<APIMessage>;
  /** Store and announce it (false for ephemeral interaction messages, which only the user sees). */
  readonly public?: boolean;
}

/** Builds, stores and announces a message from a validated body, as `POST /channels/{id}/messages` does. */
export function createMessage(world: World, channel: StoredChannel, author: APIUser, body: MessageBody, files: readonly UploadedFile[], origin: MessageOrigin = {}): APIMessage {
  const guildId = channel.guild_id ?? null;
  let reference: APIMessage['message_reference'];
  let referenced: APIMessage | undefined;
  if (body.message_reference?.message_id !== undefined) {
    referenced = world.messages.get(body.message_reference.channel_id ?? channel.id, body.message_reference.message_id);
    if (referenced === undefined && body.message_reference.fail_if_not_exists !== false) {
      throw DiscordHttpError.invalidForm({ message_reference: { _errors: [{ code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', message: 'Unknown message' }] } });
    }
    if (referenced !== undefined) {
      reference = { type: 0, message_id: referenced.id, channel_id: referenced.channel_id, ...(guildId === null ? {} : { guild_id: guildId }) };
    }
  }
  const { attachments, stored } = buildAttachments(world, channel.id, body, files);
  const content = body.content ?? '';
  const message: APIMessage = {
    id: world.ids.next(),
    channel_id: channel.id,
    author,
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: body.tts === true,
    ...parseMentions(world, guildId, content),
    attachments,
    embeds: (body.embeds ?? []).map(normalizeEmbed),
    pinned: false,
    type: origin.type ?? (referenced === undefined ? MessageType.Default : MessageType.Reply),
    flags: ((body.flags ?? 0) & (MessageFlags.SuppressEmbeds | MessageFlags.SuppressNotifications | MessageFlags.IsComponentsV2 | MessageFlags.Ephemeral)) as MessageFlags,
    components: (body.components ?? []) as NonNullable<APIMessage['components']>,
  };
  if (body.nonce !== undefined) message.nonce = body.nonce;
  if (origin.webhookId !== undefined) {
    message.webhook_id = origin.webhookId;
    message.application_id = world.applicationId;
  }
  if (reference !== undefined) message.message_reference = reference;
  if (referenced !== undefined) message.referenced_message = referenced;
  if (origin.extra !== undefined) Object.assign(message, origin.extra);
  if (origin.public === false) {
    world.messages.setFiles(message.id, stored);
    return message;
  }
  return world.addMessage(message, stored);
}

/**
 * Applies an edit to a message its editor owns (others are 403 / 50005), then MESSAGE_UPDATE unless
 * `announce` is false (ephemeral messages). The editor is the bot unless `ownerId` names a webhook.
 */
export function editMessage(world: World, message: APIMessage, body: MessageBody, files: readonly UploadedFile[], options: { announce?: boolean; ownerId?: string } = {}): APIMessage {
  if (message.author.id !== (options.ownerId ?? world.botUser.id)) {
    throw DiscordHttpError.forbidden(RESTJSONErrorCodes.CannotEditMessageAuthoredByAnotherUser, 'Cannot edit a message authored by another user');
  }
  const guildId = world.channels.get(message.channel_id)?.guild_id ?? null;
  if (body.content !== undefined) {
    message.content = body.content;
    Object.assign(message, parseMentions(world, guildId, body.content));
  }
  if (body.embeds !== undefined) message.embeds = body.embeds.map(normalizeEmbed);
  if (body.components !== undefined) message.components = body.components as NonNullable<APIMessage['components']>;
  if (body.flags !== undefined) message.flags = (((message.flags ?? 0) & ~MessageFlags.SuppressEmbeds) | (body.flags & MessageFlags.SuppressEmbeds)) as MessageFlags;
  if (body.attachments !== undefined || files.length > 0) {
    // On PATCH only listed attachments survive; new files are added.
    const keepList = body.attachments ?? message.attachments.map((a) => ({ id: a.id }));
    const { attachments, stored } = buildAttachments(world, message.channel_id, { ...body, attachments: keepList }, files, message.attachments);
    message.attachments = attachments;
    if (stored.length > 0) world.messages.setFiles(message.id, [...world.messages.files(message.id), ...stored]);
  }
  message.edited_timestamp = new Date().toISOString();
  if (options.announce !== false) world.announceMessageUpdate(message);
  return message;
}
