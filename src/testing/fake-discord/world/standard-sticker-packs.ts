import { StickerFormatType, StickerType, type APISticker, type APIStickerPack } from 'discord-api-types/v10';
import { DISCORD_EPOCH } from '../../../snowflake';

// Standard stickers exist before any guild does and keep their ids across runs (bots hard-code
// them), so these are fixed snowflakes from one moment (2021-05-27, when packs launched) rather
// than ids from the world's generator. Names and contents are the fake's own, not Discord's packs.
const PACKS_CREATED_AT = BigInt(Date.UTC(2021, 4, 27));

function fixedId(sequence: number): string {
  return String(((PACKS_CREATED_AT - DISCORD_EPOCH) << 22n) + BigInt(sequence));
}

interface StickerSeed {
  readonly name: string;
  readonly tags: string;
  readonly description: string;
  readonly format: StickerFormatType;
}

interface PackSeed {
  readonly name: string;
  readonly description: string;
  readonly stickers: readonly StickerSeed[];
}

const SEEDS: readonly PackSeed[] = [
  {
    name: 'Oven Basics',
    description: 'Hello, thanks and see you: the everyday stickers of the fake Discord.',
    stickers: [
      { name: 'Wave', tags: 'wave', description: 'A friendly wave', format: StickerFormatType.PNG },
      { name: 'Thumbs Up', tags: 'thumbsup', description: 'Looks good to me', format: StickerFormatType.APNG },
      { name: 'Party', tags: 'tada', description: 'Time to celebrate', format: StickerFormatType.Lottie },
    ],
  },
  {
    name: 'Bakery',
    description: 'Fresh from the oven.',
    stickers: [
      { name: 'Bread', tags: 'bread', description: 'A warm loaf', format: StickerFormatType.PNG },
      { name: 'Croissant', tags: 'croissant', description: 'Flaky and buttery', format: StickerFormatType.Lottie },
      { name: 'Cake', tags: 'birthday', description: 'Someone has a birthday', format: StickerFormatType.GIF },
    ],
  },
  {
    name: 'Gateway Critters',
    description: 'Heartbeats, resumes and the odd zombie connection.',
    stickers: [
      { name: 'Heartbeat', tags: 'heart', description: 'Still alive', format: StickerFormatType.Lottie },
      { name: 'Resume', tags: 'repeat', description: 'Picking up where we left off', format: StickerFormatType.APNG },
    ],
  },
];

/**
 * Builds the packs `GET /sticker-packs` lists, shaped like the oracle's `StickerPackResponse`
 * (stickers as `StandardStickerResponse`: type 1, `pack_id`, `sort_value`, no guild fields).
 * Each call returns fresh objects, so a caller may hand them out without copying.
 */
export function standardStickerPacks(): APIStickerPack[] {
  let sequence = 0;
  return SEEDS.map((seed) => {
    const packId = fixedId(sequence++);
    const skuId = fixedId(sequence++);
    const bannerId = fixedId(sequence++);
    const stickers: APISticker[] = seed.stickers.map((sticker, index) => ({
      id: fixedId(sequence++),
      name: sticker.name,
      tags: sticker.tags,
      type: StickerType.Standard,
      format_type: sticker.format,
      description: sticker.description,
      pack_id: packId,
      sort_value: index,
    }));
    return {
      id: packId,
      sku_id: skuId,
      name: seed.name,
      description: seed.description,
      stickers,
      cover_sticker_id: stickers[0]?.id as string,
      banner_asset_id: bannerId,
    };
  });
}

/** A standard sticker by id (fresh object), for `GET /stickers/{id}`. */
export function standardSticker(stickerId: string): APISticker | undefined {
  for (const pack of standardStickerPacks()) {
    const sticker = pack.stickers.find((s) => s.id === stickerId);
    if (sticker !== undefined) return sticker;
  }
  return undefined;
}
