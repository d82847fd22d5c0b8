import type { APIChannel, APIOverwrite, APIUser, ChannelType } from 'discord-api-types/v10';

/**
 * The fake's mutable channel record: one flat shape for every channel type, because PATCH edits
 * arbitrary fields and the discord-api-types union cannot be narrowed while it changes. It is
 * turned into `APIChannel` only where it leaves the world (`toApiChannel`).
 */
export interface StoredChannel {
  id: string;
  type: ChannelType;
  guild_id?: string;
  name: string | null;
  position?: number;
  flags: number;
  permission_overwrites?: APIOverwrite[];
  parent_id?: string | null;
  nsfw?: boolean;
  topic?: string | null;
  last_message_id?: string | null;
  last_pin_timestamp?: string | null;
  rate_limit_per_user?: number;
  bitrate?: number;
  user_limit?: number;
  rtc_region?: string | null;
  recipients?: APIUser[];
}

/** A copy safe to hand out (later edits to the world do not change it). */
export function toApiChannel(channel: StoredChannel): APIChannel {
  const copy: StoredChannel = { ...channel };
  if (channel.permission_overwrites !== undefined) copy.permission_overwrites = channel.permission_overwrites.map((o) => ({ ...o }));
  return copy as unknown as APIChannel;
}
