import { GatewayDispatchEvents, GatewayIntentBits, PermissionFlagsBits, RESTJSONErrorCodes, StickerFormatType, type APISticker } from 'discord-api-types/v10';
import { FakeDiscord, type WorldDispatch } from '../../../../src/testing/fake-discord';
import { http } from './http-client';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR....IDAT....')]);
const APNG = Buffer.concat([PNG, Buffer.from('acTL....')]);
const GIF = Buffer.from('GIF89a......');

/** A sticker upload as Discord takes it: plain form fields and the image as `file`. */
async function upload(discord: FakeDiscord, guildId: string, fields: Record<string, string>, file?: { data: Buffer; name: string }): Promise<{ status: number; json: unknown }> {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  if (file !== undefined) body.append('file', new Blob([file.data], { type: 'image/png' }), file.name);
  const response = await fetch(`${discord.restUrl}/v10/guilds/${guildId}/stickers`, { method: 'POST', headers: { Authorization: `Bot ${discord.token}` }, body });
  return { status: response.status, json: (await response.json()) as unknown };
}

describe('sticker routes', () => {
  let discord: FakeDiscord;
  afterEach(async () => {
    await discord.close();
  });

  it('uploads, lists, gets, edits and deletes guild stickers with GUILD_STICKERS_UPDATE for GUILD_EXPRESSIONS', async () => {
    discord = await FakeDiscord.start({ rateLimits: false });
    const guild = discord.createGuild({ name: 'Stickers' });
    const seen: WorldDispatch[] = [];
    discord.world.on('dispatch', (d) => seen.push(d));
    const lastUpdate = (): WorldDispatch | undefined => seen.filter((d) => d.t === GatewayDispatchEvents.GuildStickersUpdate).at(-1);

    const created = await upload(discord, guild.id, { name: 'wave', tags: 'wave', description: 'Waves hello' }, { data: PNG, name: 'wave.png' });
    expect(created.status).toBe(201);
    const sticker = created.json as APISticker;
    expect(sticker).toMatchObject({ name: 'wave', tags: 'wave', description: 'Waves hello', type: 2, format_type: StickerFormatType.PNG, guild_id: guild.id, available: true, user: { id: discord.botUser.id } });
    expect(lastUpdate()).toMatchObject({ t: GatewayDispatchEvents.GuildStickersUpdate, intents: GatewayIntentBits.GuildExpressions, d: { guild_id: guild.id, stickers: [{ id: sticker.id }] } });
    expect(((await upload(discord, guild.id, { name: 'spin', tags: 'spin' }, { data: APNG, name: 'spin.png' })).json as APISticker).format_type).toBe(StickerFormatType.APNG);
    expect(((await upload(discord, guild.id, { name: 'gif', tags: 'gif' }, { data: GIF, name: 'a.gif' })).json as APISticker).format_type).toBe(StickerFormatType.GIF);

    expect((await http(discord, 'GET', `/guilds/${guild.id}/stickers`)).json).toHaveLength(3);
    expect((await http(discord, 'GET', `/guilds/${guild.id}/stickers/${sticker.id}`)).json).toMatchObject({ id: sticker.id });
    expect((await http(discord, 'GET', `/stickers/${sticker.id}`)).json).toMatchObject({ id: sticker.id, guild_id: guild.id });
    const edited = await http(discord, 'PATCH', `/guilds/${guild.id}/stickers/${sticker.id}`, { body: { name: 'hello', description: null } });
    expect(edited.json).toMatchObject({ name: 'hello', description: null, tags: 'wave' });
    expect(lastUpdate()).toMatchObject({ d: { stickers: [{ name: 'hello' }, {}, {}] } });
    expect(seen.filter((d) => d.t === GatewayDispatchEvents.GuildStickersUpdate)[0]?.d).toMatchObject({ stickers: [{ name: 'wave' }] });
    expect(discord.world.guildCreatePayload(guild.id)?.stickers?.[0]).toMatchObject({ name: 'hello' });

    expect((await http(discord, 'DELETE', `/guilds/${guild.id}/stickers/${sticker.id}`)).status).toBe(204);
    expect(discord.stickers(guild.id).map((s) => s.name)).toEqual(['spin', 'gif']);
    expect(await http(discord, 'GET', `/guilds/${guild.id}/stickers/${sticker.id}`)).toMatchObject({ status: 404, json: { code: RESTJSONErrorCodes.UnknownSticker } });
    expect(await http(discord, 'GET', `/stickers/${sticker.id}`)).toMatchObject({ status: 404, json: { code: RESTJSONErrorCodes.UnknownSticker } });
    expect(discord.world.auditLog.list(guild.id, { limit: 100 }).map((e) => e.action_type)).toEqual(expect.arrayContaining([90, 91, 92]));
  });

  it('refuses missing files, bad images, oversize files, bad fields, the sixth sticker and missing permissions', async () => {
    discord = await FakeDiscord.start({ rateLimits: false });
    const guild = discord.createGuild({ name: 'Rules' });
    expect((await upload(discord, guild.id, { name: 'wave', tags: 'wave' })).json).toMatchObject({ code: 50035, errors: { file: { _errors: [{ code: 'BASE_TYPE_REQUIRED' }] } } });
    expect(await upload(discord, guild.id, { name: 'wave', tags: 'wave' }, { data: Buffer.from('not an image'), name: 'x.png' })).toMatchObject({ status: 400, json: { code: RESTJSONErrorCodes.InvalidFileUploaded } });
    expect(await upload(discord, guild.id, { name: 'big', tags: 'big' }, { data: Buffer.concat([PNG, Buffer.alloc(600 * 1024)]), name: 'big.png' })).toMatchObject({ status: 400, json: { code: RESTJSONErrorCodes.FileUploadedExceedsMaximumSize } });
    expect((await upload(discord, guild.id, { name: 'w', description: 'x' }, { data: PNG, name: 'w.png' })).json).toMatchObject({ code: 50035, errors: { name: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH' }] }, tags: { _errors: [{ code: 'BASE_TYPE_REQUIRED' }] } } });
    expect((await upload(discord, guild.id, { name: 'wave', tags: 'wave', description: 'x' }, { data: PNG, name: 'w.png' })).json).toMatchObject({ code: 50035, errors: { description: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH' }] } } });
    for (let i = 0; i < 5; i += 1) discord.createSticker(guild.id, { name: `s${i}`, tags: 'x' });
    expect(await upload(discord, guild.id, { name: 'sixth', tags: 'x' }, { data: PNG, name: 'w.png' })).toMatchObject({ status: 400, json: { code: RESTJSONErrorCodes.MaximumNumberOfStickersReached } });
    expect((await http(discord, 'PATCH', `/guilds/${guild.id}/stickers/1`, { body: { name: 'x2' } })).json).toMatchObject({ code: RESTJSONErrorCodes.UnknownSticker });
    await discord.close();

    discord = await FakeDiscord.start({ rateLimits: false, botPermissions: PermissionFlagsBits.ViewChannel });
    const locked = discord.createGuild({ name: 'Locked' });
    const theirs = discord.createSticker(locked.id, { name: 'theirs', tags: 'x' });
    expect(await upload(discord, locked.id, { name: 'wave', tags: 'wave' }, { data: PNG, name: 'w.png' })).toMatchObject({ status: 403, json: { code: RESTJSONErrorCodes.MissingPermissions } });
    expect(await http(discord, 'PATCH', `/guilds/${locked.id}/stickers/${theirs.id}`, { body: { name: 'mine' } })).toMatchObject({ status: 403, json: { code: RESTJSONErrorCodes.MissingPermissions } });
    expect(await http(discord, 'DELETE', `/guilds/${locked.id}/stickers/${theirs.id}`)).toMatchObject({ status: 403, json: { code: RESTJSONErrorCodes.MissingPermissions } });
    expect((await http(discord, 'GET', `/guilds/${locked.id}/stickers`)).json).toMatchObject([{ id: theirs.id }]);
  });
});
