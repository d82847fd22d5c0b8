import { ChannelType, GatewayDispatchEvents, GatewayIntentBits, OverwriteType, PermissionFlagsBits, RESTJSONErrorCodes, type APIChannel, type APIGuildMember, type APIMessage } from 'discord-api-types/v10';
import { FakeDiscord, type WorldDispatch } from '../../../../src/testing/fake-discord';
import { http } from './http-client';

/** Audit entries are asserted in their own test; the others look at the resource events. */
const withoutAudit = (list: WorldDispatch[]): WorldDispatch[] => list.filter((d) => d.t !== GatewayDispatchEvents.GuildAuditLogEntryCreate);
const guildIdOf = (discord: FakeDiscord, channelId: string): string => discord.world.requireChannel(channelId).guild_id as string;

describe('guild, member, ban and permission routes', () => {
  let discord: FakeDiscord;
  afterEach(async () => {
    await discord.close();
  });

  it('answers 50013 for a missing permission and 50001 for a channel the bot cannot see', async () => {
    discord = await FakeDiscord.start({ rateLimits: false, botPermissions: 0n });
    const guild = discord.createGuild({ name: 'Perms' });
    const user = discord.createUser({ username: 'u' });
    discord.addMember(guild.id, user.id);
    const created = await http(discord, 'POST', `/guilds/${guild.id}/channels`, { body: { name: 'nope' } });
    expect(created).toMatchObject({ status: 403, json: { code: RESTJSONErrorCodes.MissingPermissions, message: 'Missing Permissions' } });
    expect((await http(discord, 'PUT', `/guilds/${guild.id}/bans/${user.id}`)).json).toMatchObject({ code: RESTJSONErrorCodes.MissingPermissions });
    const hidden = discord.createChannel(guild.id, { name: 'hidden', permissionOverwrites: [{ id: guild.id, type: OverwriteType.Role, allow: '0', deny: PermissionFlagsBits.ViewChannel.toString() }] });
    expect(await http(discord, 'GET', `/channels/${hidden.id}/messages`)).toMatchObject({ status: 403, json: { code: RESTJSONErrorCodes.MissingAccess } });
    expect((await http(discord, 'POST', `/channels/${guild.system_channel_id as string}/messages`, { body: { content: 'everyone may talk in general' } })).status).toBe(200);
  });

  it('lists members with after/limit only when GUILD_MEMBERS is allowed', async () => {
    discord = await FakeDiscord.start({ rateLimits: false });
    const guild = discord.createGuild({ name: 'Members' });
    const ids = ['a', 'b', 'c'].map((name) => {
      const user = discord.createUser({ username: name });
      discord.addMember(guild.id, user.id);
      return user.id;
    });
    const all = (await http(discord, 'GET', `/guilds/${guild.id}/members?limit=1000`)).json as APIGuildMember[];
    expect(all).toHaveLength(5);
    const page = (await http(discord, 'GET', `/guilds/${guild.id}/members?limit=2&after=${ids[0] as string}`)).json as APIGuildMember[];
    expect(page.map((m) => m.user.id)).toEqual(ids.slice(1));
    const found = (await http(discord, 'GET', `/guilds/${guild.id}/members/search?query=B&limit=10`)).json as APIGuildMember[];
    expect(found.map((m) => m.user.username)).toEqual(['b']);
    expect((await http(discord, 'GET', `/guilds/${guild.id}/members/search`)).json).toMatchObject({ code: 50035, errors: { query: { _errors: [{ code: 'BASE_TYPE_REQUIRED' }] } } });
    expect((await http(discord, 'GET', `/guilds/${guild.id}/members?limit=0`)).json).toMatchObject({ code: 50035, errors: { limit: { _errors: [{ code: 'NUMBER_TYPE_MIN' }] } } });
    await discord.close();
    discord = await FakeDiscord.start({ rateLimits: false, allowedPrivilegedIntents: 0 });
    const other = discord.createGuild({ name: 'No intent' });
    expect((await http(discord, 'GET', `/guilds/${other.id}/members`)).json).toMatchObject({ code: RESTJSONErrorCodes.MissingAccess });
  });

  it('edits members, refuses unknown roles, and bans with the audit-log reason', async () => {
    discord = await FakeDiscord.start({ rateLimits: false });
    const guild = discord.createGuild({ name: 'Mod' });
    const user = discord.createUser({ username: 'troll' });
    discord.addMember(guild.id, user.id);
    const role = discord.createRole(guild.id, { name: 'muted' });
    const seen: WorldDispatch[] = [];
    discord.world.on('dispatch', (d) => seen.push(d));
    const edited = await http(discord, 'PATCH', `/guilds/${guild.id}/members/${user.id}`, { body: { nick: 'Troll', roles: [role.id] } });
    expect(edited.json).toMatchObject({ nick: 'Troll', roles: [role.id] });
    expect((await http(discord, 'PATCH', `/guilds/${guild.id}/members/${user.id}`, { body: { roles: ['123'] } })).json).toMatchObject({ code: RESTJSONErrorCodes.UnknownRole });
    const ban = await http(discord, 'PUT', `/guilds/${guild.id}/bans/${user.id}`, { body: { delete_message_seconds: 60 }, headers: { 'X-Audit-Log-Reason': encodeURIComponent('spam, again') } });
    expect(ban.status).toBe(204);
    expect((await http(discord, 'GET', `/guilds/${guild.id}/bans/${user.id}`)).json).toMatchObject({ user: { id: user.id }, reason: 'spam, again' });
    expect((await http(discord, 'GET', `/guilds/${guild.id}/members/${user.id}`)).json).toMatchObject({ code: RESTJSONErrorCodes.UnknownMember });
    expect(withoutAudit(seen).map((d) => d.t)).toEqual([GatewayDispatchEvents.GuildMemberUpdate, GatewayDispatchEvents.GuildMemberRemove, GatewayDispatchEvents.GuildBanAdd]);
    expect(withoutAudit(seen)[2]?.intents).toBe(GatewayIntentBits.GuildModeration);
    expect((await http(discord, 'DELETE', `/guilds/${guild.id}/bans/${user.id}`)).status).toBe(204);
    expect((await http(discord, 'DELETE', `/guilds/${guild.id}/bans/${user.id}`)).json).toMatchObject({ code: RESTJSONErrorCodes.UnknownBan });
    expect((await http(discord, 'DELETE', `/guilds/${guild.id}/members/${guild.owner_id}`)).json).toMatchObject({ code: RESTJSONErrorCodes.MissingPermissions });
    expect(discord.requests('PUT /guilds/{guild_id}/bans/{user_id}')[0]?.auditLogReason).toBe('spam, again');
  });
});

