import { OvenError } from '../errors';

/** Why `client.requestGuildMembers` failed; each is the `code` of a {@link GuildMembersRequestError}. */
export type GuildMembersErrorCode =
  /** The options are contradictory or out of range; nothing was sent. */
  | 'OVEN_ERR_CLIENT_MEMBERS_INVALID_OPTIONS'
  /** The client's intents lack GUILD_MEMBERS (full list) or GUILD_PRESENCES (presences); nothing was sent. */
  | 'OVEN_ERR_CLIENT_MEMBERS_MISSING_INTENT'
  /** The guild's shard is not run by this process (or the client is not logged in); nothing was sent. */
  | 'OVEN_ERR_CLIENT_MEMBERS_SHARD_NOT_RUNNING'
  /** The guild's shard exists but is not ready (connecting, resuming, closed); nothing was sent. */
  | 'OVEN_ERR_CLIENT_MEMBERS_SHARD_NOT_READY'
  /** No chunk arrived within `timeoutMs` of the request or of the previous chunk. */
  | 'OVEN_ERR_CLIENT_MEMBERS_TIMEOUT'
  /** The caller's `signal` aborted the request. */
  | 'OVEN_ERR_CLIENT_MEMBERS_ABORTED'
  /** The shard reconnected or the client was destroyed while chunks were pending: they will not come. */
  | 'OVEN_ERR_CLIENT_MEMBERS_INTERRUPTED'
  /** Discord answered with a RATE_LIMITED dispatch for this request (see {@link GuildMembersRateLimitedError}). */
  | 'OVEN_ERR_CLIENT_MEMBERS_RATE_LIMITED';

/**
 * `client.requestGuildMembers` failed; `code` says why, `guildId` and `shardId` say where.
 *
 * @example
 * ```ts
 * try {
 *   await client.requestGuildMembers(guildId, { query: 'al', limit: 10 });
 * } catch (error) {
 *   if (error instanceof GuildMembersRequestError && error.code === 'OVEN_ERR_CLIENT_MEMBERS_TIMEOUT') console.warn(error.message);
 * }
 * ```
 */
export class GuildMembersRequestError extends OvenError {
  public declare readonly code: GuildMembersErrorCode;

  public constructor(
    code: GuildMembersErrorCode,
    message: string,
    /** The guild the members were requested for, as given. */
    public readonly guildId: string,
    /** The shard the request was (or would have been) sent on, when known. */
    public readonly shardId: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}

/**
 * Discord refused the request with a RATE_LIMITED dispatch (a full member list is allowed once
 * per guild per 30 s). Retry after `retryAfterMs`.
 *
 * @example
 * ```ts
 * try {
 *   await client.requestGuildMembers(guildId, { query: '' });
 * } catch (error) {
 *   if (error instanceof GuildMembersRateLimitedError) await new Promise((r) => setTimeout(r, error.retryAfterMs));
 * }
 * ```
 */
export class GuildMembersRateLimitedError extends GuildMembersRequestError {
  public constructor(
    guildId: string,
    shardId: number,
    /** How long Discord asks to wait before asking again, in ms (its `retry_after` is in seconds). */
    public readonly retryAfterMs: number,
  ) {
    super(
      'OVEN_ERR_CLIENT_MEMBERS_RATE_LIMITED',
      `Requesting the members of guild ${guildId} (shard ${shardId}) was rate limited by Discord: retry after ${retryAfterMs} ms. A full member list (query '') is allowed once per guild every 30 s; cache the result or request by query or userIds.`,
      guildId,
      shardId,
    );
  }
}
