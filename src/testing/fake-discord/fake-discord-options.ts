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
