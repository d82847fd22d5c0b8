import type {
  APIGuildMember,
  APIUser,
  GatewayDispatchEvents,
  GatewayGuildCreateDispatchData,
} from 'discord-api-types/v10';
import type { SessionStartLimit } from './session-start-limit';

/**
 * One event the fake world produced, before any shard sees it. The gateway decides which
 * connections receive it: the shard that owns `guildId` (`(guild_id >> 22) % num_shards`, shard 0
 * when `guildId` is null) and only when that shard's intents include every bit of `intents`.
 *
 * @example
 * ```ts
 * world.on('dispatch', (dispatch: WorldDispatch) => {
 *   if (dispatch.intents === 0 || (shardIntents & dispatch.intents) === dispatch.intents) send(dispatch);
 * });
 * ```
 */
export interface WorldDispatch {
  readonly t: GatewayDispatchEvents;
  readonly d: unknown;
  readonly guildId: string | null;
  /** Intent bit(s) a shard needs to receive it; 0 means every shard that owns the guild gets it. */
  readonly intents: number;
  /**
   * What to send instead of `d` to a shard without the privileged MESSAGE_CONTENT intent (content,
   * embeds, attachments, components and poll emptied, as Discord does). Absent when the event
   * carries no message content, or when Discord sends content regardless (DMs, bot mentions).
   */
  readonly withoutMessageContent?: unknown;
}

/** Listener signature for `world.on('dispatch', ...)`. */
export type WorldDispatchListener = (dispatch: WorldDispatch) => void;

/**
 * What the fake gateway reads from the world to run sessions. The REST side and the programmatic
 * world API write the same state, so a message posted over REST or by a test reaches the gateway
 * through `on('dispatch')`.
 *
 * @example
 * ```ts
 * if (!world.isValidToken(identify.token)) socket.close(4004);
 * const ready = { user: world.botUser, application: world.application, guilds: world.guildIds().map((id) => ({ id, unavailable: true })) };
 * ```
 */
export interface GatewayWorldView {
  /** The bot's user, as READY's `user`. */
  readonly botUser: APIUser;
  /** READY's `application` field. */
  readonly application: { readonly id: string; readonly flags: number };
  /**
   * Privileged intents (GUILD_MEMBERS, GUILD_PRESENCES, MESSAGE_CONTENT bits) this application is
   * allowed to use; identifying with any other privileged bit closes with 4014.
   */
  readonly allowedPrivilegedIntents: number;
  /** The identify budget `GET /gateway/bot` reports; the gateway consumes it on each IDENTIFY. */
  readonly sessionStartLimit: SessionStartLimit;
  /** The shard count `GET /gateway/bot` recommends. */
  readonly recommendedShards: number;
  /**
   * Replaces the bot token, so the old one fails on REST (401) and the gateway (4004). The gateway
   * calls it when the daily session start limit is exceeded, as Discord does (protocol.md 2.9).
   */
  resetToken(): string;
  /** True when `token` (without the `Bot ` prefix) is the bot's current token. */
  isValidToken(token: string): boolean;
  /** Ids of every guild the bot is in, in creation order. */
  guildIds(): string[];
  /** A complete GUILD_CREATE payload for one guild, or undefined if the bot is not in it. */
  guildCreatePayload(guildId: string): GatewayGuildCreateDispatchData | undefined;
  /** Members of a guild (for op 8 Request Guild Members); empty when the guild is unknown. */
  guildMembers(guildId: string): APIGuildMember[];
  on(event: 'dispatch', listener: WorldDispatchListener): this;
  off(event: 'dispatch', listener: WorldDispatchListener): this;
}
