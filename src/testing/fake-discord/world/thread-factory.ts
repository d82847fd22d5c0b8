import { ChannelType, type APIMessage } from 'discord-api-types/v10';
import type { StoredChannel } from './stored-channel';

/** What starting a thread takes. */
export interface ThreadOptions {
  readonly name: string;
  readonly type: ChannelType;
  readonly ownerId: string;
  /** Minutes of inactivity before it archives: 60, 1440, 4320 or 10080. */
  readonly autoArchiveDuration: number;
  /** The message it starts from; the thread then takes that message's id. */
  readonly fromMessage?: APIMessage;
  /** Private threads only: whether non-moderators may invite. @defaultValue true */
  readonly invitable?: boolean;
}

/** A fresh thread channel with the metadata and counters Discord reports for a new thread. */
export function buildThread(id: string, parent: StoredChannel, options: ThreadOptions): StoredChannel {
  const now = new Date().toISOString();
  const metadata: NonNullable<StoredChannel['thread_metadata']> = {
    archived: false,
    archive_timestamp: now,
    auto_archive_duration: options.autoArchiveDuration,
    locked: false,
    create_timestamp: now,
  };
  if (options.type === ChannelType.PrivateThread) metadata.invitable = options.invitable ?? true;
  const thread: StoredChannel = {
    id,
    type: options.type,
    name: options.name,
    parent_id: parent.id,
    flags: 0,
    owner_id: options.ownerId,
    last_message_id: null,
    rate_limit_per_user: 0,
    thread_metadata: metadata,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
  };
  if (parent.guild_id !== undefined) thread.guild_id = parent.guild_id;
  return thread;
}
