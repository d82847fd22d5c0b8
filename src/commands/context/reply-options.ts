import type {
  APIActionRowComponent,
  APIComponentInMessageActionRow,
  APIEmbed,
  APIInteractionResponseCallbackData,
  APIMessageTopLevelComponent,
} from 'discord-api-types/v10';
import { MessageFlags } from 'discord-api-types/v10';
import { BuilderLimitError, COMPONENT_LIMITS, validateComponents, validateEmbeds } from '../../builders';
import type { MessageFile } from '../rest/commands-rest';

/** Anything with a `toJSON()`, such as the builders in `ovenjs` builders. */
export interface JSONEncodable<T> {
  toJSON(): T;
}

/**
 * What `reply`, `editReply`, `followUp` and `update` take: a string, or message fields with
 * `ephemeral` as a plain flag and builders accepted where Discord wants JSON.
 */
export type ReplyOptions =
  | string
  | (Omit<APIInteractionResponseCallbackData, 'embeds' | 'components'> & {
      /** Only the invoking user sees the message. */
      ephemeral?: boolean;
      embeds?: (APIEmbed | JSONEncodable<APIEmbed>)[];
      components?: (APIMessageTopLevelComponent | JSONEncodable<APIActionRowComponent<APIComponentInMessageActionRow>>)[];
      /** Files to upload with the message (Discord's default limit: 10 MiB each, 10 files). */
      files?: MessageFile[];
    });

function toJSON<T>(value: T | JSONEncodable<T>): T {
  return typeof value === 'object' && value !== null && 'toJSON' in value && typeof value.toJSON === 'function' ? value.toJSON() : (value as T);
}

/** The files of reply options (none for a plain string). */
export function messageFiles(options: ReplyOptions): MessageFile[] | undefined {
  if (typeof options === 'string' || options.files === undefined) return undefined;
  if (options.files.length > 10) {
    throw new BuilderLimitError('message.files', 'files', `has ${options.files.length} files; Discord allows 10 per message.`);
  }
  return options.files;
}

/**
 * Message JSON for Discord from reply options, checked against Discord's limits (content 2000,
 * embeds, components) so that a mistake is a typed error here instead of a 50035 later.
 */
export function messageData(options: ReplyOptions): APIInteractionResponseCallbackData {
  if (typeof options === 'string') options = { content: options };
  const { ephemeral, embeds, components, files: _files, ...rest } = options;
  const data: APIInteractionResponseCallbackData = { ...rest };
  if (data.content !== undefined && data.content.length > COMPONENT_LIMITS.messageContent) {
    throw new BuilderLimitError('message.content', 'content', `is ${data.content.length} characters; Discord allows ${COMPONENT_LIMITS.messageContent}. Send a file or an embed instead.`);
  }
  if (embeds !== undefined) {
    data.embeds = embeds.map((e) => toJSON(e));
    validateEmbeds(data.embeds);
  }
  if (components !== undefined) {
    data.components = components.map((c) => toJSON(c as APIMessageTopLevelComponent));
    validateComponents(data.components);
  }
  if (ephemeral === true) data.flags = (Number(data.flags ?? 0) | MessageFlags.Ephemeral) as APIInteractionResponseCallbackData['flags'];
  return data;
}
