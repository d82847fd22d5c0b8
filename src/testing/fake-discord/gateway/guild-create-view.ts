import { GatewayIntentBits } from 'discord-api-types/v10';
import type { GatewayGuildCreateDispatchData } from 'discord-api-types/v10';

/**
 * GUILD_CREATE as one session sees it. Discord's rules: `large` when `member_count` exceeds the
 * session's `large_threshold`; without GUILD_PRESENCES, `presences` is empty and `members` holds
 * only the bot and users in voice; a large guild leaves offline members out.
 */
export function guildCreateForSession(
  guild: GatewayGuildCreateDispatchData,
  intents: number,
  largeThreshold: number,
  botUserId: string,
): GatewayGuildCreateDispatchData {
  const large = guild.member_count > largeThreshold;
  const hasPresences = (intents & GatewayIntentBits.GuildPresences) !== 0;
  if (hasPresences && !large) return { ...guild, large };
  const inVoice = new Set(guild.voice_states.map((state) => state.user_id));
  const online = new Set(
    hasPresences ? guild.presences.filter((p) => p.status !== 'offline').map((p) => p.user.id) : [],
  );
  const members = guild.members.filter((member) => {
    const id = member.user.id;
    return id === botUserId || inVoice.has(id) || online.has(id);
  });
  return { ...guild, large, members, presences: hasPresences ? guild.presences : [] };
}
