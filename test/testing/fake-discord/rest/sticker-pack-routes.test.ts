import { RESTJSONErrorCodes, StickerType, type APISticker, type RESTGetStickerPacksResult } from 'discord-api-types/v10';
import { FakeDiscord } from '../../../../src/testing/fake-discord';
import { http } from './http-client';

describe('sticker pack routes', () => {
  let discord: FakeDiscord;
  beforeAll(async () => {
    discord = await FakeDiscord.start({ rateLimits: false });
  });
  afterAll(async () => {
    await discord.close();
  });

  it('lists the standard packs, with or without a token, each sticker pointing back at its pack', async () => {
    const withToken = await http(discord, 'GET', '/sticker-packs');
    const anonymous = await http(discord, 'GET', '/sticker-packs', { token: null });
    expect(withToken.status).toBe(200);
    expect(anonymous.json).toEqual(withToken.json);
    const { sticker_packs: packs } = withToken.json as RESTGetStickerPacksResult;
    expect(packs.map((p) => p.name)).toEqual(['Oven Basics', 'Bakery', 'Gateway Critters']);
    for (const pack of packs) {
      expect(pack.stickers.length).toBeGreaterThan(0);
      expect(pack.cover_sticker_id).toBe(pack.stickers[0]?.id);
      pack.stickers.forEach((sticker, index) => {
        expect(sticker).toMatchObject({ type: StickerType.Standard, pack_id: pack.id, sort_value: index });
        // Standard stickers carry no guild fields.
        expect(sticker).not.toHaveProperty('guild_id');
      });
    }
    const ids = packs.flatMap((p) => [p.id, p.sku_id, p.banner_asset_id, ...p.stickers.map((s) => s.id)]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps the same ids in every fake, as bots hard-code standard sticker ids', async () => {
    const other = await FakeDiscord.start({ rateLimits: false });
    try {
      expect((await http(other, 'GET', '/sticker-packs')).json).toEqual((await http(discord, 'GET', '/sticker-packs')).json);
    } finally {
      await other.close();
    }
  });

  it('gets one pack by id and its stickers by /stickers/{id}; a test editing an answer changes nothing', async () => {
    const { sticker_packs: packs } = (await http(discord, 'GET', '/sticker-packs')).json as RESTGetStickerPacksResult;
    const bakery = packs[1];
    if (bakery === undefined) throw new Error('no second pack');
    const one = await http(discord, 'GET', `/sticker-packs/${bakery.id}`);
    expect(one).toMatchObject({ status: 200, json: bakery });
    const cake = bakery.stickers[2] as APISticker;
    expect((await http(discord, 'GET', `/stickers/${cake.id}`)).json).toEqual(cake);
    cake.name = 'changed';
    expect(((await http(discord, 'GET', `/stickers/${cake.id}`)).json as APISticker).name).toBe('Cake');
  });

  it('answers 404 / 10061 for an unknown pack and 401 without a token', async () => {
    expect(await http(discord, 'GET', '/sticker-packs/1')).toMatchObject({ status: 404, json: { code: RESTJSONErrorCodes.UnknownStickerPack, message: 'Unknown Sticker Pack' } });
    const { sticker_packs: packs } = (await http(discord, 'GET', '/sticker-packs')).json as RESTGetStickerPacksResult;
    expect((await http(discord, 'GET', `/sticker-packs/${packs[0]?.id as string}`, { token: null })).status).toBe(401);
  });
});
