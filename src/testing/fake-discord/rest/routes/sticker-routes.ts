import { AuditLogEvent, PermissionFlagsBits, RESTJSONErrorCodes, StickerFormatType, type APISticker } from 'discord-api-types/v10';
import { guildOr404, requireBotPermissions } from '../access';
import { audit } from '../audit';
import { DiscordHttpError } from '../discord-http-error';
import type { RouteContext, RouteDefinition } from '../route';
import type { ValidationSchema } from '../validation';
import { standardSticker } from '../../world/standard-sticker-packs';
import type { UploadedFile } from '../../world/uploaded-file';
import type { GuildRecord, World } from '../../world/world';

// Unboosted guilds hold 5 stickers; a sticker file may be at most 512 KiB.
const MAX_STICKERS = 5;
const MAX_FILE_BYTES = 512 * 1024;

const NAME = { kind: 'string', min: 2, max: 30 } as const;
const TAGS = { kind: 'string', min: 1, max: 200 } as const;
// The docs: a description is empty or 2-100 characters; the oracle caps it at 100.
const DESCRIPTION = { kind: 'string', max: 100, nullable: true } as const;

const createSchema: ValidationSchema = { kind: 'object', fields: { name: { ...NAME, required: true }, tags: { ...TAGS, required: true }, description: DESCRIPTION } };
const patchSchema: ValidationSchema = { kind: 'object', fields: { name: NAME, tags: TAGS, description: DESCRIPTION } };

function stickerOr404(world: World, record: GuildRecord, stickerId: string): APISticker {
  const sticker = world.stickersOf(record).find((s) => s.id === stickerId);
  if (sticker === undefined) throw DiscordHttpError.notFound(RESTJSONErrorCodes.UnknownSticker, 'Unknown Sticker');
  return sticker;
}

function fileField(code: string, message: string): DiscordHttpError {
  return DiscordHttpError.invalidForm({ file: { _errors: [{ code, message }] } });
}

/** PNG, APNG and GIF by their magic bytes (APNG is a PNG with an `acTL` chunk); Lottie JSON is for partnered guilds only. */
function formatOf(file: UploadedFile): StickerFormatType | undefined {
  const bytes = file.data;
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return bytes.includes(Buffer.from('acTL')) ? StickerFormatType.APNG : StickerFormatType.PNG;
  if (bytes.subarray(0, 6).toString('latin1') === 'GIF89a' || bytes.subarray(0, 6).toString('latin1') === 'GIF87a') return StickerFormatType.GIF;
  return undefined;
}

function managed(context: RouteContext): { world: World; record: GuildRecord; sticker: APISticker } {
  const record = guildOr404(context.world, context.params.guild_id as string);
  requireBotPermissions(context.world, record.guild.id, PermissionFlagsBits.ManageGuildExpressions);
  return { world: context.world, record, sticker: stickerOr404(context.world, record, context.params.sticker_id as string) };
}

function create(context: RouteContext): { status: 201; body: APISticker } {
  const { world, params, files } = context;
  const record = guildOr404(world, params.guild_id as string);
  requireBotPermissions(world, record.guild.id, PermissionFlagsBits.CreateGuildExpressions);
  const input = context.body as { name: string; tags: string; description?: string | null };
  if (input.description != null && input.description !== '' && [...input.description].length < 2) {
    throw DiscordHttpError.invalidForm({ description: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 2 and 100 in length.' }] } });
  }
  const file = files.find((f) => f.field === 'file');
  if (file === undefined) throw fileField('BASE_TYPE_REQUIRED', 'This field is required');
  if (file.data.length > MAX_FILE_BYTES) throw DiscordHttpError.badRequest(RESTJSONErrorCodes.FileUploadedExceedsMaximumSize, 'Asset exceeds maximum size: 524288');
  const formatType = formatOf(file);
  if (formatType === undefined) throw DiscordHttpError.badRequest(RESTJSONErrorCodes.InvalidFileUploaded, 'Invalid file uploaded: stickers are PNG, APNG or GIF');
  if (world.stickersOf(record).length >= MAX_STICKERS) throw DiscordHttpError.badRequest(RESTJSONErrorCodes.MaximumNumberOfStickersReached, `Maximum number of stickers reached (${MAX_STICKERS})`);
  const sticker = world.createSticker(record.guild.id, { name: input.name, tags: input.tags, description: input.description ?? null, formatType, creator: world.botUser });
  audit(context, record.guild.id, AuditLogEvent.StickerCreate, sticker.id, { changes: [{ key: 'name', new_value: sticker.name }, { key: 'tags', new_value: sticker.tags }] });
  return { status: 201, body: sticker };
}

/**
 * Guild stickers: list, get (also by `/stickers/{id}`, which resolves standard stickers too), create from a multipart upload (`file` of
 * PNG, APNG or GIF up to 512 KiB, with `name`, `tags`, `description` fields), edit and delete.
 * GUILD_STICKERS_UPDATE goes to shards with GUILD_EXPRESSIONS. Guild routes are bucketed per guild.
 */
export const stickerRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/guilds/{guild_id}/stickers',
    auth: 'bot',
    handle: ({ world, params }) => ({ status: 200, body: world.stickersOf(guildOr404(world, params.guild_id as string)) }),
  },
  { method: 'POST', path: '/guilds/{guild_id}/stickers', auth: 'bot', multipart: true, schema: createSchema, handle: create },
  {
    method: 'GET',
    path: '/guilds/{guild_id}/stickers/{sticker_id}',
    auth: 'bot',
    handle: ({ world, params }) => ({ status: 200, body: stickerOr404(world, guildOr404(world, params.guild_id as string), params.sticker_id as string) }),
  },
  {
    method: 'PATCH',
    path: '/guilds/{guild_id}/stickers/{sticker_id}',
    auth: 'bot',
    schema: patchSchema,
    handle: (context) => {
      const { world, record, sticker } = managed(context);
      const input = (context.body ?? {}) as { name?: string; tags?: string; description?: string | null };
      const changes = [];
      for (const key of ['name', 'tags', 'description'] as const) {
        const value = input[key];
        if (value === undefined) continue;
        changes.push({ key, old_value: sticker[key], new_value: value });
        if (key === 'description') sticker.description = value;
        else if (value !== null) sticker[key] = value;
      }
      world.announceStickers(record.guild.id);
      audit(context, record.guild.id, AuditLogEvent.StickerUpdate, sticker.id, { changes });
      return { status: 200, body: sticker };
    },
  },
  {
    method: 'DELETE',
    path: '/guilds/{guild_id}/stickers/{sticker_id}',
    auth: 'bot',
    handle: (context) => {
      const { world, record, sticker } = managed(context);
      world.deleteSticker(record.guild.id, sticker.id);
      audit(context, record.guild.id, AuditLogEvent.StickerDelete, sticker.id, { changes: [{ key: 'name', old_value: sticker.name }] });
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    path: '/stickers/{sticker_id}',
    auth: 'bot',
    handle: ({ world, params }) => {
      const standard = standardSticker(params.sticker_id as string);
      if (standard !== undefined) return { status: 200, body: standard };
      for (const record of world.guilds.values()) {
        const sticker = world.stickersOf(record).find((s) => s.id === params.sticker_id);
        if (sticker !== undefined) return { status: 200, body: sticker };
      }
      throw DiscordHttpError.notFound(RESTJSONErrorCodes.UnknownSticker, 'Unknown Sticker');
    },
  },
];