describe('audit log', () => {
  let discord: FakeDiscord;
  afterEach(async () => {
    await discord.close();
  });

  it('records moderation with the X-Audit-Log-Reason, announces it, and filters like Discord', async () => {
    discord = await FakeDiscord.start({ rateLimits: false });
    const guild = discord.createGuild({ name: 'Audit' });
    const user = discord.createUser({ username: 'spammer' });
    const other = discord.createUser({ username: 'other' });
    discord.addMember(guild.id, user.id);
    discord.addMember(guild.id, other.id);
    const role = discord.createRole(guild.id, { name: 'muted' });
    const seen: WorldDispatch[] = [];
    discord.world.on('dispatch', (d) => seen.push(d));
    const reason = { 'X-Audit-Log-Reason': encodeURIComponent('too many links') };
    await http(discord, 'PUT', `/guilds/${guild.id}/members/${user.id}/roles/${role.id}`, { headers: reason });
    await http(discord, 'PUT', `/guilds/${guild.id}/bans/${user.id}`, { headers: reason });
    await http(discord, 'DELETE', `/guilds/${guild.id}/members/${other.id}`);
    const log = (await http(discord, 'GET', `/guilds/${guild.id}/audit-logs`)).json as { audit_log_entries: { action_type: number; target_id: string; reason?: string; user_id: string; changes?: unknown }[]; users: { id: string }[] };
    expect(log.audit_log_entries.map((e) => [e.action_type, e.target_id, e.reason])).toEqual([
      [20, other.id, undefined],
      [22, user.id, 'too many links'],
      [25, user.id, 'too many links'],
    ]);
    expect(log.audit_log_entries[2]?.changes).toEqual([{ key: '$add', new_value: [{ id: role.id, name: 'muted' }] }]);
    expect(log.audit_log_entries.every((e) => e.user_id === discord.botUser.id)).toBe(true);
    expect(log.users.map((u) => u.id)).toEqual(expect.arrayContaining([discord.botUser.id, user.id, other.id]));
    const bans = (await http(discord, 'GET', `/guilds/${guild.id}/audit-logs?action_type=22`)).json as { audit_log_entries: unknown[] };
    expect(bans.audit_log_entries).toHaveLength(1);
    expect(seen.filter((d) => d.t === GatewayDispatchEvents.GuildAuditLogEntryCreate).map((d) => d.intents)).toEqual([GatewayIntentBits.GuildModeration, GatewayIntentBits.GuildModeration, GatewayIntentBits.GuildModeration]);
  });

  it('needs View Audit Log', async () => {
    discord = await FakeDiscord.start({ rateLimits: false, botPermissions: 0n });
    const guild = discord.createGuild({ name: 'No audit' });
    expect((await http(discord, 'GET', `/guilds/${guild.id}/audit-logs`)).json).toMatchObject({ code: RESTJSONErrorCodes.MissingPermissions });
  });
});

