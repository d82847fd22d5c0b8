import { AuditLogEvent, PermissionFlagsBits, RESTJSONErrorCodes, type APIEmoji } from 'discord-api-types/v10';
import { guildOr404, requireBotPermissions } from '../access';
import { audit } from '../audit';
import { DiscordHttpError } from '../discord-http-error';
import type { RouteContext, RouteDefinition } from '../route';
import type { GuildRecord } from '../../world/world';

// Unboosted guilds hold 50 static and 50 animated emojis.
const MAX_PER_KIND = 50;
const IMAGE = /^data:image\/(png|jpeg|gif|webp|avif);base64,[A-Za-z0-9+/]+=*$/;
const NAME = { kind: 'string', min: 2, max: 32, pattern: /^\w+$/, patternMessage: 'Emoji names may contain letters, digits and underscores only.' } as const;

function emojiOr404(record: GuildRecord, emojiId: string): APIEmoji {
  const emoji = record.guild.emojis.find((e) => e.id === emojiId);
  if (emoji === undefined) throw DiscordHttpError.notFound(RESTJSONErrorCodes.UnknownEmoji, 'Unknown Emoji');
  return emoji;
}

function managed(context: RouteContext): { record: GuildRecord; emoji: APIEmoji } {
  const record = guildOr404(context.world, context.params.guild_id as string);
  requireBotPermissions(context.world, record.guild.id, PermissionFlagsBits.ManageGuildExpressions);
  return { record, emoji: emojiOr404(record, context.params.emoji_id as string) };
}

/** Guild custom emojis: list, create (data-URI image), get, rename, delete (GUILD_EMOJIS_UPDATE). */
export const emojiRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/guilds/{guild_id}/emojis',
    auth: 'bot',
    handle: ({ world, params }) => ({ status: 200, body: guildOr404(world, params.guild_id as string).guild.emojis }),
  },
  {
    method: 'POST',
    path: '/guilds/{guild_id}/emojis',
    auth: 'bot',
    schema: { kind: 'object', fields: { name: { ...NAME, required: true }, image: { kind: 'string', required: true }, roles: { kind: 'array', nullable: true, items: { kind: 'snowflake' } } } },
    handle: (context) => {
      const { world, params, body } = context;
      const record = guildOr404(world, params.guild_id as string);
      requireBotPermissions(world, record.guild.id, PermissionFlagsBits.CreateGuildExpressions);
      const input = body as { name: string; image: string };
      const match = IMAGE.exec(input.image);
      if (match === null) throw DiscordHttpError.invalidForm({ image: { _errors: [{ code: 'BINARY_TYPE_INVALID_IMAGE', message: 'Invalid image data' }] } });
      const animated = match[1] === 'gif';
      if (record.guild.emojis.filter((e) => e.animated === animated).length >= MAX_PER_KIND) {
        throw DiscordHttpError.badRequest(animated ? RESTJSONErrorCodes.MaximumNumberOfAnimatedEmojisReached : RESTJSONErrorCodes.MaximumNumberOfEmojisReached, `Maximum number of emojis reached (${MAX_PER_KIND})`);
      }
      const emoji = world.createEmoji(record.guild.id, input.name, { animated, creator: world.botUser });
      audit(context, record.guild.id, AuditLogEvent.EmojiCreate, emoji.id, { changes: [{ key: 'name', new_value: emoji.name }] });
      return { status: 201, body: emoji };
    },
  },
  {
    method: 'GET',
    path: '/guilds/{guild_id}/emojis/{emoji_id}',
    auth: 'bot',
    handle: ({ world, params }) => ({ status: 200, body: emojiOr404(guildOr404(world, params.guild_id as string), params.emoji_id as string) }),
  },
  {
    method: 'PATCH',
    path: '/guilds/{guild_id}/emojis/{emoji_id}',
    auth: 'bot',
    schema: { kind: 'object', fields: { name: NAME, roles: { kind: 'array', nullable: true, items: { kind: 'snowflake' } } } },
    handle: (context) => {
      const { record, emoji } = managed(context);
      const input = (context.body ?? {}) as { name?: string; roles?: string[] | null };
      const changes = [];
      if (input.name !== undefined) {
        changes.push({ key: 'name', old_value: emoji.name, new_value: input.name });
        emoji.name = input.name;
      }
      if (input.roles !== undefined) emoji.roles = (input.roles ?? []).map(String);
      context.world.announceEmojis(record.guild.id);
      audit(context, record.guild.id, AuditLogEvent.EmojiUpdate, emoji.id, { changes });
      return { status: 200, body: emoji };
    },
  },
  {
    method: 'DELETE',
    path: '/guilds/{guild_id}/emojis/{emoji_id}',
    auth: 'bot',
    handle: (context) => {
      const { record, emoji } = managed(context);
      context.world.deleteEmoji(record.guild.id, emoji.id as string);
      audit(context, record.guild.id, AuditLogEvent.EmojiDelete, emoji.id, { changes: [{ key: 'name', old_value: emoji.name }] });
      return { status: 204 };
    },
  },
];
