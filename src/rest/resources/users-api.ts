import {
  Routes,
  type RESTAPIPartialCurrentUserGuild,
  type RESTGetAPICurrentUserGuildsResult,
  type RESTGetAPICurrentUserResult,
  type RESTGetAPIUserResult,
  type RESTPostAPICurrentUserCreateDMChannelResult,
} from 'discord-api-types/v10';
import { paginate, type PaginateOptions } from '../pagination/paginate';
import { withLimit } from './channels-api';
import { pass, type CallOptions, type RestCaller } from './rest-caller';

/**
 * The bot's own user, other users, DMs and the bot's guild list.
 *
 * @example
 * ```ts
 * const me = await rest.users.me();
 * const dm = await rest.users.createDM(userId);
 * ```
 */
export class UsersApi {
  public constructor(private readonly rest: RestCaller) {}

  public me(options?: CallOptions): Promise<RESTGetAPICurrentUserResult> {
    return this.rest.request('GET', Routes.user(), pass(options));
  }

  public get(userId: string, options?: CallOptions): Promise<RESTGetAPIUserResult> {
    return this.rest.request('GET', Routes.user(userId), pass(options));
  }

  /** Opens (or returns) the DM channel with a user. */
  public createDM(recipientId: string, options?: CallOptions): Promise<RESTPostAPICurrentUserCreateDMChannelResult> {
    return this.rest.request('POST', Routes.userChannels(), pass(options, { body: { recipient_id: recipientId } }));
  }

  /** One page of the bot's guilds (at most 200); see `iterateGuilds`. */
  public guilds(query: { after?: string; before?: string; limit?: number; with_counts?: boolean } = {}, options?: CallOptions): Promise<RESTGetAPICurrentUserGuildsResult> {
    return this.rest.request('GET', Routes.userGuilds(), pass(options, { query: { ...query } }));
  }

  /**
   * Walks every guild the bot is in, 200 per request.
   *
   * @example
   * ```ts
   * for await (const guild of rest.users.iterateGuilds()) console.log(guild.name);
   * ```
   */
  public iterateGuilds(options: PaginateOptions & CallOptions = {}): AsyncGenerator<RESTAPIPartialCurrentUserGuild, void, undefined> {
    const { limit, pageSize, ...call } = options;
    return paginate<RESTAPIPartialCurrentUserGuild>(
      {
        name: 'iterateGuilds',
        direction: 'after',
        maxPageSize: 200,
        start: undefined,
        idOf: (guild) => guild.id,
        fetch: (cursor, size) => this.guilds(cursor === undefined ? { limit: size } : { limit: size, after: cursor }, call),
      },
      withLimit(limit, pageSize),
    );
  }
}
