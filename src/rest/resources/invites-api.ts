import {
  Routes,
  type RESTDeleteAPIInviteResult,
  type RESTGetAPIChannelInvitesResult,
  type RESTGetAPIGuildInvitesResult,
  type RESTGetAPIInviteResult,
  type RESTPostAPIChannelInviteJSONBody,
  type RESTPostAPIChannelInviteResult,
} from 'discord-api-types/v10';
import { RestUsageError } from '../errors/rest-usage-error';
import { pass, type CallOptions, type ReasonOptions, type RestCaller } from './rest-caller';

/** Options of `rest.invites.get`. */
export interface GetInviteOptions extends CallOptions {
  /** Adds `approximate_member_count` and `approximate_presence_count`. */
  withCounts?: boolean;
  /** Adds the guild scheduled event with this id as `guild_scheduled_event`. */
  guildScheduledEventId?: string;
}

/**
 * Invite calls: create one on a channel, list a channel's or a guild's, look one up by code, revoke.
 *
 * @example
 * ```ts
 * const invite = await rest.invites.create(channelId, { max_uses: 1, unique: true }, { reason: 'onboarding' });
 * const seen = await rest.invites.get(invite.code, { withCounts: true });
 * console.log(seen.approximate_member_count);
 * ```
 */
export class InvitesApi {
  public constructor(private readonly rest: RestCaller) {}

  /** Creates an invite to a guild channel (needs CREATE_INSTANT_INVITE); Discord returns an equal live one unless `unique`. */
  public create(channelId: string, body: RESTPostAPIChannelInviteJSONBody = {}, options?: ReasonOptions): Promise<RESTPostAPIChannelInviteResult> {
    return this.rest.request('POST', Routes.channelInvites(channelId), pass(options, { body }));
  }

  /** The channel's live invites with their metadata (needs MANAGE_CHANNELS). */
  public channelInvites(channelId: string, options?: CallOptions): Promise<RESTGetAPIChannelInvitesResult> {
    return this.rest.request('GET', Routes.channelInvites(channelId), pass(options));
  }

  /** Every live invite of the guild with its metadata (needs MANAGE_GUILD). */
  public guildInvites(guildId: string, options?: CallOptions): Promise<RESTGetAPIGuildInvitesResult> {
    return this.rest.request('GET', Routes.guildInvites(guildId), pass(options));
  }

  /**
   * Looks an invite up by its code (`abc` of `discord.gg/abc`).
   *
   * @example
   * ```ts
   * const invite = await rest.invites.get('abc', { withCounts: true });
   * ```
   */
  public async get(code: string, options: GetInviteOptions = {}): Promise<RESTGetAPIInviteResult> {
    const { withCounts, guildScheduledEventId, ...call } = options;
    const query = { with_counts: withCounts, guild_scheduled_event_id: guildScheduledEventId };
    return await this.rest.request('GET', Routes.invite(codePath(code)), pass(call, { query }));
  }

  /** Revokes an invite (MANAGE_CHANNELS on its channel or MANAGE_GUILD) and returns it. */
  public async delete(code: string, options?: ReasonOptions): Promise<RESTDeleteAPIInviteResult> {
    return await this.rest.request('DELETE', Routes.invite(codePath(code)), pass(options));
  }
}

/**
 * Invite codes often come from what users typed, so a blank one is refused here rather than sent as
 * `/invites/`. Routes itself percent-encodes a code with `/` or other unsafe characters, and the
 * client refuses a bare `..`, so `../guilds/1` cannot reach another route.
 */
function codePath(code: string): string {
  if (typeof code !== 'string' || code.trim() === '') {
    throw new RestUsageError('OVEN_ERR_REST_BAD_OPTION', `An invite code must be a non-empty string (the "abc" of discord.gg/abc), got ${JSON.stringify(code)}.`);
  }
  return code;
}
