import type { GatewayMessageCreateDispatchData } from 'discord-api-types/v10';

/**
 * A typical chat message in a guild, as Discord sends it (author, member, no attachments). The
 * author's display name is `globalName` when given, so many authors differ as real ones do.
 */
export function messagePayload(guildId: string, channelId: string, author: { id: string; username: string; globalName?: string }): GatewayMessageCreateDispatchData {
  return {
    type: 0,
    tts: false,
    timestamp: '2026-11-25T03:00:00.000000+00:00',
    pinned: false,
    nonce: '1310000000000000000',
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    member: { roles: [], premium_since: null, pending: false, nick: null, mute: false, joined_at: '2025-01-01T00:00:00.000000+00:00', flags: 0, deaf: false, communication_disabled_until: null, banner: null, avatar: null },
    id: '1310000000000000001',
    flags: 0,
    embeds: [],
    edited_timestamp: null,
    content: 'Has anyone tried the new sourdough recipe from the pinned post? Mine came out flat.',
    components: [],
    channel_id: channelId,
    author: { username: author.username, public_flags: 0, id: author.id, global_name: author.globalName ?? 'Baker', discriminator: '0', clan: null, avatar_decoration_data: null, avatar: 'a1b2c3d4e5f60718293a4b5c6d7e8f90' },
    attachments: [],
    guild_id: guildId,
  } as unknown as GatewayMessageCreateDispatchData;
}

const BASE = 1_300_000_000_000_000_000n;

/** A snowflake-shaped id, unique per (kind, guild, index). */
function id(kind: number, guild: number, index: number): string {
  return (BASE + (BigInt(kind) << 40n) + (BigInt(guild) << 16n) + BigInt(index)).toString();
}

/** The bot: member 0 of every generated guild. */
export const BENCH_BOT_ID = id(4, 0, 0);

/**
 * The JSON of a large guild's GUILD_CREATE: `members` members, `channels` text channels with two
 * permission overwrites each, `roles` roles; members carry up to three roles. Returned as text so
 * each framework parses its own copy, as it would from the socket.
 */
export function guildCreateJson(guild: number, members: number, channels: number, roles: number): string {
  const guildId = id(1, guild, 0);
  const roleIds = Array.from({ length: roles }, (_, r) => (r === 0 ? guildId : id(2, guild, r)));
  const data = {
    id: guildId,
    name: `Guild ${guild}`,
    icon: null,
    owner_id: id(4, guild, 1),
    member_count: members,
    large: true,
    unavailable: false,
    joined_at: '2024-01-01T00:00:00.000000+00:00',
    features: [],
    verification_level: 1,
    default_message_notifications: 1,
    explicit_content_filter: 0,
    mfa_level: 0,
    premium_tier: 0,
    preferred_locale: 'en-US',
    system_channel_id: id(3, guild, 0),
    emojis: [],
    stickers: [],
    roles: roleIds.map((roleId, r) => ({
      id: roleId, name: r === 0 ? '@everyone' : `role ${r}`, color: r * 1000, hoist: r % 5 === 0, icon: null, unicode_emoji: null,
      position: r, permissions: r === 0 ? '1071698660929' : '8', managed: false, mentionable: r % 3 === 0, flags: 0,
    })),
    channels: Array.from({ length: channels }, (_, c) => ({
      id: id(3, guild, c), type: 0, guild_id: guildId, name: `channel-${c}`, position: c, parent_id: null, topic: c % 2 === 0 ? 'Talk about bread' : null,
      nsfw: false, rate_limit_per_user: 0, last_message_id: null, flags: 0,
      permission_overwrites: [
        { id: guildId, type: 0, allow: '0', deny: '2048' },
        { id: roleIds[1 + (c % Math.max(1, roles - 1))] ?? guildId, type: 0, allow: '3072', deny: '0' },
      ],
    })),
    threads: [],
    members: Array.from({ length: members }, (_, m) => ({
      user: { id: m === 0 ? BENCH_BOT_ID : id(4, guild, m), username: `user_${guild}_${m}`, global_name: m % 2 === 0 ? `User ${m}` : null, avatar: m % 4 === 0 ? null : 'f'.repeat(32), discriminator: '0', public_flags: 0, bot: m === 0 },
      roles: Array.from({ length: m % 4 }, (_, k) => roleIds[1 + ((m + k) % Math.max(1, roles - 1))] as string),
      nick: m % 10 === 0 ? `nick ${m}` : null,
      avatar: null,
      joined_at: '2024-06-01T12:00:00.000000+00:00',
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      communication_disabled_until: null,
    })),
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
  return JSON.stringify(data);
}
