import { OvenError } from '../../errors';

/** `true` caches without bound, `false` or `0` not at all, a number caps the count. */
export type EntityLimit = boolean | number;

/**
 * Which entities the Client keeps, and how many. `false` turns the cache off entirely.
 *
 * @example
 * ```ts
 * new Client({ token, intents, cache: { messages: 200, members: 10_000, memberLists: false } });
 * ```
 */
export interface EntityCacheOptions {
  /** @defaultValue true */
  readonly guilds?: EntityLimit;
  /** Guild channels, threads and DM channels. @defaultValue true */
  readonly channels?: EntityLimit;
  /** Roles, per guild. @defaultValue true */
  readonly roles?: EntityLimit;
  /**
   * Members, per guild: from GUILD_CREATE lists (see `memberLists`) and events (messages, joins,
   * updates, chunks). A number caps each guild; past it the least recently written member goes.
   * @defaultValue true
   */
  readonly members?: EntityLimit;
  /**
   * Cache the member lists GUILD_CREATE carries (every member, with the GUILD_MEMBERS intent). On by
   * default, as in discord.js: members and users sit in compact typed-array tables at about 130
   * bytes a member, user included (a sixth of discord.js's cost), so 1,000,000 members take about
   * 125 MB. Turn it off to keep only the bot's own member and those met later (messages, joins,
   * updates, op 8 chunks): that keeps a bot in many large guilds at a few MB.
   * @defaultValue true
   */
  readonly memberLists?: boolean;
  /**
   * Users, once for all guilds. Without a number a user goes with the last cached member or message
   * referring to it; a number also caps the count, evicting the least recently written user even
   * while something refers to it (counts are then approximate for that user: see docs/client.md).
   * @defaultValue true
   */
  readonly users?: EntityLimit;
  /** Messages, per channel. @defaultValue 50 */
  readonly messages?: EntityLimit;
  /**
   * How many DM channels the cache keeps, with their messages. Discord sends no delete event for
   * a DM channel, so without a cap a bot that talks to many users would keep every conversation
   * forever. A channel counts as active when a message arrives in it (or it is created or
   * updated); past the cap the least recently active one goes with its messages, and their authors
   * once nothing else refers to them. Channels of guilds the cache does not hold (`guilds: false`,
   * or evicted) count here too, both their messages and their channel and thread objects (from
   * CHANNEL_CREATE/UPDATE, THREAD_CREATE/UPDATE, THREAD_LIST_SYNC): no `GUILD_DELETE` can clear
   * them either. `0` caches none of these channels, `true` keeps them all.
   * @defaultValue 200
   */
  readonly dmChannels?: EntityLimit;
}

/** Limits as counts (`Infinity` unbounded, 0 off). */
export interface ResolvedCacheLimits {
  readonly guilds: number;
  readonly channels: number;
  readonly roles: number;
  readonly members: number;
  readonly memberLists: boolean;
  readonly users: number;
  readonly messages: number;
  readonly dmChannels: number;
}

/**
 * A cache option was not a boolean or a non-negative integer; the message names the option.
 *
 * @example
 * ```ts
 * new EntityStore({ members: -1 }); // throws OVEN_ERR_CLIENT_INVALID_CACHE_OPTION
 * ```
 */
export class CacheOptionError extends OvenError {
  public constructor(message: string) {
    super('OVEN_ERR_CLIENT_INVALID_CACHE_OPTION', message);
  }
}

const DEFAULTS: Required<EntityCacheOptions> = { guilds: true, channels: true, roles: true, members: true, memberLists: true, users: true, messages: 50, dmChannels: 200 };

function toCount(name: string, value: EntityLimit): number {
  if (value === true) return Number.POSITIVE_INFINITY;
  if (value === false) return 0;
  if (!Number.isInteger(value) || value < 0) {
    throw new CacheOptionError(`cache.${name} must be true, false or a non-negative integer (a maximum count), got ${String(value)}.`);
  }
  return value;
}

/**
 * Turns user options into counts; `false` gives the no-cache mode.
 *
 * @example
 * ```ts
 * resolveCacheLimits({ messages: 100 }).messages; // 100
 * resolveCacheLimits(false).guilds;               // 0
 * ```
 */
export function resolveCacheLimits(options: EntityCacheOptions | false | undefined): ResolvedCacheLimits {
  if (options === false) return { guilds: 0, channels: 0, roles: 0, members: 0, memberLists: false, users: 0, messages: 0, dmChannels: 0 };
  const merged = { ...DEFAULTS, ...options };
  return {
    guilds: toCount('guilds', merged.guilds),
    channels: toCount('channels', merged.channels),
    roles: toCount('roles', merged.roles),
    members: toCount('members', merged.members),
    memberLists: merged.memberLists === true,
    users: toCount('users', merged.users),
    messages: toCount('messages', merged.messages),
    dmChannels: toCount('dmChannels', merged.dmChannels),
  };
}
