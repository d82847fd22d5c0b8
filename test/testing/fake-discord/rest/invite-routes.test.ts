import { ChannelType, GatewayDispatchEvents, GatewayIntentBits, OverwriteType, PermissionFlagsBits, RESTJSONErrorCodes, type APIExtendedInvite, type APIInvite } from 'discord-api-types/v10';
import { FakeDiscord, FakeDiscordError, type WorldDispatch } from '../../../../src/testing/fake-discord';
import { InviteStore } from '../../../../src/testing/fake-discord/world/invite-store';
import { http } from './http-client';

describe('invite routes', () => {
  let discord: FakeDiscord;
  afterEach(async () => {
    await discord.close();
  });

  it('creates, reuses, lists, resolves and revokes invites with INVITE_CREATE / INVITE_DELETE for GUILD_INVITES', async () => {
    discord = await FakeDiscord.start({ rateLimits: false });
    const guild = discord.createGuild({ name: 'Invites' });
    const general = guild.system_channel_id as string;
    const seen: WorldDispatch[] = [];
    discord.world.on('dispatch', (d) => seen.push(d));

    const created = await http(discord, 'POST', `/channels/${general}/invites`, { body: { max_age: 3600, max_uses: 5 } });
    expect(created.status).toBe(200);
    const invite = created.json as APIExtendedInvite;
    expect(invite).toMatchObject({ type: 0, guild_id: guild.id, channel: { id: general, name: 'general' }, inviter: { id: discord.botUser.id }, max_age: 3600, max_uses: 5, uses: 0, temporary: false });
    expect(invite.code).toMatch(/^[A-Za-z0-9]{8}$/);
    expect(Date.parse(invite.expires_at as string) - Date.parse(invite.created_at)).toBe(3_600_000);
    const create = seen.find((d) => d.t === GatewayDispatchEvents.InviteCreate);
    expect(create).toMatchObject({ guildId: guild.id, intents: GatewayIntentBits.GuildInvites, d: { code: invite.code, channel_id: general, guild_id: guild.id, uses: 0, max_uses: 5 } });

    // Without `unique`, an equal invite by the same inviter comes back instead of a new one.
    const again = (await http(discord, 'POST', `/channels/${general}/invites`, { body: { max_age: 3600, max_uses: 5 } })).json as APIExtendedInvite;
    expect(again.code).toBe(invite.code);
    const unique = (await http(discord, 'POST', `/channels/${general}/invites`, { body: { max_age: 3600, max_uses: 5, unique: true } })).json as APIExtendedInvite;
    expect(unique.code).not.toBe(invite.code);
    expect(seen.filter((d) => d.t === GatewayDispatchEvents.InviteCreate)).toHaveLength(2);

    const other = discord.createChannel(guild.id, { name: 'other' });
    await http(discord, 'POST', `/channels/${other.id}/invites`, { body: {} });
    expect(((await http(discord, 'GET', `/channels/${general}/invites`)).json as APIExtendedInvite[]).map((i) => i.code)).toEqual([invite.code, unique.code]);
    expect((await http(discord, 'GET', `/guilds/${guild.id}/invites`)).json).toHaveLength(3);

    const resolved = await http(discord, 'GET', `/invites/${invite.code}?with_counts=true`, { token: null });
    expect(resolved.status).toBe(200);
    expect(resolved.json).toMatchObject({ code: invite.code, guild: { id: guild.id, name: 'Invites' }, approximate_member_count: 2, approximate_presence_count: 0 });
    expect(resolved.json).not.toHaveProperty('uses');
    const event = discord.createScheduledEvent(guild.id, { name: 'Launch', location: 'Here', scheduledStartTime: '2030-01-01T00:00:00Z', scheduledEndTime: '2030-01-01T01:00:00Z' });
    expect((await http(discord, 'GET', `/invites/${invite.code}?guild_scheduled_event_id=${event.id}`)).json).toMatchObject({ guild_scheduled_event: { id: event.id, name: 'Launch' } });
    expect((await http(discord, 'GET', `/invites/${invite.code}?guild_scheduled_event_id=1`)).json).not.toHaveProperty('guild_scheduled_event');
    expect((await http(discord, 'GET', `/invites/${invite.code}?guild_scheduled_event_id=x`)).json).toMatchObject({ code: 50035, errors: { guild_scheduled_event_id: { _errors: [{ code: 'NUMBER_TYPE_COERCE' }] } } });

    const deleted = await http(discord, 'DELETE', `/invites/${invite.code}`, { headers: { 'X-Audit-Log-Reason': 'leaked' } });
    expect(deleted.status).toBe(200);
    expect((deleted.json as APIInvite).code).toBe(invite.code);
    expect(seen.find((d) => d.t === GatewayDispatchEvents.InviteDelete)).toMatchObject({ intents: GatewayIntentBits.GuildInvites, d: { code: invite.code, channel_id: general, guild_id: guild.id } });
    expect(await http(discord, 'GET', `/invites/${invite.code}`)).toMatchObject({ status: 404, json: { code: RESTJSONErrorCodes.UnknownInvite } });
    expect(await http(discord, 'DELETE', `/invites/${invite.code}`)).toMatchObject({ status: 404, json: { code: RESTJSONErrorCodes.UnknownInvite } });
    expect(discord.world.auditLog.list(guild.id, { limit: 100 }).map((e) => [e.action_type, e.reason])).toEqual(expect.arrayContaining([[42, 'leaked']]));
  });

  it('refuses missing permissions, hidden channels, categories and bad fields', async () => {
    discord = await FakeDiscord.start({ rateLimits: false, botPermissions: PermissionFlagsBits.ViewChannel });
    const guild = discord.createGuild({ name: 'Locked' });
    const general = guild.system_channel_id as string;
    expect(await http(discord, 'POST', `/channels/${general}/invites`, { body: {} })).toMatchObject({ status: 403, json: { code: RESTJSONErrorCodes.MissingPermissions } });
    expect(await http(discord, 'GET', `/channels/${general}/invites`)).toMatchObject({ status: 403, json: { code: RESTJSONErrorCodes.MissingPermissions } });
    expect(await http(discord, 'GET', `/guilds/${guild.id}/invites`)).toMatchObject({ status: 403, json: { code: RESTJSONErrorCodes.MissingPermissions } });
    const hidden = discord.createChannel(guild.id, { name: 'hidden', permissionOverwrites: [{ id: guild.id, type: OverwriteType.Role, allow: '0', deny: PermissionFlagsBits.ViewChannel.toString() }] });
    expect(await http(discord, 'POST', `/channels/${hidden.id}/invites`, { body: {} })).toMatchObject({ status: 403, json: { code: RESTJSONErrorCodes.MissingAccess } });
    // An invite someone else made: the bot may not revoke it without MANAGE_CHANNELS or MANAGE_GUILD.
    const theirs = discord.createInvite(general);
    expect(await http(discord, 'DELETE', `/invites/${theirs.code}`)).toMatchObject({ status: 403, json: { code: RESTJSONErrorCodes.MissingPermissions } });
    expect(await http(discord, 'POST', '/channels/1/invites', { body: {} })).toMatchObject({ status: 404, json: { code: RESTJSONErrorCodes.UnknownChannel } });
    await discord.close();

    discord = await FakeDiscord.start({ rateLimits: false });
    const open = discord.createGuild({ name: 'Open' });
    const category = discord.createChannel(open.id, { name: 'cat', type: ChannelType.GuildCategory });
    expect(await http(discord, 'POST', `/channels/${category.id}/invites`, { body: {} })).toMatchObject({ status: 400, json: { code: RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType } });
    const bad = await http(discord, 'POST', `/channels/${open.system_channel_id as string}/invites`, { body: { max_uses: 101, max_age: -1, target_type: 3 } });
    expect(bad.json).toMatchObject({ code: 50035, errors: { max_uses: { _errors: [{ code: 'NUMBER_TYPE_MAX' }] }, max_age: { _errors: [{ code: 'NUMBER_TYPE_MIN' }] }, target_type: { _errors: [{}] } } });
    const stream = await http(discord, 'POST', `/channels/${open.system_channel_id as string}/invites`, { body: { target_type: 1 } });
    expect(stream.json).toMatchObject({ code: 50035, errors: { target_user_id: { _errors: [{ code: 'BASE_TYPE_REQUIRED' }] } } });
  });

  it('lets test users join through an invite until it is used up', async () => {
    discord = await FakeDiscord.start({ rateLimits: false });
    const guild = discord.createGuild({ name: 'Join' });
    const alice = discord.createUser({ username: 'alice' });
    const bob = discord.createUser({ username: 'bob' });
    const invite = discord.createInvite(guild.system_channel_id as string, { maxUses: 1, inviterId: alice.id });
    expect(invite).toMatchObject({ inviter: { id: alice.id }, max_uses: 1, uses: 0 });
    expect(discord.invites(guild.id).map((i) => i.code)).toEqual([invite.code]);
    const seen: WorldDispatch[] = [];
    discord.world.on('dispatch', (d) => seen.push(d));
    discord.useInvite(invite.code, bob.id);
    expect(seen.map((d) => d.t)).toEqual([GatewayDispatchEvents.GuildMemberAdd, GatewayDispatchEvents.InviteDelete]);
    expect(discord.invites(guild.id)).toEqual([]);
    expect(() => discord.useInvite(invite.code, alice.id)).toThrow(FakeDiscordError);
    const second = discord.createInvite(guild.system_channel_id as string);
    expect(() => discord.useInvite(second.code, bob.id)).toThrow(/already a member/);
    expect(() => discord.createInvite(discord.dmChannel(bob.id).id)).toThrow(expect.objectContaining({ code: 'OVEN_ERR_FAKE_DISCORD_BAD_OPTION' }));
    discord.deleteInvite(second.code);
    expect(() => discord.deleteInvite(second.code)).toThrow(expect.objectContaining({ code: 'OVEN_ERR_FAKE_DISCORD_UNKNOWN_ENTITY' }));
  });

  it('forgets expired invites on read, without an INVITE_DELETE', () => {
    const store = new InviteStore();
    const channel = { id: '2', guild_id: '1', type: ChannelType.GuildText, name: 'c', flags: 0 };
    const timed = store.add(channel, undefined, { maxAge: 10 }, undefined, 1_000);
    const forever = store.add(channel, undefined, { maxAge: 0 }, undefined, 1_000);
    expect(forever.expiresAtMs).toBeNull();
    expect(store.get(timed.code, 10_999)).toBe(timed);
    expect(store.get(timed.code, 11_000)).toBeUndefined();
    expect(store.list(() => true, 1e15).map((i) => i.code)).toEqual([forever.code]);
  });
});
