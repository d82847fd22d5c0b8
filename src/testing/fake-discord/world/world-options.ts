import type { SessionStartLimitOptions } from '../session-start-limit';

/** Options of the world a fake Discord starts with. */
export interface WorldOptions {
  /** The bot user's name. @defaultValue 'OvenBot' */
  readonly botUsername?: string;
  /** Username of the application's owner. @defaultValue 'app-owner' */
  readonly applicationOwnerName?: string;
  /** Use this token instead of a generated `base64(botId).xxxxxx.yyyy` one. */
  readonly token?: string;
  /**
   * Privileged intent bits the application may identify with (GUILD_MEMBERS, GUILD_PRESENCES,
   * MESSAGE_CONTENT). @defaultValue all three
   */
  readonly allowedPrivilegedIntents?: number;
  /** The identify budget `GET /gateway/bot` reports and the gateway enforces. */
  readonly sessionStartLimit?: SessionStartLimitOptions;
  /** Shard count `GET /gateway/bot` recommends. @defaultValue one shard per 1000 guilds, at least 1, as Discord does */
  readonly recommendedShards?: number;
  /**
   * Permissions of the bot's managed role in each guild created afterwards.
   * @defaultValue PermissionFlagsBits.Administrator
   */
  readonly botPermissions?: bigint;
}

/** What `createGuild` accepts. */
export interface CreateGuildOptions {
  readonly name: string;
  /** Owner user id; a new user is created when omitted. */
  readonly ownerId?: string;
  /** Permissions of @everyone. @defaultValue view, send, read history, add reactions, use commands */
  readonly everyonePermissions?: bigint;
  /** Create the `general` text channel Discord creates. @defaultValue true */
  readonly withGeneralChannel?: boolean;
}
