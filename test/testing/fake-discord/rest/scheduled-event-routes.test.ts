import { ChannelType, GatewayDispatchEvents, GatewayIntentBits, GuildScheduledEventStatus, PermissionFlagsBits, RESTJSONErrorCodes, type APIGuildScheduledEvent } from 'discord-api-types/v10';
import { FakeDiscord, type WorldDispatch } from '../../../../src/testing/fake-discord';
import { http } from './http-client';

const inAnHour = (): string => new Date(Date.now() + 3_600_000).toISOString();
const inTwoHours = (): string => new Date(Date.now() + 7_200_000).toISOString();
const external = (): Record<string, unknown> => ({ name: 'Meetup', privacy_level: 2, entity_type: 3, scheduled_start_time: inAnHour(), scheduled_end_time: inTwoHours(), entity_metadata: { location: 'Park' } });

describe('scheduled event routes', () => {
  let discord: FakeDiscord;
  afterEach(async () => {
    await discord.close();
  });

  it('creates, reads, edits through the status moves and deletes events, each announced for GUILD_SCHEDULED_EVENTS', async () => {
    discord = await FakeDiscord.start({ rateLimits: false });
    const guild = discord.createGuild({ name: 'Events' });
    const seen: WorldDispatch[] = [];
    discord.world.on('dispatch', (d) => seen.push(d));
    const base = `/guilds/${guild.id}/scheduled-events`;

    const created = await http(discord, 'POST', base, { body: external() });
    expect(created.status).toBe(200);
    const event = created.json as APIGuildScheduledEvent;
    expect(event).toMatchObject({ guild_id: guild.id, name: 'Meetup', status: 1, entity_type: 3, channel_id: null, entity_metadata: { location: 'Park' }, creator_id: discord.botUser.id, privacy_level: 2 });
    expect(seen.find((d) => d.t === GatewayDispatchEvents.GuildScheduledEventCreate)).toMatchObject({ intents: GatewayIntentBits.GuildScheduledEvents, guildId: guild.id, d: { id: event.id } });

    const voice = discord.createChannel(guild.id, { name: 'voice', type: ChannelType.GuildVoice });
    const onVoice = (await http(discord, 'POST', base, { body: { name: 'Voice chat', privacy_level: 2, entity_type: 2, channel_id: voice.id, scheduled_start_time: inAnHour() } })).json as APIGuildScheduledEvent;
    expect(onVoice).toMatchObject({ entity_type: 2, channel_id: voice.id, entity_metadata: null, scheduled_end_time: null });

    const alice = discord.createUser({ username: 'alice' });
    const bob = discord.createUser({ username: 'bob' });
    discord.addMember(guild.id, alice.id);
    discord.addMember(guild.id, bob.id);
    discord.addEventInterest(guild.id, event.id, alice.id);
    discord.addEventInterest(guild.id, event.id, bob.id);
    discord.addEventInterest(guild.id, event.id, bob.id);
    expect(seen.filter((d) => d.t === GatewayDispatchEvents.GuildScheduledEventUserAdd)).toHaveLength(2);
    expect((await http(discord, 'GET', `${base}/${event.id}?with_user_count=true`)).json).toMatchObject({ id: event.id, user_count: 2 });
    expect((await http(discord, 'GET', `${base}/${event.id}`)).json).not.toHaveProperty('user_count');
    expect(((await http(discord, 'GET', `${base}?with_user_count=true`)).json as APIGuildScheduledEvent[]).map((e) => [e.id, e.user_count])).toEqual([[event.id, 2], [onVoice.id, 0]]);

    const users = (await http(discord, 'GET', `${base}/${event.id}/users?with_member=true`)).json as { user_id: string; member?: unknown; response: number }[];
    expect(users.map((u) => u.user_id)).toEqual([alice.id, bob.id]);
    expect(users[0]).toMatchObject({ guild_scheduled_event_id: event.id, user: { id: alice.id }, member: { user: { id: alice.id } }, response: 1 });
    expect(((await http(discord, 'GET', `${base}/${event.id}/users?after=${alice.id}`)).json as { user_id: string; member?: unknown }[]).map((u) => [u.user_id, u.member])).toEqual([[bob.id, undefined]]);
    expect(((await http(discord, 'GET', `${base}/${event.id}/users?before=${bob.id}&limit=1`)).json as { user_id: string }[]).map((u) => u.user_id)).toEqual([alice.id]);
    expect((await http(discord, 'GET', `${base}/${event.id}/users/counts`)).json).toEqual({ guild_scheduled_event_count: 2, guild_scheduled_event_exception_counts: {} });
    discord.removeEventInterest(guild.id, event.id, alice.id);
    expect(seen.filter((d) => d.t === GatewayDispatchEvents.GuildScheduledEventUserRemove)).toMatchObject([{ d: { user_id: alice.id, guild_scheduled_event_id: event.id, guild_id: guild.id } }]);

    const renamed = await http(discord, 'PATCH', `${base}/${event.id}`, { body: { name: 'Big meetup', status: GuildScheduledEventStatus.Active } });
    expect(renamed.json).toMatchObject({ name: 'Big meetup', status: 2 });
    expect(seen.filter((d) => d.t === GatewayDispatchEvents.GuildScheduledEventUpdate).at(-1)).toMatchObject({ d: { name: 'Big meetup', status: 2 } });
    expect((await http(discord, 'PATCH', `${base}/${event.id}`, { body: { status: GuildScheduledEventStatus.Canceled } })).json).toMatchObject({ code: 50035, errors: { status: { _errors: [{}] } } });
    await http(discord, 'PATCH', `${base}/${event.id}`, { body: { status: GuildScheduledEventStatus.Completed } });
    expect(await http(discord, 'PATCH', `${base}/${event.id}`, { body: { name: 'again' } })).toMatchObject({ status: 400, json: { code: RESTJSONErrorCodes.CannotUpdateAFinishedEvent } });

    expect((await http(discord, 'DELETE', `${base}/${onVoice.id}`)).status).toBe(204);
    expect(seen.find((d) => d.t === GatewayDispatchEvents.GuildScheduledEventDelete)).toMatchObject({ d: { id: onVoice.id } });
    expect(await http(discord, 'GET', `${base}/${onVoice.id}`)).toMatchObject({ status: 404, json: { code: RESTJSONErrorCodes.UnknownGuildScheduledEvent } });
    expect(await http(discord, 'GET', `${base}/${onVoice.id}/users`)).toMatchObject({ status: 404, json: { code: RESTJSONErrorCodes.UnknownGuildScheduledEvent } });
    expect(await http(discord, 'GET', `${base}/${onVoice.id}/users/counts`)).toMatchObject({ status: 404, json: { code: RESTJSONErrorCodes.UnknownGuildScheduledEvent } });
    expect(discord.world.guildCreatePayload(guild.id)?.guild_scheduled_events.map((e) => e.id)).toEqual([event.id]);
  });

  it('enforces the entity-type rules, the time rules and the permissions with typed answers', async () => {
    discord = await FakeDiscord.start({ rateLimits: false });
    const guild = discord.createGuild({ name: 'Rules' });
    const base = `/guilds/${guild.id}/scheduled-events`;
    const text = guild.system_channel_id as string;
    expect((await http(discord, 'POST', base, { body: { ...external(), entity_metadata: undefined } })).json).toMatchObject({ code: 50035, errors: { entity_metadata: { location: { _errors: [{ code: 'BASE_TYPE_REQUIRED' }] } } } });
    expect((await http(discord, 'POST', base, { body: { ...external(), scheduled_end_time: undefined } })).json).toMatchObject({ code: 50035, errors: { scheduled_end_time: { _errors: [{ code: 'BASE_TYPE_REQUIRED' }] } } });
    expect((await http(discord, 'POST', base, { body: { ...external(), scheduled_start_time: '2001-01-01T00:00:00Z' } })).json).toMatchObject({ errors: { scheduled_start_time: { _errors: [{ code: 'GUILD_SCHEDULED_EVENT_SCHEDULE_PAST' }] } } });
    expect((await http(discord, 'POST', base, { body: { ...external(), scheduled_start_time: 'tomorrow' } })).json).toMatchObject({ errors: { scheduled_start_time: { _errors: [{ code: 'DATE_TIME_TYPE_PARSE' }] } } });
    expect((await http(discord, 'POST', base, { body: { ...external(), scheduled_end_time: inAnHour(), scheduled_start_time: inTwoHours() } })).json).toMatchObject({ errors: { scheduled_end_time: { _errors: [{}] } } });
    expect((await http(discord, 'POST', base, { body: { name: 'v', privacy_level: 2, entity_type: 2, scheduled_start_time: inAnHour() } })).json).toMatchObject({ errors: { channel_id: { _errors: [{ code: 'BASE_TYPE_REQUIRED' }] } } });
    expect((await http(discord, 'POST', base, { body: { name: 'v', privacy_level: 2, entity_type: 2, channel_id: text, scheduled_start_time: inAnHour() } })).json).toMatchObject({ code: 50035, errors: { channel_id: { _errors: [{}] } } });
    expect(await http(discord, 'POST', base, { body: { name: 'v', privacy_level: 2, entity_type: 2, channel_id: '1', scheduled_start_time: inAnHour() } })).toMatchObject({ status: 404, json: { code: RESTJSONErrorCodes.UnknownChannel } });
    expect((await http(discord, 'POST', base, { body: { privacy_level: 1, entity_type: 9 } })).json).toMatchObject({ code: 50035, errors: { name: { _errors: [{ code: 'BASE_TYPE_REQUIRED' }] }, privacy_level: { _errors: [{}] }, entity_type: { _errors: [{}] } } });
    expect(discord.scheduledEvents(guild.id)).toEqual([]);
    await discord.close();

    // CREATE_EVENTS alone: the bot may create and edit its own events but not someone else's.
    discord = await FakeDiscord.start({ rateLimits: false, botPermissions: PermissionFlagsBits.ViewChannel | PermissionFlagsBits.CreateEvents });
    const limited = discord.createGuild({ name: 'Limited' });
    const own = (await http(discord, 'POST', `/guilds/${limited.id}/scheduled-events`, { body: external() })).json as APIGuildScheduledEvent;
    expect((await http(discord, 'PATCH', `/guilds/${limited.id}/scheduled-events/${own.id}`, { body: { name: 'Mine' } })).status).toBe(200);
    const alice = discord.createUser({ username: 'alice' });
    const theirs = discord.createScheduledEvent(limited.id, { name: 'Theirs', location: 'Home', scheduledStartTime: inAnHour(), scheduledEndTime: inTwoHours(), creatorId: alice.id });
    expect(await http(discord, 'PATCH', `/guilds/${limited.id}/scheduled-events/${theirs.id}`, { body: { name: 'x' } })).toMatchObject({ status: 403, json: { code: RESTJSONErrorCodes.MissingPermissions } });
    expect(await http(discord, 'DELETE', `/guilds/${limited.id}/scheduled-events/${theirs.id}`)).toMatchObject({ status: 403, json: { code: RESTJSONErrorCodes.MissingPermissions } });
    const voice = discord.createChannel(limited.id, { name: 'voice', type: ChannelType.GuildVoice });
    expect(await http(discord, 'POST', `/guilds/${limited.id}/scheduled-events`, { body: { name: 'v', privacy_level: 2, entity_type: 2, channel_id: voice.id, scheduled_start_time: inAnHour() } })).toMatchObject({ status: 403, json: { code: RESTJSONErrorCodes.MissingPermissions } });
    await discord.close();

    discord = await FakeDiscord.start({ rateLimits: false, botPermissions: PermissionFlagsBits.ViewChannel });
    const none = discord.createGuild({ name: 'None' });
    expect(await http(discord, 'POST', `/guilds/${none.id}/scheduled-events`, { body: external() })).toMatchObject({ status: 403, json: { code: RESTJSONErrorCodes.MissingPermissions } });
  });

  it('checks the world API input and status moves with typed errors', async () => {
    discord = await FakeDiscord.start({ rateLimits: false });
    const guild = discord.createGuild({ name: 'World' });
    expect(() => discord.createScheduledEvent(guild.id, { name: 'x', scheduledStartTime: inAnHour() })).toThrow(expect.objectContaining({ code: 'OVEN_ERR_FAKE_DISCORD_BAD_OPTION' }));
    // A start in the past is allowed here so tests can set up an event that is already due.
    const due = discord.createScheduledEvent(guild.id, { name: 'Due', location: 'Here', scheduledStartTime: '2001-01-01T00:00:00Z', scheduledEndTime: '2001-01-01T01:00:00Z' });
    expect(discord.setScheduledEventStatus(guild.id, due.id, GuildScheduledEventStatus.Active).status).toBe(GuildScheduledEventStatus.Active);
    expect(() => discord.setScheduledEventStatus(guild.id, due.id, GuildScheduledEventStatus.Scheduled)).toThrow(expect.objectContaining({ code: 'OVEN_ERR_FAKE_DISCORD_BAD_OPTION' }));
    expect(() => discord.setScheduledEventStatus(guild.id, '1', GuildScheduledEventStatus.Active)).toThrow(expect.objectContaining({ code: 'OVEN_ERR_FAKE_DISCORD_UNKNOWN_ENTITY' }));
    const stranger = discord.createUser({ username: 'stranger' });
    expect(() => discord.addEventInterest(guild.id, due.id, stranger.id)).toThrow(expect.objectContaining({ code: 'OVEN_ERR_FAKE_DISCORD_BAD_OPTION' }));
    expect(discord.scheduledEvents(guild.id)).toMatchObject([{ id: due.id, user_count: 0, status: 2 }]);
  });
});
