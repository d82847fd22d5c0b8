import type { ChannelType } from 'discord-api-types/v10';
import type { FakeGatewayOptions } from './gateway';
import type { FakeRestOptions } from './rest/rest-options';
import type { InviteOptions } from './world/invite-store';
import type { StoredChannel } from './world/stored-channel';
import type { WorldOptions } from './world/world';

/**
 * Options of {@link FakeDiscord.start}: the world (bot name, token, privileged intents, identify
 * budget), the REST server (rate limits, body limits, interaction timings) and the gateway.
 */
export interface FakeDiscordOptions extends WorldOptions, FakeRestOptions {
  /** TCP port; 0 picks a free one. @defaultValue 0 */
  readonly port?: number;
  /** Interface to bind. @defaultValue '127.0.0.1' */
  readonly host?: string;
  /** Options of the fake gateway (heartbeat interval, send limit, resume window, ...). */
  readonly gateway?: FakeGatewayOptions;
  /**
   * Serve REST over https and the gateway over wss on the same port, with this key and
   * certificate; `restUrl`, `gatewayUrl` and `GET /gateway/bot` then name `https://` and `wss://`.
   * @defaultValue plain http and ws
   */
  readonly tls?: FakeDiscordTlsOptions;
}

/**
 * The key and certificate `FakeDiscord.start({ tls })` serves with, as PEM text (the files'
 * contents, not their paths). Clients must trust the certificate, e.g. undici's
 * `new Agent({ connect: { ca: cert } })` or `new WebSocket(url, { ca: cert })`.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * const discord = await FakeDiscord.start({ tls: { key: readFileSync('key.pem'), cert: readFileSync('cert.pem') } });
 * ```
 */
export interface FakeDiscordTlsOptions {
  /** PEM private key of the certificate. */
  readonly key: string | Buffer;
  /** PEM certificate (chain) whose subject names the host clients dial (127.0.0.1). */
  readonly cert: string | Buffer;
}

/** What `createChannel` accepts. */
export interface CreateChannelOptions {
  readonly name: string;
  /** @defaultValue ChannelType.GuildText */
  readonly type?: ChannelType;
  readonly topic?: string | null;
  readonly parentId?: string | null;
  readonly nsfw?: boolean;
  readonly permissionOverwrites?: StoredChannel['permission_overwrites'];
}

/** What `createInvite` accepts: the route's fields, camel-cased, and who made the invite. */
export interface CreateInviteOptions extends InviteOptions {
  /** The inviting user. @defaultValue the bot */
  readonly inviterId?: string;
}

/** What `createRole` accepts. */
export interface CreateRoleOptions {
  readonly name: string;
  /** Permission bits (`PermissionFlagsBits.KickMembers | ...`). @defaultValue 0n */
  readonly permissions?: bigint;
  readonly color?: number;
  readonly hoist?: boolean;
  readonly mentionable?: boolean;
  /**
   * Position in the hierarchy; roles at and above it move up one. Put a role above the bot's
   * (position 2 or more in a fresh guild) to test hierarchy refusals. @defaultValue 1, just above @everyone
   */
  readonly position?: number;
}

/** What `createThread` accepts. */
export interface CreateThreadOptions {
  readonly name: string;
  /** The user who starts the thread. @defaultValue the bot */
  readonly ownerId?: string;
  /** @defaultValue AnnouncementThread under an announcement channel, else PublicThread */
  readonly type?: ChannelType.PublicThread | ChannelType.PrivateThread | ChannelType.AnnouncementThread;
  /** Minutes of inactivity before the thread archives. @defaultValue 4320 */
  readonly autoArchiveDuration?: 60 | 1440 | 4320 | 10080;
}
