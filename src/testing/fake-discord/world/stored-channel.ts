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
  owner_id?: string;
  thread_metadata?: { archived: boolean; archive_timestamp: string; auto_archive_duration: number; locked: boolean; create_timestamp: string; invitable?: boolean };
  message_count?: number;
  member_count?: number;
  total_message_sent?: number;
}

const THREAD_TYPES = new Set<ChannelType>([10, 11, 12] as ChannelType[]);

/** Announcement, public and private threads. */
export function isThread(channel: StoredChannel): boolean {
  return THREAD_TYPES.has(channel.type);
}

/** A copy safe to hand out (later edits to the world do not change it). */
export function toApiChannel(channel: StoredChannel): APIChannel {
  const copy: StoredChannel = { ...channel };
  if (channel.permission_overwrites !== undefined) copy.permission_overwrites = channel.permission_overwrites.map((o) => ({ ...o }));
  return copy as unknown as APIChannel;
}
