import { GatewayIntentBits, type GatewayRequestGuildMembersData } from 'discord-api-types/v10';
import type { Snowflake } from 'discord-api-types/globals';
import { isSnowflake } from '../snowflake';
import { GuildMembersRequestError } from './guild-members-error';

/** Discord answers at most 100 members for a prefix query or a list of user ids. */
export const MAX_GUILD_MEMBERS_USER_IDS = 100;
const MAX_QUERY_LIMIT = 100;
/** Silence allowed before the first chunk and between chunks when `timeoutMs` is not given. */
export const DEFAULT_GUILD_MEMBERS_TIMEOUT_MS = 30_000;

/** Options of `client.requestGuildMembers`: exactly one of `query` or `userIds`. */
export interface GuildMembersRequestOptions {
  /**
   * Members whose username starts with this (case-insensitive). `''` asks for every member, which
   * needs the GUILD_MEMBERS intent and is allowed once per guild every 30 s.
   */
  readonly query?: string;
  /**
   * With `query`: at most this many members, 0 for no limit. A non-empty query returns at most
   * 100 members, so the limit is 0 to 100 there. Not allowed with `userIds`.
   * @defaultValue 0
   */
  readonly limit?: number;
  /** Up to 100 user ids to fetch; ids that are not members come back in `notFound`. */
  readonly userIds?: readonly Snowflake[];
  /** Also return the members' presences (needs the GUILD_PRESENCES intent). @defaultValue false */
  readonly presences?: boolean;
  /**
   * Longest silence allowed, in ms: until the first chunk after sending (time spent in the
   * shard's send queue counts), then between two chunks, so a large guild's many chunks do not
   * need a larger value. @defaultValue 30000
   */
  readonly timeoutMs?: number;
  /** Aborting it rejects the request with `OVEN_ERR_CLIENT_MEMBERS_ABORTED`. */
  readonly signal?: AbortSignal;
}

/** A checked request: the op 8 data without its nonce, and the resolved timeout. */
export interface ResolvedGuildMembersRequest {
  readonly data: GatewayRequestGuildMembersData;
  readonly timeoutMs: number;
}

function invalid(guildId: string, message: string): GuildMembersRequestError {
  return new GuildMembersRequestError('OVEN_ERR_CLIENT_MEMBERS_INVALID_OPTIONS', `requestGuildMembers(${guildId}): ${message}`, guildId, undefined);
}

/**
 * Checks the options against Discord's rules and the client's intents, before anything is sent:
 * a wrong op 8 makes Discord close the connection, which costs every pending request on the shard.
 * `client.requestGuildMembers` calls it; exported for code that builds op 8 payloads itself.
 *
 * @example
 * ```ts
 * resolveGuildMembersRequest(guildId, { query: 'al', limit: 10 }, GatewayIntentBits.Guilds).data;
 * // { guild_id: guildId, query: 'al', limit: 10 }
 * ```
 */
export function resolveGuildMembersRequest(guildId: string, options: GuildMembersRequestOptions, intents: number): ResolvedGuildMembersRequest {
  if (!isSnowflake(guildId)) throw invalid(String(guildId), 'guildId must be a snowflake string (the guild id), got ' + JSON.stringify(guildId) + '.');
  if (typeof options !== 'object' || options === null) throw invalid(guildId, 'options must be an object with query or userIds.');
  const { query, limit, userIds, presences, timeoutMs } = options;
  if ((query === undefined) === (userIds === undefined)) {
    throw invalid(guildId, "give exactly one of query (a username prefix, '' for every member) or userIds (up to 100 ids).");
  }
  if (presences !== undefined && typeof presences !== 'boolean') throw invalid(guildId, `presences must be a boolean, got ${JSON.stringify(presences)}.`);
  if (timeoutMs !== undefined && (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0)) {
    throw invalid(guildId, `timeoutMs must be a positive number of ms, got ${String(timeoutMs)}.`);
  }
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) throw invalid(guildId, 'signal must be an AbortSignal.');
  const wantsPresences = presences === true;
  if (wantsPresences && (intents & GatewayIntentBits.GuildPresences) === 0) {
    throw new GuildMembersRequestError(
      'OVEN_ERR_CLIENT_MEMBERS_MISSING_INTENT',
      `requestGuildMembers(${guildId}): presences: true needs the GUILD_PRESENCES intent. Add GatewayIntentBits.GuildPresences to the client's intents (and enable it in the Developer Portal), or drop presences.`,
      guildId,
      undefined,
    );
  }
  const base = { guild_id: guildId, ...(wantsPresences ? { presences: true } : {}) };
  const resolvedTimeout = timeoutMs ?? DEFAULT_GUILD_MEMBERS_TIMEOUT_MS;
  if (userIds !== undefined) {
    if (limit !== undefined) throw invalid(guildId, 'limit applies to query only; with userIds every listed member is returned.');
    if (!Array.isArray(userIds) || userIds.length === 0 || userIds.length > MAX_GUILD_MEMBERS_USER_IDS) {
      throw invalid(guildId, `userIds must be an array of 1 to ${MAX_GUILD_MEMBERS_USER_IDS} user ids, got ${Array.isArray(userIds) ? `${userIds.length} ids` : typeof userIds}. Split larger lists into several requests.`);
    }
    const bad = userIds.find((id) => !isSnowflake(id));
    if (bad !== undefined) throw invalid(guildId, `userIds holds ${JSON.stringify(bad)}, which is not a snowflake string.`);
    return { data: { ...base, user_ids: [...userIds] }, timeoutMs: resolvedTimeout };
  }
  if (typeof query !== 'string') throw invalid(guildId, `query must be a string, got ${typeof query}.`);
  const resolvedLimit = limit ?? 0;
  if (!Number.isInteger(resolvedLimit) || resolvedLimit < 0) throw invalid(guildId, `limit must be an integer >= 0, got ${String(limit)}.`);
  if (query !== '' && resolvedLimit > MAX_QUERY_LIMIT) {
    throw invalid(guildId, `limit must be 0 to ${MAX_QUERY_LIMIT} with a non-empty query (Discord returns at most ${MAX_QUERY_LIMIT} matches), got ${resolvedLimit}.`);
  }
  if (query === '' && (intents & GatewayIntentBits.GuildMembers) === 0) {
    throw new GuildMembersRequestError(
      'OVEN_ERR_CLIENT_MEMBERS_MISSING_INTENT',
      `requestGuildMembers(${guildId}): query '' (the member list) needs the GUILD_MEMBERS intent. Add GatewayIntentBits.GuildMembers to the client's intents (and enable it in the Developer Portal), or search by a non-empty query.`,
      guildId,
      undefined,
    );
  }
  return { data: { ...base, query, limit: resolvedLimit }, timeoutMs: resolvedTimeout };
}