describe('role routes, leaving a guild and typing', () => {
  let discord: FakeDiscord;
  afterEach(async () => {
    await discord.close();
  });

  it('gives and takes roles, edits and deletes them, and refuses @everyone', async () => {
    discord = await FakeDiscord.start({ rateLimits: false });
    const guild = discord.createGuild({ name: 'Roles' });
    const user = discord.createUser({ username: 'r' });
    discord.addMember(guild.id, user.id);
    const role = discord.createRole(guild.id, { name: 'helpers' });
    const seen: WorldDispatch[] = [];
    discord.world.on('dispatch', (d) => seen.push(d));
    expect((await http(discord, 'PUT', `/guilds/${guild.id}/members/${user.id}/roles/${role.id}`)).status).toBe(204);
    expect((await http(discord, 'GET', `/guilds/${guild.id}/members/${user.id}`)).json).toMatchObject({ roles: [role.id] });
    expect((await http(discord, 'PATCH', `/guilds/${guild.id}/roles/${role.id}`, { body: { name: 'helpers+', permissions: '8192' } })).json).toMatchObject({ name: 'helpers+', permissions: '8192' });
    expect((await http(discord, 'DELETE', `/guilds/${guild.id}/roles/${role.id}`)).status).toBe(204);
    expect((await http(discord, 'GET', `/guilds/${guild.id}/members/${user.id}`)).json).toMatchObject({ roles: [] });
    expect(withoutAudit(seen).map((d) => d.t)).toEqual([GatewayDispatchEvents.GuildMemberUpdate, GatewayDispatchEvents.GuildRoleUpdate, GatewayDispatchEvents.GuildRoleDelete]);
    expect((await http(discord, 'DELETE', `/guilds/${guild.id}/roles/${guild.id}`)).json).toMatchObject({ code: RESTJSONErrorCodes.InvalidRole });
    expect((await http(discord, 'GET', `/guilds/${guild.id}/roles/1`)).json).toMatchObject({ code: RESTJSONErrorCodes.UnknownRole });
  });

  it('enforces the role hierarchy: nothing at or above the highest role of the bot, never the owner', async () => {
    discord = await FakeDiscord.start({ rateLimits: false });
    const guild = discord.createGuild({ name: 'Hierarchy' });
    const below = discord.createRole(guild.id, { name: 'below' });
    const above = discord.createRole(guild.id, { name: 'above', position: 3 });
    expect([below.position, discord.world.highestRolePosition(guild.id, discord.botUser.id), above.position]).toEqual([1, 2, 3]);
    const user = discord.createUser({ username: 'u' });
    discord.addMember(guild.id, user.id);
    const boss = discord.createUser({ username: 'boss' });
    discord.addMember(guild.id, boss.id, { roles: [above.id] });
    expect((await http(discord, 'PUT', `/guilds/${guild.id}/members/${user.id}/roles/${below.id}`)).status).toBe(204);
    const denied = [
      await http(discord, 'PUT', `/guilds/${guild.id}/members/${user.id}/roles/${above.id}`),
      await http(discord, 'PATCH', `/guilds/${guild.id}/members/${user.id}`, { body: { roles: [below.id, above.id] } }),
      await http(discord, 'PATCH', `/guilds/${guild.id}/roles/${above.id}`, { body: { name: 'x' } }),
      await http(discord, 'DELETE', `/guilds/${guild.id}/members/${boss.id}`),
      await http(discord, 'PUT', `/guilds/${guild.id}/bans/${boss.id}`),
      await http(discord, 'PATCH', `/guilds/${guild.id}/members/${boss.id}`, { body: { nick: 'no' } }),
      await http(discord, 'DELETE', `/guilds/${guild.id}/members/${guild.owner_id}`),
    ];
    expect(denied.map((r) => [r.status, (r.json as { code: number }).code])).toEqual(Array.from({ length: 7 }, () => [403, RESTJSONErrorCodes.MissingPermissions]));
    expect((await http(discord, 'DELETE', `/guilds/${guild.id}/members/${user.id}`)).status).toBe(204);
  });

  it('edits the guild (GUILD_UPDATE, audit entry) and the bot user (USER_UPDATE), refusing forbidden names', async () => {
    discord = await FakeDiscord.start({ rateLimits: false });
    const guild = discord.createGuild({ name: 'Before' });
    const seen: WorldDispatch[] = [];
    discord.world.on('dispatch', (d) => seen.push(d));
    expect((await http(discord, 'PATCH', `/guilds/${guild.id}`, { body: { name: 'After', afk_timeout: 60 } })).json).toMatchObject({ name: 'After', afk_timeout: 60 });
    expect((await http(discord, 'PATCH', `/guilds/${guild.id}`, { body: { system_channel_id: '123' } })).json).toMatchObject({ code: 50035, errors: { system_channel_id: { _errors: [{ code: 'CHANNEL_INVALID' }] } } });
    expect((await http(discord, 'PATCH', '/users/@me', { body: { username: 'Renamed' } })).json).toMatchObject({ username: 'Renamed', id: discord.botUser.id });
    expect(discord.botUser.username).toBe('Renamed');
    expect((await http(discord, 'PATCH', '/users/@me', { body: { username: 'discordbot' } })).json).toMatchObject({ code: 50035 });
    expect(seen.map((d) => d.t)).toEqual([GatewayDispatchEvents.GuildUpdate, GatewayDispatchEvents.GuildAuditLogEntryCreate, GatewayDispatchEvents.UserUpdate]);
  });

  it('lists the guilds of the bot, leaves one with GUILD_DELETE, and announces typing', async () => {
    discord = await FakeDiscord.start({ rateLimits: false });
    const first = discord.createGuild({ name: 'One' });
    const second = discord.createGuild({ name: 'Two' });
    const listed = (await http(discord, 'GET', '/users/@me/guilds')).json as { id: string; name: string }[];
    expect(listed.map((g) => g.name)).toEqual(['One', 'Two']);
    const seen: WorldDispatch[] = [];
    discord.world.on('dispatch', (d) => seen.push(d));
    await http(discord, 'POST', `/channels/${second.system_channel_id as string}/typing`);
    expect((await http(discord, 'DELETE', `/users/@me/guilds/${first.id}`)).status).toBe(204);
    expect(seen.map((d) => [d.t, d.intents])).toEqual([
      [GatewayDispatchEvents.TypingStart, GatewayIntentBits.GuildMessageTyping],
      [GatewayDispatchEvents.GuildDelete, GatewayIntentBits.Guilds],
    ]);
    expect(discord.world.guildIds()).toEqual([second.id]);
    expect((await http(discord, 'GET', `/guilds/${first.id}`)).json).toMatchObject({ code: RESTJSONErrorCodes.MissingAccess });
  });
});

