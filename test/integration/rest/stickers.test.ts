import { PermissionFlagsBits, RESTJSONErrorCodes, StickerFormatType } from 'discord-api-types/v10';
import { DiscordAPIError } from '../../../src/rest';
import { startFakeDiscordRest, useFakeDiscordRest } from '../../support/fake-discord-rest';

// The PNG signature is what Discord (and the fake) checks first; the rest stands in for image data.
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
const GIF = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.alloc(32, 1)]);

describe('rest.stickers against the fake Discord', () => {
  const env = useFakeDiscordRest();

  it('uploads, lists, reads, edits and deletes guild stickers', async () => {
    const guild = env.discord.createGuild({ name: 'stickers' });
    const sticker = await env.rest.stickers.create(
      guild.id,
      { name: 'wave', tags: 'wave', description: 'Waves hello', file: { name: 'wave.png', data: PNG } },
      { reason: 'new sticker' },
    );
    expect(sticker).toMatchObject({ name: 'wave', tags: 'wave', description: 'Waves hello', format_type: StickerFormatType.PNG, guild_id: guild.id });
    const upload = env.discord.requests('POST /guilds/{guild_id}/stickers').at(-1);
    expect(upload?.auditLogReason).toBe('new sticker');
    expect(upload?.files.map((file) => [file.field, file.filename, file.data.equals(PNG)])).toEqual([['file', 'wave.png', true]]);
    expect(env.discord.stickers(guild.id).map((candidate) => candidate.id)).toEqual([sticker.id]);

    const animated = await env.rest.stickers.create(guild.id, { name: 'spin', tags: 'cyclone', file: { name: 'spin.gif', data: GIF } });
    expect(animated).toMatchObject({ format_type: StickerFormatType.GIF, description: '' });

    expect((await env.rest.stickers.list(guild.id)).map((candidate) => candidate.name)).toEqual(['wave', 'spin']);
    expect((await env.rest.stickers.get(guild.id, sticker.id)).name).toBe('wave');
    expect((await env.rest.stickers.fetch(animated.id)).name).toBe('spin');

    const edited = await env.rest.stickers.edit(guild.id, sticker.id, { name: 'hello', description: null }, { reason: 'rename' });
    expect(edited).toMatchObject({ name: 'hello', description: null });
    expect(env.discord.requests('PATCH /guilds/{guild_id}/stickers/{sticker_id}').at(-1)?.auditLogReason).toBe('rename');

    await env.rest.stickers.delete(guild.id, sticker.id, { reason: 'cleanup' });
    expect(env.discord.stickers(guild.id).map((candidate) => candidate.name)).toEqual(['spin']);
    await expect(env.rest.stickers.get(guild.id, sticker.id)).rejects.toMatchObject({ discordCode: RESTJSONErrorCodes.UnknownSticker, status: 404 });
  });

  it('passes on Discord refusing a file that is not an image (50046) or too large (50045)', async () => {
    const guild = env.discord.createGuild({ name: 'bad files' });
    const notImage: unknown = await env.rest.stickers
      .create(guild.id, { name: 'text', tags: 'memo', file: { name: 'note.png', data: Buffer.from('just text') } })
      .catch((caught: unknown) => caught);
    expect(notImage).toBeInstanceOf(DiscordAPIError);
    expect(notImage).toMatchObject({ discordCode: RESTJSONErrorCodes.InvalidFileUploaded, status: 400 });
    await expect(
      env.rest.stickers.create(guild.id, { name: 'huge', tags: 'elephant', file: { name: 'huge.png', data: Buffer.concat([PNG, Buffer.alloc(600 * 1024)]) } }),
    ).rejects.toMatchObject({ discordCode: RESTJSONErrorCodes.FileUploadedExceedsMaximumSize });
    expect(env.discord.stickers(guild.id)).toEqual([]);
  });

  it('gives a DiscordAPIError with 50013 when the bot may not manage expressions', async () => {
    const limitedFake = await startFakeDiscordRest({ botPermissions: PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages });
    const { discord: limited, rest: limitedRest } = limitedFake;
    try {
      const guild = limited.createGuild({ name: 'locked' });
      const existing = limited.createSticker(guild.id, { name: 'keep', tags: 'lock' });
      const error: unknown = await limitedRest.stickers.delete(guild.id, existing.id).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DiscordAPIError);
      expect(error).toMatchObject({ discordCode: RESTJSONErrorCodes.MissingPermissions, status: 403 });
      await expect(limitedRest.stickers.create(guild.id, { name: 'new', tags: 'new', file: { name: 'new.png', data: PNG } })).rejects.toMatchObject({
        discordCode: RESTJSONErrorCodes.MissingPermissions,
      });
      expect(limited.stickers(guild.id).map((sticker) => sticker.name)).toEqual(['keep']);
    } finally {
      await limitedFake.close();
    }
  });
});
