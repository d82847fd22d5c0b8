import {
  Routes,
  type APIBan,
  type APIGuildMember,
  type RESTGetAPIGuildBansResult,
  type RESTGetAPIGuildChannelsResult,
  type RESTGetAPIGuildMemberResult,
  type RESTGetAPIGuildMembersResult,
  type RESTGetAPIGuildResult,
  type RESTGetAPIGuildRolesResult,
  type RESTPostAPIGuildChannelJSONBody,
  type RESTPostAPIGuildChannelResult,
  type RESTPutAPIGuildBanJSONBody,
} from 'discord-api-types/v10';
import { paginate, type PaginateOptions } from '../pagination/paginate';
import { withLimit } from './channels-api';
import { pass, type CallOptions, type ReasonOptions, type RestCaller } from './rest-caller';

/**
 * Guild, member, role and ban calls.
 *
 * @example
 * ```ts
 * const guild = await rest.guilds.get(guildId, { withCounts: true });
 * await rest.guilds.ban(guildId, userId, { delete_message_seconds: 3600 }, { reason: 'spam' });
 * ```
 */
export class GuildsApi {
  public constructor(private readonly rest: RestCaller) {}

  public get(guildId: string, options: CallOptions & { withCounts?: boolean } = {}): Promise<RESTGetAPIGuildResult> {
    const { withCounts, ...call } = options;
    return this.rest.request('GET', Routes.guild(guildId), pass(call, withCounts === undefined ? {} : { query: { with_counts: withCounts } }));
  }

  public channels(guildId: string, options?: CallOptions): Promise<RESTGetAPIGuildChannelsResult> {
    return this.rest.request('GET', Routes.guildChannels(guildId), pass(options));
  }

  public createChannel(guildId: string, body: RESTPostAPIGuildChannelJSONBody, options?: ReasonOptions): Promise<RESTPostAPIGuildChannelResult> {
    return this.rest.request('POST', Routes.guildChannels(guildId), pass(options, { body }));
  }

  public member(guildId: string, userId: string, options?: CallOptions): Promise<RESTGetAPIGuildMemberResult> {
    return this.rest.request('GET', Routes.guildMember(guildId, userId), pass(options));
  }

  /** One page of members (at most 1000) ordered by user id; see `iterateMembers`. */
  public members(guildId: string, query: { after?: string; limit?: number } = {}, options?: CallOptions): Promise<RESTGetAPIGuildMembersResult> {
    return this.rest.request('GET', Routes.guildMembers(guildId), pass(options, { query: { ...query } }));
  }

  /** Removes a member from the guild. */
  public async kick(guildId: string, userId: string, options?: ReasonOptions): Promise<void> {
    await this.rest.request('DELETE', Routes.guildMember(guildId, userId), pass(options));
  }

  public async addMemberRole(guildId: string, userId: string, roleId: string, options?: ReasonOptions): Promise<void> {
    await this.rest.request('PUT', Routes.guildMemberRole(guildId, userId, roleId), pass(options));
  }

  public async removeMemberRole(guildId: string, userId: string, roleId: string, options?: ReasonOptions): Promise<void> {
    await this.rest.request('DELETE', Routes.guildMemberRole(guildId, userId, roleId), pass(options));
  }

  public roles(guildId: string, options?: CallOptions): Promise<RESTGetAPIGuildRolesResult> {
    return this.rest.request('GET', Routes.guildRoles(guildId), pass(options));
  }

  public async ban(guildId: string, userId: string, body: RESTPutAPIGuildBanJSONBody = {}, options?: ReasonOptions): Promise<void> {
    await this.rest.request('PUT', Routes.guildBan(guildId, userId), pass(options, { body }));
  }

  public async unban(guildId: string, userId: string, options?: ReasonOptions): Promise<void> {
    await this.rest.request('DELETE', Routes.guildBan(guildId, userId), pass(options));
  }

  /** One page of bans (at most 1000) ordered by user id; see `iterateBans`. */
  public bans(guildId: string, query: { after?: string; before?: string; limit?: number } = {}, options?: CallOptions): Promise<RESTGetAPIGuildBansResult> {
    return this.rest.request('GET', Routes.guildBans(guildId), pass(options, { query: { ...query } }));
  }

  /**
   * Walks every member lazily, 1000 per request (needs the GUILD_MEMBERS intent on the bot).
   *
   * @example
   * ```ts
   * for await (const member of rest.guilds.iterateMembers(guildId)) if (member.user.bot) bots += 1;
   * ```
   */
  public iterateMembers(guildId: string, options: PaginateOptions & CallOptions = {}): AsyncGenerator<APIGuildMember, void, undefined> {
    const { limit, pageSize, ...call } = options;
    return paginate<APIGuildMember>(
      {
        name: 'iterateMembers',
        direction: 'after',
        maxPageSize: 1000,
        start: undefined,
        idOf: (member) => member.user.id,
        fetch: (cursor, size) => this.members(guildId, cursor === undefined ? { limit: size } : { limit: size, after: cursor }, call),
      },
      withLimit(limit, pageSize),
    );
  }

  /** Walks every ban lazily, 1000 per request, oldest user id first. */
  public iterateBans(guildId: string, options: PaginateOptions & CallOptions = {}): AsyncGenerator<APIBan, void, undefined> {
    const { limit, pageSize, ...call } = options;
    return paginate<APIBan>(
      {
        name: 'iterateBans',
        direction: 'after',
        maxPageSize: 1000,
        start: undefined,
        idOf: (ban) => ban.user.id,
        fetch: (cursor, size) => this.bans(guildId, cursor === undefined ? { limit: size } : { limit: size, after: cursor }, call),
      },
      withLimit(limit, pageSize),
    );
  }
}
