import { RESTJSONErrorCodes } from 'discord-api-types/v10';
import { standardStickerPacks } from '../../world/standard-sticker-packs';
import { DiscordHttpError } from '../discord-http-error';
import type { RouteDefinition } from '../route';

/**
 * The standard sticker packs: `GET /sticker-packs` (the oracle lists it with optional auth, so it
 * answers without a token too) and `GET /sticker-packs/{pack_id}` (bot token; an unknown pack is
 * 404 / 10061 Unknown Sticker Pack).
 */
export const stickerPackRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/sticker-packs',
    auth: 'none',
    handle: () => ({ status: 200, body: { sticker_packs: standardStickerPacks() } }),
  },
  {
    method: 'GET',
    path: '/sticker-packs/{pack_id}',
    auth: 'bot',
    handle: ({ params }) => {
      const pack = standardStickerPacks().find((p) => p.id === params.pack_id);
      if (pack === undefined) throw DiscordHttpError.notFound(RESTJSONErrorCodes.UnknownStickerPack, 'Unknown Sticker Pack');
      return { status: 200, body: pack };
    },
  },
];
