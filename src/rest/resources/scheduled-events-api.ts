import {
  Routes,
  type APIGuildScheduledEventUser,
  type RESTGetAPIGuildScheduledEventResult,
  type RESTGetAPIGuildScheduledEventsResult,
  type RESTGetAPIGuildScheduledEventUsersQuery,
  type RESTGetAPIGuildScheduledEventUsersResult,
  type RESTPatchAPIGuildScheduledEventJSONBody,
  type RESTPatchAPIGuildScheduledEventResult,
  type RESTPostAPIGuildScheduledEventJSONBody,
  type RESTPostAPIGuildScheduledEventResult,
} from 'discord-api-types/v10';
import { paginate, type PaginateOptions } from '../pagination/paginate';
import { withLimit } from './channels-api';
import { pass, type CallOptions, type ReasonOptions, type RestCaller } from './rest-caller';

/** Options of the scheduled-event reads that can count interested users. */
export interface ScheduledEventReadOptions extends CallOptions {
  /** Adds `user_count` (members who marked interest). */
  withUserCount?: boolean;
}

/**
 * Guild scheduled events: list, get, create, edit (including status moves), delete, and who is interested.
 *
 * @example
 * ```ts
 * const event = await rest.scheduledEvents.create(guildId, {
 *   name: 'Game night',
 *   privacy_level: GuildScheduledEventPrivacyLevel.GuildOnly,
 *   entity_type: GuildScheduledEventEntityType.External,
 *   scheduled_start_time: new Date(Date.now() + 3_600_000).toISOString(),
 *   scheduled_end_time: new Date(Date.now() + 7_200_000).toISOString(),
 *   entity_metadata: { location: 'Online' },
 * });
 * for await (const interested of rest.scheduledEvents.iterateUsers(guildId, event.id)) console.log(interested.user.username);
 * ```
 */
export class ScheduledEventsApi {
  public constructor(private readonly rest: RestCaller) {}

  public list(guildId: string, options: ScheduledEventReadOptions = {}): Promise<RESTGetAPIGuildScheduledEventsResult> {
    const { withUserCount, ...call } = options;
    return this.rest.request('GET', Routes.guildScheduledEvents(guildId), pass(call, { query: { with_user_count: withUserCount } }));
  }

  public get(guildId: string, eventId: string, options: ScheduledEventReadOptions = {}): Promise<RESTGetAPIGuildScheduledEventResult> {
    const { withUserCount, ...call } = options;
    return this.rest.request('GET', Routes.guildScheduledEvent(guildId, eventId), pass(call, { query: { with_user_count: withUserCount } }));
  }

  /** Creates an event (needs CREATE_EVENTS); external ones need `entity_metadata.location` and an end. */
  public create(guildId: string, body: RESTPostAPIGuildScheduledEventJSONBody, options?: ReasonOptions): Promise<RESTPostAPIGuildScheduledEventResult> {
    return this.rest.request('POST', Routes.guildScheduledEvents(guildId), pass(options, { body }));
  }

  /** Edits an event; `status` starts, completes or cancels it (Discord allows scheduled to active or canceled, active to completed). */
  public edit(
    guildId: string,
    eventId: string,
    body: RESTPatchAPIGuildScheduledEventJSONBody,
    options?: ReasonOptions,
  ): Promise<RESTPatchAPIGuildScheduledEventResult> {
    return this.rest.request('PATCH', Routes.guildScheduledEvent(guildId, eventId), pass(options, { body }));
  }

  public async delete(guildId: string, eventId: string, options?: CallOptions): Promise<void> {
    await this.rest.request('DELETE', Routes.guildScheduledEvent(guildId, eventId), pass(options));
  }

  /** One page of interested users (at most 100) ordered by user id; see `iterateUsers`. */
  public users(
    guildId: string,
    eventId: string,
    query: RESTGetAPIGuildScheduledEventUsersQuery = {},
    options?: CallOptions,
  ): Promise<RESTGetAPIGuildScheduledEventUsersResult> {
    return this.rest.request('GET', Routes.guildScheduledEventUsers(guildId, eventId), pass(options, { query: { ...query } }));
  }

  /** Walks the interested users lazily, 100 per request, oldest user id first. */
  public iterateUsers(
    guildId: string,
    eventId: string,
    options: PaginateOptions & CallOptions & { withMember?: boolean } = {},
  ): AsyncGenerator<APIGuildScheduledEventUser, void, undefined> {
    const { limit, pageSize, withMember, ...call } = options;
    return paginate<APIGuildScheduledEventUser>(
      {
        name: 'iterateUsers',
        direction: 'after',
        maxPageSize: 100,
        start: undefined,
        idOf: (entry) => entry.user.id,
        fetch: (cursor, size) =>
          this.users(guildId, eventId, { limit: size, ...(cursor === undefined ? {} : { after: cursor }), ...(withMember === undefined ? {} : { with_member: withMember }) }, call),
      },
      withLimit(limit, pageSize),
    );
  }
}
