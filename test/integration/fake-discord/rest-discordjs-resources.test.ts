import { REST } from '@discordjs/rest';
import { Routes, type APIExtendedInvite, type APIGuildScheduledEvent, type APISticker, type APIThreadMember } from 'discord-api-types/v10';
import { FakeDiscord } from '../../../src/testing';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

/** The routes a discord.js bot uses for invites, events, stickers and threads, through @discordjs/rest's own Routes and multipart. */
describe('@discordjs/rest against the invite, event, sticker and thread-member routes', () => {
  let discord: FakeDiscord;
  afterEach(async () => {
    await discord.close();
  });

  it('serves what discord.js sends, including its sticker upload', async () => {
    discord = await FakeDiscord.start({ port: 0 });
    const guild = discord.createGuild({ name: 'discord.js' });
    const general = guild.system_channel_id as string;
    const alice = discord.createUser({ username: 'alice' });
    discord.addMember(guild.id, alice.id);
    const rest = new REST({ api: discord.restUrl, version: '10', retries: 0, timeout: 5000 }).setToken(discord.token);

    const invite = (await rest.post(Routes.channelInvites(general), { body: { max_age: 60 }, reason: 'for alice' })) as APIExtendedInvite;
    expect((await rest.get(Routes.guildInvites(guild.id))) as APIExtendedInvite[]).toMatchObject([{ code: invite.code, max_age: 60 }]);
    expect(await rest.get(Routes.invite(invite.code), { auth: false })).toMatchObject({ code: invite.code });
    await rest.delete(Routes.invite(invite.code));
    expect(discord.invites(guild.id)).toEqual([]);

    const start = new Date(Date.now() + 3_600_000).toISOString();
    const end = new Date(Date.now() + 7_200_000).toISOString();
    const event = (await rest.post(Routes.guildScheduledEvents(guild.id), { body: { name: 'Party', privacy_level: 2, entity_type: 3, scheduled_start_time: start, scheduled_end_time: end, entity_metadata: { location: 'Here' } } })) as APIGuildScheduledEvent;
    discord.addEventInterest(guild.id, event.id, alice.id);
    expect(await rest.get(Routes.guildScheduledEventUsers(guild.id, event.id))).toMatchObject([{ user_id: alice.id }]);
    await rest.delete(Routes.guildScheduledEvent(guild.id, event.id));

    // discord.js sends sticker fields as plain form parts next to the `file` part.
    const sticker = (await rest.post(Routes.guildStickers(guild.id), { appendToFormData: true, body: { name: 'wave', tags: 'wave', description: '' }, files: [{ key: 'file', name: 'wave.png', data: PNG, contentType: 'image/png' }] })) as APISticker;
    expect(sticker).toMatchObject({ name: 'wave', format_type: 1 });
    expect(discord.stickers(guild.id).map((s) => s.id)).toEqual([sticker.id]);

    const thread = discord.createThread(general, { name: 'help', ownerId: alice.id });
    await rest.put(Routes.threadMembers(thread.id, '@me'));
    expect((await rest.get(Routes.threadMembers(thread.id))) as APIThreadMember[]).toHaveLength(2);
    expect(discord.requests().filter((r) => r.status >= 400)).toEqual([]);
  });
});
