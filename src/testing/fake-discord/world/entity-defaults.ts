import {
  ChannelType,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  Locale,
  type GuildMemberFlags,
  type RoleFlags,
  type UserFlags,
  type APIGuild,
  type APIGuildMember,
  type APIRole,
  type APIUser,
} from 'discord-api-types/v10';
import type { StoredChannel } from './stored-channel';

/**
 * Full-shaped Discord objects with every field the OpenAPI description marks required, so what
 * the fake returns validates against the oracle and client libraries never meet a missing key.
 */

export function makeUser(id: string, username: string, options: { bot?: boolean; globalName?: string | null }): APIUser {
  const user: APIUser = {
    id,
    username,
    discriminator: '0',
    global_name: options.globalName ?? null,
    avatar: null,
    public_flags: 0 as UserFlags,
    flags: 0 as UserFlags,
    primary_guild: null,
  };
  if (options.bot === true) user.bot = true;
  return user;
}

/** The bot's own `GET /users/@me` view adds the private fields. */
export function makeSelfUser(user: APIUser): APIUser {
  return { ...user, mfa_enabled: false, locale: 'en-US', verified: true };
}

export function makeRole(id: string, name: string, position: number, permissions: bigint, extra: Partial<APIRole> = {}): APIRole {
  return {
    id,
    name,
    permissions: permissions.toString(),
    position,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    managed: false,
    mentionable: false,
    icon: null,
    unicode_emoji: null,
    flags: 0 as RoleFlags,
    ...extra,
  };
}

export function makeMember(user: APIUser, roles: string[], joinedAt: string, nick: string | null): APIGuildMember {
  return {
    user,
    roles,
    joined_at: joinedAt,
    nick,
    avatar: null,
    banner: null,
    communication_disabled_until: null,
    flags: 0 as GuildMemberFlags,
    pending: false,
    premium_since: null,
    deaf: false,
    mute: false,
  };
}

/** Guild fields other than roles/emojis, which the world fills from its own records. */
export function makeGuild(id: string, name: string, ownerId: string, applicationId: string | null): APIGuild {
  return {
    id,
    name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: ownerId,
    region: 'deprecated',
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: [],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: applicationId,
    system_channel_id: null,
    system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotificationReplies,
    rules_channel_id: null,
    max_presences: null,
    max_members: 500_000,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    preferred_locale: Locale.EnglishUS,
    public_updates_channel_id: null,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    nsfw_level: GuildNSFWLevel.Default,
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    locale: Locale.EnglishUS,
    nsfw: false,
    home_header: null,
  } as APIGuild;
}

export function makeGuildChannel(
  id: string,
  guildId: string,
  name: string,
  type: ChannelType,
  position: number,
  extra: Partial<StoredChannel> = {},
): StoredChannel {
  const channel: StoredChannel = {
    id,
    type,
    guild_id: guildId,
    name,
    position,
    flags: 0,
    permission_overwrites: [],
    parent_id: null,
    nsfw: false,
    ...extra,
  };
  if (type === ChannelType.GuildText || type === ChannelType.GuildAnnouncement) {
    channel.topic ??= null;
    channel.last_message_id ??= null;
    channel.rate_limit_per_user ??= 0;
  }
  if (type === ChannelType.GuildVoice || type === ChannelType.GuildStageVoice) {
    channel.bitrate ??= 64_000;
    channel.user_limit ??= 0;
    channel.rtc_region ??= null;
    channel.last_message_id ??= null;
    channel.rate_limit_per_user ??= 0;
  }
  return channel;
}

export function makeDmChannel(id: string, recipient: APIUser): StoredChannel {
  return { id, type: ChannelType.DM, name: null, flags: 0, last_message_id: null, recipients: [recipient] };
}