describe('command, DM, reaction and bulk-delete routes', () => {
  let discord: FakeDiscord;
  beforeEach(async () => {
    discord = await FakeDiscord.start({ rateLimits: false });
  });
  afterEach(async () => {
    await discord.close();
  });

  it('validates commands like Discord, upserts by name and guards other applications', async () => {
    const base = `/applications/${discord.applicationId}/commands`;
    const bad = await http(discord, 'POST', base, { body: { name: 'Ping', description: '' } });
    expect(bad.json).toMatchObject({ code: 50035, errors: { name: { _errors: [{ code: 'APPLICATION_COMMAND_INVALID_NAME' }] }, description: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH' }] } } });
    const duplicate = await http(discord, 'PUT', base, { body: [{ name: 'a', description: 'A' }, { name: 'a', description: 'again' }] });
    expect(duplicate.json).toMatchObject({ code: 50035, errors: { '1': { name: { _errors: [{ code: 'APPLICATION_COMMANDS_DUPLICATE_NAME' }] } } } });
    const first = await http(discord, 'POST', base, { body: { name: 'ping', description: 'one' } });
    const second = await http(discord, 'POST', base, { body: { name: 'ping', description: 'two' } });
    expect([first.status, second.status]).toEqual([201, 200]);
    expect((second.json as { id: string }).id).toBe((first.json as { id: string }).id);
    expect(discord.commands().map((c) => c.description)).toEqual(['two']);
    expect((await http(discord, 'GET', '/applications/1/commands')).json).toMatchObject({ code: RESTJSONErrorCodes.NotAuthorizedToPerformThisActionOnThisApplication });
    expect((await http(discord, 'DELETE', `${base}/1`)).json).toMatchObject({ code: RESTJSONErrorCodes.UnknownApplicationCommand });
  });

  it('opens one DM channel per user and announces DMs with the DIRECT_MESSAGES intent', async () => {
    const user = discord.createUser({ username: 'dm' });
    const first = (await http(discord, 'POST', '/users/@me/channels', { body: { recipient_id: user.id } })).json as APIChannel;
    const second = (await http(discord, 'POST', '/users/@me/channels', { body: { recipient_id: user.id } })).json as APIChannel;
    expect(second.id).toBe(first.id);
    const seen: WorldDispatch[] = [];
    discord.world.on('dispatch', (d) => seen.push(d));
    discord.postMessage(first.id, user.id, 'hello bot');
    expect(seen[0]).toMatchObject({ t: GatewayDispatchEvents.MessageCreate, guildId: null, intents: GatewayIntentBits.DirectMessages });
    expect(seen[0]?.withoutMessageContent).toBeUndefined();
    const other = discord.createUser({ username: 'bot2', bot: true });
    expect((await http(discord, 'POST', '/users/@me/channels', { body: { recipient_id: other.id } })).json).toMatchObject({ code: RESTJSONErrorCodes.CannotSendMessagesToThisUser });
  });

  it('keeps reactions on the message, announces them, and refuses unknown emoji', async () => {
    const channelId = discord.createGuild({ name: 'React' }).system_channel_id as string;
    const message = (await http(discord, 'POST', `/channels/${channelId}/messages`, { body: { content: 'vote' } })).json as APIMessage;
    const seen: WorldDispatch[] = [];
    discord.world.on('dispatch', (d) => seen.push(d));
    const path = `/channels/${channelId}/messages/${message.id}/reactions`;
    await http(discord, 'PUT', `${path}/${encodeURIComponent('👍')}/@me`);
    expect((await http(discord, 'PUT', `${path}/${encodeURIComponent('party:123456789012345678')}/@me`)).json).toMatchObject({ code: RESTJSONErrorCodes.UnknownEmoji });
    const party = discord.createEmoji(guildIdOf(discord, channelId), { name: 'party' });
    await http(discord, 'PUT', `${path}/${encodeURIComponent(`party:${party.id as string}`)}/@me`);
    const read = (await http(discord, 'GET', `/channels/${channelId}/messages/${message.id}`)).json as APIMessage;
    expect(read.reactions?.map((r) => [r.emoji.name, r.count, r.me])).toEqual([['👍', 1, true], ['party', 1, true]]);
    expect(seen.filter((d) => d.t !== GatewayDispatchEvents.GuildEmojisUpdate).map((d) => [d.t, d.intents])).toEqual([
      [GatewayDispatchEvents.MessageReactionAdd, GatewayIntentBits.GuildMessageReactions],
      [GatewayDispatchEvents.MessageReactionAdd, GatewayIntentBits.GuildMessageReactions],
    ]);
    expect((await http(discord, 'PUT', `${path}/notanemoji/@me`)).json).toMatchObject({ code: RESTJSONErrorCodes.UnknownEmoji });
  });

  it('pins and unpins with CHANNEL_PINS_UPDATE and lists pins newest first', async () => {
    const channelId = discord.createGuild({ name: 'Pins' }).system_channel_id as string;
    const ids = [];
    for (const content of ['a', 'b']) ids.push(((await http(discord, 'POST', `/channels/${channelId}/messages`, { body: { content } })).json as APIMessage).id);
    const seen: WorldDispatch[] = [];
    discord.world.on('dispatch', (d) => seen.push(d));
    for (const id of ids) expect((await http(discord, 'PUT', `/channels/${channelId}/messages/pins/${id}`)).status).toBe(204);
    const listed = (await http(discord, 'GET', `/channels/${channelId}/messages/pins?limit=1`)).json as { items: { message: APIMessage }[]; has_more: boolean };
    expect(listed.items.map((i) => [i.message.content, i.message.pinned])).toEqual([['b', true]]);
    expect(listed.has_more).toBe(true);
    await http(discord, 'DELETE', `/channels/${channelId}/messages/pins/${ids[1] as string}`);
    expect(discord.messages(channelId).map((m) => m.pinned)).toEqual([true, false]);
    expect(withoutAudit(seen).map((d) => d.t)).toEqual([GatewayDispatchEvents.ChannelPinsUpdate, GatewayDispatchEvents.ChannelPinsUpdate, GatewayDispatchEvents.ChannelPinsUpdate]);
  });

  it('starts threads from messages and alone, counts their messages, and takes permissions from the parent', async () => {
    const guild = discord.createGuild({ name: 'Threads' });
    const channelId = guild.system_channel_id as string;
    const message = (await http(discord, 'POST', `/channels/${channelId}/messages`, { body: { content: 'topic' } })).json as APIMessage;
    const seen: WorldDispatch[] = [];
    discord.world.on('dispatch', (d) => seen.push(d));
    const thread = (await http(discord, 'POST', `/channels/${channelId}/messages/${message.id}/threads`, { body: { name: 'talk' } })).json as APIChannel & { message_count: number };
    expect(thread).toMatchObject({ id: message.id, type: ChannelType.PublicThread, parent_id: channelId, message_count: 0 });
    expect(seen[0]).toMatchObject({ t: GatewayDispatchEvents.ThreadCreate, d: { id: message.id, newly_created: true } });
    expect((await http(discord, 'POST', `/channels/${channelId}/messages/${message.id}/threads`, { body: { name: 'again' } })).json).toMatchObject({ code: RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage });
    await http(discord, 'POST', `/channels/${thread.id}/messages`, { body: { content: 'reply' } });
    expect((await http(discord, 'GET', `/channels/${thread.id}`)).json).toMatchObject({ message_count: 1, total_message_sent: 1 });
    const lonely = (await http(discord, 'POST', `/channels/${channelId}/threads`, { body: { name: 'secret' } })).json as APIChannel;
    expect(lonely.type).toBe(ChannelType.PrivateThread);
    expect(discord.world.guildCreatePayload(guild.id)?.threads.map((t) => t.id)).toEqual([thread.id, lonely.id]);
    await discord.close();
    discord = await FakeDiscord.start({ rateLimits: false, botPermissions: PermissionFlagsBits.ManageChannels });
    const other = discord.createGuild({ name: 'Hidden parent' });
    const parent = discord.createChannel(other.id, { name: 'hidden', permissionOverwrites: [{ id: other.id, type: OverwriteType.Role, allow: '0', deny: PermissionFlagsBits.ViewChannel.toString() }] });
    const inner = discord.world.createThread(discord.world.requireChannel(parent.id), { name: 't', type: ChannelType.PublicThread, ownerId: discord.botUser.id, autoArchiveDuration: 60 });
    expect((await http(discord, 'GET', `/channels/${inner.id}/messages`)).json).toMatchObject({ code: RESTJSONErrorCodes.MissingAccess });
    seen.length = 0;
    discord.world.on('dispatch', (d) => seen.push(d));
    discord.world.deleteChannel(discord.world.requireChannel(parent.id));
    expect(seen.map((d) => d.t)).toEqual([GatewayDispatchEvents.ThreadDelete, GatewayDispatchEvents.ChannelDelete]);
  });

  it('creates channel webhooks, executes them with and without wait, and guards tokens and names', async () => {
    const guild = discord.createGuild({ name: 'Hooks' });
    const channelId = guild.system_channel_id as string;
    const seen: WorldDispatch[] = [];
    discord.world.on('dispatch', (d) => seen.push(d));
    const hook = (await http(discord, 'POST', `/channels/${channelId}/webhooks`, { body: { name: 'Alerts' } })).json as { id: string; token: string; url: string };
    expect(hook.url).toBe(`${discord.restUrl}/webhooks/${hook.id}/${hook.token}`);
    expect(seen[0]).toMatchObject({ t: GatewayDispatchEvents.WebhooksUpdate, intents: GatewayIntentBits.GuildWebhooks });
    expect((await http(discord, 'POST', `/webhooks/${hook.id}/${hook.token}`, { token: null, body: { content: 'fire' } })).status).toBe(204);
    const [posted] = discord.messages(channelId);
    expect(posted).toMatchObject({ content: 'fire', webhook_id: hook.id, author: { id: hook.id, username: 'Alerts' } });
    // The webhook URL works as given (unversioned, like Discord's).
    const viaUrl = await fetch(`${hook.url}?wait=true`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ content: 'via url' }) });
    expect(viaUrl.status).toBe(200);
    await viaUrl.text();
    expect((await http(discord, 'POST', `/webhooks/${hook.id}/wrong`, { token: null, body: { content: 'x' } })).json).toMatchObject({ code: RESTJSONErrorCodes.InvalidWebhookToken });
    expect((await http(discord, 'POST', `/channels/${channelId}/webhooks`, { body: { name: 'My Discord hook' } })).json).toMatchObject({ code: 50035, errors: { name: { _errors: [{ code: 'USERNAME_INVALID_CONTAINS' }] } } });
    await http(discord, 'DELETE', `/webhooks/${hook.id}`);
    expect((await http(discord, 'POST', `/webhooks/${hook.id}/${hook.token}`, { token: null, body: { content: 'x' } })).json).toMatchObject({ code: RESTJSONErrorCodes.UnknownWebhook });
  });

  it('manages guild emojis with data-URI images and announces GUILD_EMOJIS_UPDATE', async () => {
    const guild = discord.createGuild({ name: 'Emojis' });
    const seen: WorldDispatch[] = [];
    discord.world.on('dispatch', (d) => seen.push(d));
    const image = `data:image/png;base64,${Buffer.from('png').toString('base64')}`;
    const created = await http(discord, 'POST', `/guilds/${guild.id}/emojis`, { body: { name: 'wave', image } });
    expect(created).toMatchObject({ status: 201, json: { name: 'wave', animated: false, require_colons: true } });
    const id = (created.json as { id: string }).id;
    expect((await http(discord, 'PATCH', `/guilds/${guild.id}/emojis/${id}`, { body: { name: 'wave2' } })).json).toMatchObject({ name: 'wave2' });
    expect((await http(discord, 'POST', `/guilds/${guild.id}/emojis`, { body: { name: 'bad', image: 'not-an-image' } })).json).toMatchObject({ code: 50035, errors: { image: { _errors: [{ code: 'BINARY_TYPE_INVALID_IMAGE' }] } } });
    expect((await http(discord, 'DELETE', `/guilds/${guild.id}/emojis/${id}`)).status).toBe(204);
    expect((await http(discord, 'GET', `/guilds/${guild.id}/emojis/${id}`)).json).toMatchObject({ code: RESTJSONErrorCodes.UnknownEmoji });
    expect(withoutAudit(seen).map((d) => [d.t, d.intents])).toEqual(Array.from({ length: 3 }, () => [GatewayDispatchEvents.GuildEmojisUpdate, GatewayIntentBits.GuildExpressions]));
  });

  it('refuses messages in a category with 50008', async () => {
    const guild = discord.createGuild({ name: 'Types' });
    const category = discord.createChannel(guild.id, { name: 'Stuff', type: ChannelType.GuildCategory });
    expect((await http(discord, 'POST', `/channels/${category.id}/messages`, { body: { content: 'x' } })).json).toMatchObject({ code: RESTJSONErrorCodes.CannotSendMessagesInNonTextChannel });
  });

  it('bulk-deletes 2-100 recent messages with one MESSAGE_DELETE_BULK and refuses old ones', async () => {
    const channelId = discord.createGuild({ name: 'Bulk' }).system_channel_id as string;
    const ids = await Promise.all([1, 2].map(async (n) => ((await http(discord, 'POST', `/channels/${channelId}/messages`, { body: { content: String(n) } })).json as APIMessage).id));
    const seen: WorldDispatch[] = [];
    discord.world.on('dispatch', (d) => seen.push(d));
    expect((await http(discord, 'POST', `/channels/${channelId}/messages/bulk-delete`, { body: { messages: ids } })).status).toBe(204);
    expect(withoutAudit(seen).map((d) => d.t)).toEqual([GatewayDispatchEvents.MessageDeleteBulk]);
    expect(discord.messages(channelId)).toEqual([]);
    expect((await http(discord, 'POST', `/channels/${channelId}/messages/bulk-delete`, { body: { messages: ['1'] } })).json).toMatchObject({ code: 50035, errors: { messages: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH' }] } } });
    const old = ((BigInt(Date.now() - 15 * 86_400_000 - 1_420_070_400_000) << 22n)).toString();
    expect((await http(discord, 'POST', `/channels/${channelId}/messages/bulk-delete`, { body: { messages: [old, ids[0]] } })).json).toMatchObject({ code: RESTJSONErrorCodes.OneOfTheMessagesProvidedWasTooOldForBulkDelete });
  });
});
