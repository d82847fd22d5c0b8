import { ChannelType, type APIChannel, type APIEmoji, type APIGuildMember, type APIRole, type APISticker, type StickerFormatType } from 'discord-api-types/v10';
import { FakeDiscordError } from './fake-discord-error';
import type { CreateChannelOptions, CreateRoleOptions } from './fake-discord-options';
import { toApiChannel, type StoredChannel } from './world/stored-channel';
import type { World } from './world/world';

/** The façade's guild contents: channels, roles, emojis, stickers and members, in API shapes. */
export class GuildSetup {
  public constructor(private readonly world: World) {}

  public createChannel(guildId: string, options: CreateChannelOptions): APIChannel {
    const fields: Partial<StoredChannel> & { name: string; type?: ChannelType } = { name: options.name, type: options.type ?? ChannelType.GuildText };
    if (options.topic !== undefined) fields.topic = options.topic;
    if (options.parentId !== undefined) fields.parent_id = options.parentId;
    if (options.nsfw !== undefined) fields.nsfw = options.nsfw;
    if (options.permissionOverwrites !== undefined) fields.permission_overwrites = options.permissionOverwrites;
    return toApiChannel(this.world.createChannel(guildId, fields));
  }

  public createRole(guildId: string, options: CreateRoleOptions): APIRole {
    return this.world.createRole(guildId, {
      name: options.name,
      permissionBits: options.permissions ?? 0n,
      color: options.color ?? 0,
      hoist: options.hoist ?? false,
      mentionable: options.mentionable ?? false,
      ...(options.position === undefined ? {} : { position: options.position }),
    });
  }

  public createEmoji(guildId: string, options: { name: string; animated?: boolean }): APIEmoji {
    return this.world.createEmoji(guildId, options.name, options.animated === undefined ? {} : { animated: options.animated });
  }

  public createSticker(guildId: string, options: { name: string; tags: string; description?: string | null; formatType?: StickerFormatType }): APISticker {
    return structuredClone(this.world.createSticker(guildId, { name: options.name, tags: options.tags, description: options.description ?? null, ...(options.formatType === undefined ? {} : { formatType: options.formatType }) }));
  }

  /** Copies, so a test cannot change the world by editing what it read. */
  public stickers(guildId: string): APISticker[] {
    return structuredClone(this.world.stickersOf(this.world.requireGuild(guildId)));
  }

  public addMember(guildId: string, userId: string, options: { roles?: string[]; nick?: string | null }): APIGuildMember {
    return this.world.addMember(guildId, userId, options);
  }

  public removeMember(guildId: string, userId: string): void {
    if (!this.world.removeMember(guildId, userId)) {
      throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_UNKNOWN_ENTITY', `User ${userId} is not a member of guild ${guildId}.`);
    }
  }

  public dmChannel(userId: string): APIChannel {
    return toApiChannel(this.world.dmChannel(userId));
  }
}
