import { ChannelType, type APIChannel, type APIThreadMember } from 'discord-api-types/v10';
import { FakeDiscordError } from './fake-discord-error';
import type { CreateThreadOptions } from './fake-discord-options';
import { isThread, toApiChannel, type StoredChannel } from './world/stored-channel';
import { toApiThreadMember } from './world/thread-member-store';
import type { World } from './world/world';

/** The façade's threads: started by a user, joined and left by guild members. */
export class ThreadSetup {
  public constructor(private readonly world: World) {}

  public create(channelId: string, options: CreateThreadOptions): APIChannel {
    const parent = this.world.requireChannel(channelId);
    if (parent.guild_id === undefined || isThread(parent) || parent.type === ChannelType.GuildCategory || parent.type === ChannelType.GuildVoice || parent.type === ChannelType.GuildStageVoice) {
      throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_OPTION', `Channel ${channelId} cannot hold threads; use a text, announcement or forum channel.`);
    }
    const ownerId = options.ownerId === undefined ? this.world.botUser.id : this.world.requireUser(options.ownerId).id;
    const type = options.type ?? (parent.type === ChannelType.GuildAnnouncement ? ChannelType.AnnouncementThread : ChannelType.PublicThread);
    return toApiChannel(this.world.createThread(parent, { name: options.name, type, ownerId, autoArchiveDuration: options.autoArchiveDuration ?? 4320 }));
  }

  public addMember(threadId: string, userId: string): void {
    const thread = this.require(threadId);
    if (!this.world.requireGuild(thread.guild_id as string).members.has(userId)) {
      throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_OPTION', `User ${userId} is not a member of guild ${String(thread.guild_id)}; add them with discord.addMember first.`);
    }
    this.world.addThreadMember(thread, userId);
  }

  public removeMember(threadId: string, userId: string): void {
    if (!this.world.removeThreadMember(this.require(threadId), userId)) {
      throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_UNKNOWN_ENTITY', `User ${userId} is not a member of thread ${threadId}.`);
    }
  }

  public members(threadId: string): APIThreadMember[] {
    return this.world.threadMembers.list(this.require(threadId).id).map(toApiThreadMember);
  }

  private require(threadId: string): StoredChannel {
    const thread = this.world.requireChannel(threadId);
    if (!isThread(thread)) throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_OPTION', `Channel ${threadId} is not a thread; start one with POST /channels/{id}/threads or world.createThread.`);
    return thread;
  }
}
