import {
  Routes,
  type APIMessage,
  type APIUser,
  type RESTGetAPIChannelMessageReactionUsersResult,
  type RESTGetAPIChannelMessageResult,
  type RESTGetAPIChannelMessagesQuery,
  type RESTGetAPIChannelMessagesResult,
  type RESTGetAPIChannelResult,
  type RESTPatchAPIChannelJSONBody,
  type RESTPatchAPIChannelMessageJSONBody,
  type RESTPatchAPIChannelMessageResult,
  type RESTPatchAPIChannelResult,
  type RESTPostAPIChannelMessageJSONBody,
  type RESTPostAPIChannelMessageResult,
} from 'discord-api-types/v10';
import { paginate, type PaginateOptions } from '../pagination/paginate';
import { pass, type CallOptions, type FileOptions, type ReasonOptions, type RestCaller } from './rest-caller';

/** Where a message walk starts: before an id (newest first, the default) or after one (oldest first). */
export type MessageCursor = { before?: string; after?: never } | { after: string; before?: never };

/**
 * Channel and message calls.
 *
 * @example
 * ```ts
 * const message = await rest.channels.createMessage(channelId, { content: 'hello' });
 * await rest.channels.editMessage(channelId, message.id, { content: 'hello again' });
 * ```
 */
export class ChannelsApi {
  public constructor(private readonly rest: RestCaller) {}

  public get(channelId: string, options?: CallOptions): Promise<RESTGetAPIChannelResult> {
    return this.rest.request('GET', Routes.channel(channelId), pass(options));
  }

  public edit(channelId: string, body: RESTPatchAPIChannelJSONBody, options?: ReasonOptions): Promise<RESTPatchAPIChannelResult> {
    return this.rest.request('PATCH', Routes.channel(channelId), pass(options, { body }));
  }

  /** One page of messages (at most 100); see `iterateMessages` to walk the history. */
  public messages(channelId: string, query: RESTGetAPIChannelMessagesQuery = {}, options?: CallOptions): Promise<RESTGetAPIChannelMessagesResult> {
    return this.rest.request('GET', Routes.channelMessages(channelId), pass(options, { query: { ...query } }));
  }

  public getMessage(channelId: string, messageId: string, options?: CallOptions): Promise<RESTGetAPIChannelMessageResult> {
    return this.rest.request('GET', Routes.channelMessage(channelId, messageId), pass(options));
  }

  /** Sends a message; with `files`, the body goes as `payload_json` and the files as `files[n]`. */
  public createMessage(channelId: string, body: RESTPostAPIChannelMessageJSONBody, options?: FileOptions): Promise<RESTPostAPIChannelMessageResult> {
    return this.rest.request('POST', Routes.channelMessages(channelId), pass(options, { body }));
  }

  public editMessage(
    channelId: string,
    messageId: string,
    body: RESTPatchAPIChannelMessageJSONBody,
    options?: FileOptions,
  ): Promise<RESTPatchAPIChannelMessageResult> {
    return this.rest.request('PATCH', Routes.channelMessage(channelId, messageId), pass(options, { body }));
  }

  public async deleteMessage(channelId: string, messageId: string, options?: ReasonOptions): Promise<void> {
    await this.rest.request('DELETE', Routes.channelMessage(channelId, messageId), pass(options));
  }

  /** Reacts as the bot; `emoji` is a unicode emoji or `name:id` for a custom one (encoded here). */
  public async addReaction(channelId: string, messageId: string, emoji: string, options?: CallOptions): Promise<void> {
    await this.rest.request('PUT', Routes.channelMessageOwnReaction(channelId, messageId, encodeURIComponent(emoji)), pass(options));
  }

  /** One page of users who reacted with `emoji`. */
  public reactions(
    channelId: string,
    messageId: string,
    emoji: string,
    query: { after?: string; limit?: number } = {},
    options?: CallOptions,
  ): Promise<RESTGetAPIChannelMessageReactionUsersResult> {
    return this.rest.request(
      'GET',
      Routes.channelMessageReaction(channelId, messageId, encodeURIComponent(emoji)),
      pass(options, { query: { ...query } }),
    );
  }

  /**
   * Walks the message history lazily, 100 per request: newest first by default or from `before`,
   * oldest first from `after`.
   *
   * @example
   * ```ts
   * for await (const message of rest.channels.iterateMessages(channelId, { after: '0', limit: 500 })) archive(message);
   * ```
   */
  public iterateMessages(channelId: string, options: PaginateOptions & MessageCursor & CallOptions = {}): AsyncGenerator<APIMessage, void, undefined> {
    const direction = options.after !== undefined ? 'after' : 'before';
    const { limit, pageSize, before, after, ...call } = options;
    return paginate<APIMessage>(
      {
        name: 'iterateMessages',
        direction,
        maxPageSize: 100,
        start: after ?? before,
        idOf: (message) => message.id,
        fetch: (cursor, size) =>
          this.messages(channelId, cursor === undefined ? { limit: size } : { limit: size, [direction]: cursor }, call),
      },
      withLimit(limit, pageSize),
    );
  }

  /** Walks the users who reacted with `emoji`, oldest user id first. */
  public iterateReactions(
    channelId: string,
    messageId: string,
    emoji: string,
    options: PaginateOptions & CallOptions = {},
  ): AsyncGenerator<APIUser, void, undefined> {
    const { limit, pageSize, ...call } = options;
    return paginate<APIUser>(
      {
        name: 'iterateReactions',
        direction: 'after',
        maxPageSize: 100,
        start: undefined,
        idOf: (user) => user.id,
        fetch: (cursor, size) =>
          this.reactions(channelId, messageId, emoji, cursor === undefined ? { limit: size } : { limit: size, after: cursor }, call),
      },
      withLimit(limit, pageSize),
    );
  }
}

/** Builds PaginateOptions without undefined properties (exactOptionalPropertyTypes). */
export function withLimit(limit: number | undefined, pageSize: number | undefined): PaginateOptions {
  const options: PaginateOptions = {};
  if (limit !== undefined) options.limit = limit;
  if (pageSize !== undefined) options.pageSize = pageSize;
  return options;
}
