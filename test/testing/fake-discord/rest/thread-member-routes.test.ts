import { ChannelType, GatewayDispatchEvents, GatewayIntentBits, PermissionFlagsBits, RESTJSONErrorCodes, type APIThreadMember } from 'discord-api-types/v10';
import { FakeDiscord, type WorldDispatch } from '../../../../src/testing/fake-discord';
import { http } from './http-client';

describe('thread member routes', () => {
  let discord: FakeDiscord;
  afterEach(async () => {
    await discord.close();
  });

  it('joins, adds, reads, lists and removes thread members with THREAD_MEMBER(S)_UPDATE on the right intents', async () => {
    discord = await FakeDiscord.start({ rateLimits: false });
    const guild = discord.createGuild({ name: 'Threads' });
    const alice = discord.createUser({ username: 'alice' });
    const bob = discord.createUser({ username: 'bob' });
    discord.addMember(guild.id, alice.id);
    discord.addMember(guild.id, bob.id);
    const thread = discord.createThread(guild.system_channel_id as string, { name: 'help', ownerId: alice.id });
    const base = `/channels/${thread.id}/thread-members`;
    const seen: WorldDispatch[] = [];
    discord.world.on('dispatch', (d) => seen.push(d));

    expect((await http(discord, 'PUT', `${base}/@me`)).status).toBe(204);
    expect(seen.map((d) => [d.t, d.intents])).toEqual([
      [GatewayDispatchEvents.ThreadMemberUpdate, GatewayIntentBits.Guilds],
      [GatewayDispatchEvents.ThreadMembersUpdate, GatewayIntentBits.Guilds],
    ]);
    expect(seen[1]?.d).toMatchObject({ id: thread.id, guild_id: guild.id, member_count: 2, added_members: [{ user_id: discord.botUser.id, id: thread.id }] });
    // discord-api-types' Routes encode `@me` as `%40me`; Discord decodes the path before routing.
    expect((await http(discord, 'PUT', `${base}/%40me`)).status).toBe(204);
    expect(seen).toHaveLength(2);
    expect((await http(discord, 'GET', '/users/%40me')).json).toMatchObject({ id: discord.botUser.id });

    expect((await http(discord, 'PUT', `${base}/${bob.id}`)).status).toBe(204);
    expect(seen.at(-1)).toMatchObject({ t: GatewayDispatchEvents.ThreadMembersUpdate, intents: GatewayIntentBits.GuildMembers, d: { member_count: 3, added_members: [{ user_id: bob.id, member: { user: { id: bob.id } } }] } });
    expect(discord.world.requireChannel(thread.id).member_count).toBe(3);

    const one = await http(discord, 'GET', `${base}/${bob.id}?with_member=true`);
    expect(one.json).toMatchObject({ id: thread.id, user_id: bob.id, flags: 0, member: { user: { id: bob.id } } });
    expect((await http(discord, 'GET', `${base}/${bob.id}`)).json).not.toHaveProperty('member');
    const all = (await http(discord, 'GET', base)).json as APIThreadMember[];
    expect(all.map((m) => m.user_id).sort()).toEqual([alice.id, bob.id, discord.botUser.id].sort());
    const sorted = all.map((m) => m.user_id as string);
    expect(((await http(discord, 'GET', `${base}?after=${sorted[0] as string}&limit=1`)).json as APIThreadMember[]).map((m) => m.user_id)).toEqual([sorted[1]]);

    expect((await http(discord, 'DELETE', `${base}/${bob.id}`)).status).toBe(204);
    expect(seen.at(-1)).toMatchObject({ t: GatewayDispatchEvents.ThreadMembersUpdate, intents: GatewayIntentBits.GuildMembers, d: { removed_member_ids: [bob.id], member_count: 2 } });
    expect(await http(discord, 'GET', `${base}/${bob.id}`)).toMatchObject({ status: 404, json: { code: RESTJSONErrorCodes.UnknownMember } });
    expect(await http(discord, 'DELETE', `${base}/${bob.id}`)).toMatchObject({ status: 404, json: { code: RESTJSONErrorCodes.UnknownMember } });
    expect((await http(discord, 'DELETE', `${base}/@me`)).status).toBe(204);
    expect(seen.at(-1)).toMatchObject({ intents: GatewayIntentBits.Guilds, d: { removed_member_ids: [discord.botUser.id] } });
    expect(discord.threadMembers(thread.id).map((m) => m.user_id)).toEqual([alice.id]);
  });

  it('refuses non-threads, archived threads, strangers, private threads and listing without GUILD_MEMBERS', async () => {
    discord = await FakeDiscord.start({ rateLimits: false, allowedPrivilegedIntents: 0, botPermissions: PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessagesInThreads });
    const guild = discord.createGuild({ name: 'Strict' });
    const general = guild.system_channel_id as string;
    const alice = discord.createUser({ username: 'alice' });
    const stranger = discord.createUser({ username: 'stranger' });
    discord.addMember(guild.id, alice.id);
    expect(await http(discord, 'PUT', `/channels/${general}/thread-members/@me`)).toMatchObject({ status: 400, json: { code: RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType } });
    const thread = discord.createThread(general, { name: 'public', ownerId: alice.id });
    expect(await http(discord, 'PUT', `/channels/${thread.id}/thread-members/${stranger.id}`)).toMatchObject({ status: 404, json: { code: RESTJSONErrorCodes.UnknownMember } });
    expect(await http(discord, 'GET', `/channels/${thread.id}/thread-members`)).toMatchObject({ status: 403, json: { code: RESTJSONErrorCodes.MissingAccess } });
    expect(await http(discord, 'DELETE', `/channels/${thread.id}/thread-members/${alice.id}`)).toMatchObject({ status: 403, json: { code: RESTJSONErrorCodes.MissingPermissions } });
    const secret = discord.createThread(general, { name: 'secret', ownerId: alice.id, type: ChannelType.PrivateThread });
    expect(await http(discord, 'PUT', `/channels/${secret.id}/thread-members/@me`)).toMatchObject({ status: 403, json: { code: RESTJSONErrorCodes.MissingPermissions } });
    expect(await http(discord, 'PUT', `/channels/${secret.id}/thread-members/${alice.id}`)).toMatchObject({ status: 403, json: { code: RESTJSONErrorCodes.MissingPermissions } });
    discord.world.updateChannel(discord.world.requireChannel(thread.id), { thread_metadata: { ...(discord.world.requireChannel(thread.id).thread_metadata as NonNullable<ReturnType<typeof discord.world.requireChannel>['thread_metadata']>), archived: true } });
    expect(await http(discord, 'PUT', `/channels/${thread.id}/thread-members/@me`)).toMatchObject({ status: 400, json: { code: RESTJSONErrorCodes.InvalidActionOnArchivedThread } });
    expect(() => discord.addThreadMember(thread.id, stranger.id)).toThrow(expect.objectContaining({ code: 'OVEN_ERR_FAKE_DISCORD_BAD_OPTION' }));
    expect(() => discord.addThreadMember(general, alice.id)).toThrow(expect.objectContaining({ code: 'OVEN_ERR_FAKE_DISCORD_BAD_OPTION' }));
    expect(() => discord.removeThreadMember(thread.id, stranger.id)).toThrow(expect.objectContaining({ code: 'OVEN_ERR_FAKE_DISCORD_UNKNOWN_ENTITY' }));
  });

  it('lets test users join and leave threads through the world API, and forgets members with the thread', async () => {
    discord = await FakeDiscord.start({ rateLimits: false });
    const guild = discord.createGuild({ name: 'World' });
    const alice = discord.createUser({ username: 'alice' });
    discord.addMember(guild.id, alice.id);
    const thread = discord.createThread(guild.system_channel_id as string, { name: 'bot thread' });
    expect(discord.threadMembers(thread.id).map((m) => m.user_id)).toEqual([discord.botUser.id]);
    const seen: WorldDispatch[] = [];
    discord.world.on('dispatch', (d) => seen.push(d));
    discord.addThreadMember(thread.id, alice.id);
    discord.removeThreadMember(thread.id, alice.id);
    expect(seen.map((d) => d.t)).toEqual([GatewayDispatchEvents.ThreadMembersUpdate, GatewayDispatchEvents.ThreadMembersUpdate]);
    discord.world.deleteChannel(discord.world.requireChannel(thread.id));
    expect(discord.world.threadMembers.list(thread.id)).toEqual([]);
  });
});
