// Custom emojis and guild stickers (GUILD_EMOJIS_UPDATE / GUILD_STICKERS_UPDATE).
import { GatewayDispatchEvents, GatewayIntentBits, StickerFormatType, StickerType, type APIEmoji, type APISticker, type APIUser } from 'discord-api-types/v10';
import type { GuildRecord } from './guild-record';
import type { World } from './world';

/** A custom emoji in a guild (GUILD_EMOJIS_UPDATE); the bot may react with it while it is in that guild. */
export function createEmoji(world: World, guildId: string, name: string, options: { animated?: boolean; creator?: APIUser } = {}): APIEmoji {
  const record = world.requireGuild(guildId);
  const emoji: APIEmoji = { id: world.ids.next(), name, roles: [], require_colons: true, managed: false, animated: options.animated ?? false, available: true };
  if (options.creator !== undefined) emoji.user = options.creator;
  record.guild.emojis.push(emoji);
  world.announceEmojis(guildId);
  return emoji;
}

export function deleteEmoji(world: World, guildId: string, emojiId: string): boolean {
  const emojis = world.requireGuild(guildId).guild.emojis;
  const index = emojis.findIndex((emoji) => emoji.id === emojiId);
  if (index === -1) return false;
  emojis.splice(index, 1);
  world.announceEmojis(guildId);
  return true;
}

export function announceEmojis(world: World, guildId: string): void {
  const emojis = world.requireGuild(guildId).guild.emojis;
  world.dispatch({ t: GatewayDispatchEvents.GuildEmojisUpdate, d: { guild_id: guildId, emojis }, guildId, intents: GatewayIntentBits.GuildExpressions });
}

/** A guild sticker (GUILD_STICKERS_UPDATE with the guild's whole list, for GUILD_EXPRESSIONS). */
export function createSticker(world: World, guildId: string, fields: { name: string; tags: string; description: string | null; formatType?: StickerFormatType; creator?: APIUser }): APISticker {
  const record = world.requireGuild(guildId);
  const sticker: APISticker = {
    id: world.ids.next(),
    name: fields.name,
    tags: fields.tags,
    description: fields.description,
    type: StickerType.Guild,
    format_type: fields.formatType ?? StickerFormatType.PNG,
    available: true,
    guild_id: guildId,
  };
  if (fields.creator !== undefined) sticker.user = fields.creator;
  world.stickersOf(record).push(sticker);
  world.announceStickers(guildId);
  return sticker;
}

export function deleteSticker(world: World, guildId: string, stickerId: string): boolean {
  const stickers = world.stickersOf(world.requireGuild(guildId));
  const index = stickers.findIndex((sticker) => sticker.id === stickerId);
  if (index === -1) return false;
  stickers.splice(index, 1);
  world.announceStickers(guildId);
  return true;
}

/** A guild's stickers (the list object itself, so edits land in GUILD_CREATE too). */
export function stickersOf(world: World, record: GuildRecord): APISticker[] {
  record.guild.stickers ??= [];
  return record.guild.stickers;
}

export function announceStickers(world: World, guildId: string): void {
  const stickers = world.stickersOf(world.requireGuild(guildId));
  // Copies: the dispatch shows the list as it was at world moment, not after later edits.
  world.dispatch({ t: GatewayDispatchEvents.GuildStickersUpdate, d: { guild_id: guildId, stickers: stickers.map((sticker) => ({ ...sticker })) }, guildId, intents: GatewayIntentBits.GuildExpressions });
}

/** A custom emoji the bot can use: one from a guild it is in. */
export function usableEmoji(world: World, emojiId: string): APIEmoji | undefined {
  for (const guildId of world.guildIds()) {
    const emoji = world.guilds.get(guildId)?.guild.emojis.find((e) => e.id === emojiId);
    if (emoji !== undefined) return emoji;
  }
  return undefined;
}
