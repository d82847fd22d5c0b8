import {
  Routes,
  type APIThreadMember,
  type RESTGetAPIChannelThreadMemberResult,
  type RESTGetAPIChannelThreadMembersQuery,
  type RESTGetAPIChannelThreadMembersResult,
} from 'discord-api-types/v10';
import { paginate, type PaginateOptions } from '../pagination/paginate';
import { withLimit } from './channels-api';
import { pass, type CallOptions, type RestCaller } from './rest-caller';

/**
 * Thread membership: the bot joins or leaves, adds or removes others, and lists who is in a thread.
 *
 * @example
 * ```ts
 * await rest.threads.join(threadId);
 * await rest.threads.addMember(threadId, userId);
 * const members = await rest.threads.members(threadId, { with_member: true });
 * ```
 */
export class ThreadsApi {
  public constructor(private readonly rest: RestCaller) {}

  /** The bot joins the thread (private threads it was not invited to need MANAGE_THREADS). */
  public async join(threadId: string, options?: CallOptions): Promise<void> {
    await this.rest.request('PUT', Routes.threadMembers(threadId, '@me'), pass(options));
  }

  public async leave(threadId: string, options?: CallOptions): Promise<void> {
    await this.rest.request('DELETE', Routes.threadMembers(threadId, '@me'), pass(options));
  }

  /** Adds a member of the guild to the thread (the bot must be able to send messages in it). */
  public async addMember(threadId: string, userId: string, options?: CallOptions): Promise<void> {
    await this.rest.request('PUT', Routes.threadMembers(threadId, userId), pass(options));
  }

  /** Removes someone from the thread (MANAGE_THREADS, or the bot's own private thread). */
  public async removeMember(threadId: string, userId: string, options?: CallOptions): Promise<void> {
    await this.rest.request('DELETE', Routes.threadMembers(threadId, userId), pass(options));
  }

  /** One thread member; `withMember` adds their guild member as `member`. */
  public member(threadId: string, userId: string, options: CallOptions & { withMember?: boolean } = {}): Promise<RESTGetAPIChannelThreadMemberResult> {
    const { withMember, ...call } = options;
    return this.rest.request('GET', Routes.threadMembers(threadId, userId), pass(call, { query: { with_member: withMember } }));
  }

  /**
   * One page of members (at most 100) ordered by user id; see `iterateMembers`. Needs the
   * GUILD_MEMBERS intent enabled for the application.
   */
  public members(threadId: string, query: RESTGetAPIChannelThreadMembersQuery = {}, options?: CallOptions): Promise<RESTGetAPIChannelThreadMembersResult> {
    return this.rest.request('GET', Routes.threadMembers(threadId), pass(options, { query: { ...query } }));
  }

  /**
   * Walks a thread's members lazily, 100 per request, oldest user id first.
   *
   * @example
   * ```ts
   * for await (const member of rest.threads.iterateMembers(threadId, { withMember: true })) console.log(member.member?.nick);
   * ```
   */
  public iterateMembers(threadId: string, options: PaginateOptions & CallOptions & { withMember?: boolean } = {}): AsyncGenerator<APIThreadMember, void, undefined> {
    const { limit, pageSize, withMember, ...call } = options;
    return paginate<APIThreadMember>(
      {
        name: 'iterateMembers',
        direction: 'after',
        maxPageSize: 100,
        start: undefined,
        idOf: threadMemberId,
        fetch: (cursor, size) =>
          this.members(threadId, { limit: size, ...(cursor === undefined ? {} : { after: cursor }), ...(withMember === undefined ? {} : { with_member: withMember }) }, call),
      },
      withLimit(limit, pageSize),
    );
  }
}

/**
 * `user_id` is optional in the type only because the gateway's own-member object omits it; the
 * list route always sends it, and `member.user.id` covers a payload that somehow lacks it.
 */
function threadMemberId(member: APIThreadMember): string {
  return member.user_id ?? member.member?.user.id ?? '';
}
