import {
  Routes,
  type RESTGetAPIGuildStickerResult,
  type RESTGetAPIGuildStickersResult,
  type RESTGetAPIStickerResult,
  type RESTPatchAPIGuildStickerJSONBody,
  type RESTPatchAPIGuildStickerResult,
  type RESTPostAPIGuildStickerFormDataBody,
  type RESTPostAPIGuildStickerResult,
} from 'discord-api-types/v10';
import type { RestFile } from '../multipart';
import { pass, type CallOptions, type ReasonOptions, type RestCaller } from './rest-caller';

/** What `rest.stickers.create` uploads: the form fields and the image. */
export interface CreateStickerInput extends Pick<RESTPostAPIGuildStickerFormDataBody, 'name' | 'tags'> {
  /** Empty or 2-100 characters. @defaultValue `''` */
  description?: string;
  /** A PNG, APNG or GIF of at most 512 KiB (320 x 320); sent as the form part `file`. */
  file: Omit<RestFile, 'key'>;
}

/**
 * Sticker calls: a guild's stickers (list, get, upload, edit, delete) and any sticker by id.
 *
 * @example
 * ```ts
 * const sticker = await rest.stickers.create(guildId, { name: 'wave', tags: 'wave', file: { name: 'wave.png', data: png } });
 * await rest.stickers.edit(guildId, sticker.id, { description: 'Waves back' }, { reason: 'typo' });
 * ```
 */
export class StickersApi {
  public constructor(private readonly rest: RestCaller) {}

  public list(guildId: string, options?: CallOptions): Promise<RESTGetAPIGuildStickersResult> {
    return this.rest.request('GET', Routes.guildStickers(guildId), pass(options));
  }

  public get(guildId: string, stickerId: string, options?: CallOptions): Promise<RESTGetAPIGuildStickerResult> {
    return this.rest.request('GET', Routes.guildSticker(guildId, stickerId), pass(options));
  }

  /** Any sticker by id, without knowing its guild (standard stickers included on Discord). */
  public fetch(stickerId: string, options?: CallOptions): Promise<RESTGetAPIStickerResult> {
    return this.rest.request('GET', Routes.sticker(stickerId), pass(options));
  }

  /**
   * Uploads a sticker (needs CREATE_GUILD_EXPRESSIONS). The fields go as `payload_json`, which
   * Discord accepts in place of plain form fields, and the image as the part `file`.
   */
  public create(guildId: string, input: CreateStickerInput, options?: ReasonOptions): Promise<RESTPostAPIGuildStickerResult> {
    const { file, description, ...fields } = input;
    return this.rest.request(
      'POST',
      Routes.guildStickers(guildId),
      pass(options, { body: { ...fields, description: description ?? '' }, files: [{ ...file, key: 'file' }] }),
    );
  }

  /** Edits a sticker's name, description or tags (needs MANAGE_GUILD_EXPRESSIONS, or CREATE_ for the bot's own). */
  public edit(guildId: string, stickerId: string, body: RESTPatchAPIGuildStickerJSONBody, options?: ReasonOptions): Promise<RESTPatchAPIGuildStickerResult> {
    return this.rest.request('PATCH', Routes.guildSticker(guildId, stickerId), pass(options, { body }));
  }

  public async delete(guildId: string, stickerId: string, options?: ReasonOptions): Promise<void> {
    await this.rest.request('DELETE', Routes.guildSticker(guildId, stickerId), pass(options));
  }
}
