import { ChannelType, GatewayCloseCodes } from 'discord-api-types/v10';
import type { GatewayChannelInfoDispatchData, GatewaySoundboardSoundsDispatchData } from 'discord-api-types/v10';
import type { GatewayConnection } from './gateway-connection';
import type { GatewayCore } from './gateway-core';
import type { GatewaySession } from './gateway-session';
import { isJsonObject } from './payload-check';

const VOICE_TYPES: ReadonlySet<number> = new Set([ChannelType.GuildVoice, ChannelType.GuildStageVoice]);

/**
 * Op 31 Request Soundboard Sounds: one SOUNDBOARD_SOUNDS dispatch per requested guild the bot is
 * in, with the sounds the world's GUILD_CREATE lists.
 */
export function handleRequestSoundboardSounds(core: GatewayCore, connection: GatewayConnection, session: GatewaySession, d: unknown): void {
  if (!isJsonObject(d) || !Array.isArray(d.guild_ids) || !d.guild_ids.every((id) => typeof id === 'string')) {
    core.protocolClose(connection, GatewayCloseCodes.UnknownOpcode, 'Invalid request soundboard sounds: guild_ids must be an array of snowflake strings');
    return;
  }
  for (const guildId of d.guild_ids as string[]) {
    const guild = core.world.guildCreatePayload(guildId);
    if (guild === undefined) continue;
    const data: GatewaySoundboardSoundsDispatchData = { guild_id: guildId, soundboard_sounds: guild.soundboard_sounds ?? [] };
    session.dispatch('SOUNDBOARD_SOUNDS', JSON.stringify(data));
  }
}

/**
 * Op 43 Request Channel Info: a CHANNEL_INFO dispatch listing the guild's voice channels with the
 * requested fields (`status`, `voice_start_time`); the fake has no live voice, so they are null.
 */
export function handleRequestChannelInfo(core: GatewayCore, connection: GatewayConnection, session: GatewaySession, d: unknown): void {
  if (!isJsonObject(d) || typeof d.guild_id !== 'string' || !Array.isArray(d.fields)) {
    core.protocolClose(connection, GatewayCloseCodes.UnknownOpcode, 'Invalid request channel info: send {guild_id, fields: ["status", "voice_start_time"]}');
    return;
  }
  const guild = core.world.guildCreatePayload(d.guild_id);
  if (guild === undefined) return;
  const fields = new Set(d.fields);
  const data: GatewayChannelInfoDispatchData = {
    guild_id: d.guild_id,
    channels: guild.channels
      .filter((channel) => VOICE_TYPES.has(channel.type))
      .map((channel) => ({
        id: channel.id,
        ...(fields.has('status') ? { status: null } : {}),
        ...(fields.has('voice_start_time') ? { voice_start_time: null } : {}),
      })),
  };
  session.dispatch('CHANNEL_INFO', JSON.stringify(data));
}
