import {
  ChannelType,
  GatewayDispatchEvents,
  GatewayIntentBits,
  GuildScheduledEventRecurrenceRuleFrequency,
  GuildScheduledEventRecurrenceRuleMonth,
  GuildScheduledEventRecurrenceRuleWeekday,
  GuildScheduledEventStatus,
  PermissionFlagsBits,
  RESTJSONErrorCodes,
  type APIGuildScheduledEvent,
} from 'discord-api-types/v10';
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
    expect((await http(discord, 'PATCH', `${base}/${event.id}`, { body: { status: GuildScheduledEventStatus.Canceled } })).json).toMatchObject({
      code: 50035,
      errors: { status: { _errors: [{ code: 'BASE_TYPE_CHOICES', message: expect.stringContaining('Value must be one of {2, 3}') as unknown as string }] } },
    });
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
    // Discord's own codes where bots are known to branch on them; the generic BASE_TYPE_BAD_VALUE
    // where no code is known, the message saying which rule.
    expect((await http(discord, 'POST', base, { body: { ...external(), scheduled_start_time: '2001-01-01T00:00:00Z' } })).json).toMatchObject({ errors: { scheduled_start_time: { _errors: [{ code: 'GUILD_SCHEDULED_EVENT_SCHEDULE_PAST', message: 'Cannot schedule event in the past.' }] } } });
    expect((await http(discord, 'POST', base, { body: { ...external(), scheduled_start_time: 'tomorrow' } })).json).toMatchObject({ errors: { scheduled_start_time: { _errors: [{ code: 'DATE_TIME_TYPE_PARSE', message: 'Could not parse tomorrow. Should be ISO8601.' }] } } });
    expect((await http(discord, 'POST', base, { body: { ...external(), scheduled_end_time: inAnHour(), scheduled_start_time: inTwoHours() } })).json).toMatchObject({ errors: { scheduled_end_time: { _errors: [{ code: 'BASE_TYPE_BAD_VALUE', message: 'Cannot schedule event to end before starting.' }] } } });
    expect((await http(discord, 'POST', base, { body: { ...external(), channel_id: text } })).json).toMatchObject({ errors: { channel_id: { _errors: [{ code: 'BASE_TYPE_BAD_VALUE', message: 'External events cannot have a channel.' }] } } });
    expect((await http(discord, 'POST', base, { body: { name: 'v', privacy_level: 2, entity_type: 2, scheduled_start_time: inAnHour() } })).json).toMatchObject({ errors: { channel_id: { _errors: [{ code: 'BASE_TYPE_REQUIRED' }] } } });
    expect((await http(discord, 'POST', base, { body: { name: 'v', privacy_level: 2, entity_type: 2, channel_id: text, scheduled_start_time: inAnHour() } })).json).toMatchObject({ code: 50035, errors: { channel_id: { _errors: [{ code: 'BASE_TYPE_BAD_VALUE' }] } } });
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
  it('accepts a recurrence_rule, echoes it whole (interval filled in, left-out lists null), keeps, replaces and clears it on PATCH', async () => {
    discord = await FakeDiscord.start({ rateLimits: false });
    const guild = discord.createGuild({ name: 'Recurring' });
    const seen: WorldDispatch[] = [];
    discord.world.on('dispatch', (d) => seen.push(d));
    const base = `/guilds/${guild.id}/scheduled-events`;
    const start = inAnHour();
    const weekly = { start, frequency: GuildScheduledEventRecurrenceRuleFrequency.Weekly, by_weekday: [GuildScheduledEventRecurrenceRuleWeekday.Friday] };
    const created = await http(discord, 'POST', base, { body: { ...external(), scheduled_start_time: start, recurrence_rule: weekly } });
    expect(created.status).toBe(200);
    const echoed = { start, end: null, frequency: 2, interval: 1, by_weekday: [4], by_n_weekday: null, by_month: null, by_month_day: null, by_year_day: null, count: null };
    const event = created.json as APIGuildScheduledEvent;
    expect(event.recurrence_rule).toEqual(echoed);
    expect(((await http(discord, 'GET', `${base}/${event.id}`)).json as APIGuildScheduledEvent).recurrence_rule).toEqual(echoed);
    expect(seen.find((d) => d.t === GatewayDispatchEvents.GuildScheduledEventCreate)).toMatchObject({ d: { recurrence_rule: echoed } });
    expect(discord.world.guildCreatePayload(guild.id)?.guild_scheduled_events[0]?.recurrence_rule).toEqual(echoed);

    // A PATCH without the field keeps the rule.
    expect(((await http(discord, 'PATCH', `${base}/${event.id}`, { body: { name: 'Renamed' } })).json as APIGuildScheduledEvent).recurrence_rule).toEqual(echoed);
    const monthly = { start, frequency: GuildScheduledEventRecurrenceRuleFrequency.Monthly, interval: 2, by_n_weekday: [{ n: 1, day: GuildScheduledEventRecurrenceRuleWeekday.Monday }], count: 5 };
    const replaced = (await http(discord, 'PATCH', `${base}/${event.id}`, { body: { recurrence_rule: monthly } })).json as APIGuildScheduledEvent;
    expect(replaced.recurrence_rule).toEqual({ ...echoed, frequency: 1, interval: 2, by_weekday: null, by_n_weekday: [{ n: 1, day: 0 }], count: 5 });
    expect(seen.filter((d) => d.t === GatewayDispatchEvents.GuildScheduledEventUpdate).at(-1)).toMatchObject({ d: { recurrence_rule: { frequency: 1, interval: 2 } } });
    expect(((await http(discord, 'PATCH', `${base}/${event.id}`, { body: { recurrence_rule: null } })).json as APIGuildScheduledEvent).recurrence_rule).toBeNull();

    // What the façade hands out is a copy: editing it does not reach the world.
    const yearly = discord.createScheduledEvent(guild.id, { name: 'Anniversary', location: 'Hall', scheduledStartTime: start, scheduledEndTime: inTwoHours(), recurrenceRule: { start, frequency: GuildScheduledEventRecurrenceRuleFrequency.Yearly, by_month: [GuildScheduledEventRecurrenceRuleMonth.July], by_month_day: [24] } });
    expect(yearly.recurrence_rule).toMatchObject({ frequency: 0, interval: 1, by_month: [7], by_month_day: [24], by_weekday: null });
    yearly.recurrence_rule?.by_month?.push(GuildScheduledEventRecurrenceRuleMonth.August);
    expect(discord.scheduledEvents(guild.id).find((e) => e.id === yearly.id)?.recurrence_rule?.by_month).toEqual([7]);
  });

  it('refuses invalid recurrence rules with 50035 and every bad field at its path, creating nothing', async () => {
    discord = await FakeDiscord.start({ rateLimits: false });
    const guild = discord.createGuild({ name: 'Bad rules' });
    const base = `/guilds/${guild.id}/scheduled-events`;
    const bad = await http(discord, 'POST', base, {
      body: {
        ...external(),
        recurrence_rule: {
          start: 'next friday',
          frequency: 7,
          interval: 1.5,
          by_weekday: [1, 1, 9],
          by_n_weekday: [{ n: 6, day: 1 }, { day: 2 }],
          by_month: [13],
          by_month_day: Array.from({ length: 34 }, (_, i) => i - 1),
          by_year_day: [400],
          end: 'later',
        },
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({
      code: 50035,
      errors: {
        recurrence_rule: {
          start: { _errors: [{ code: 'DATE_TIME_TYPE_PARSE', message: 'Could not parse next friday. Should be ISO8601.' }] },
          end: { _errors: [{ code: 'DATE_TIME_TYPE_PARSE' }] },
          frequency: { _errors: [{ code: 'BASE_TYPE_CHOICES', message: 'Value must be one of {0, 1, 2, 3}.' }] },
          interval: { _errors: [{ code: 'NUMBER_TYPE_COERCE' }] },
          by_weekday: { '2': { _errors: [{ code: 'BASE_TYPE_CHOICES' }] }, _errors: [{ code: 'BASE_TYPE_BAD_VALUE', message: 'Items must be unique; 1 appears more than once.' }] },
          by_n_weekday: { '0': { n: { _errors: [{ code: 'NUMBER_TYPE_MAX' }] } }, '1': { n: { _errors: [{ code: 'BASE_TYPE_REQUIRED' }] } } },
          by_month: { '0': { _errors: [{ code: 'BASE_TYPE_CHOICES' }] } },
          by_month_day: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 33 or fewer in length.' }] },
          by_year_day: { '0': { _errors: [{ code: 'NUMBER_TYPE_MAX' }] } },
        },
      },
    });
    const missing = await http(discord, 'POST', base, { body: { ...external(), recurrence_rule: {} } });
    expect(missing.json).toMatchObject({ code: 50035, errors: { recurrence_rule: { start: { _errors: [{ code: 'BASE_TYPE_REQUIRED' }] }, frequency: { _errors: [{ code: 'BASE_TYPE_REQUIRED' }] } } } });
    expect((await http(discord, 'POST', base, { body: { ...external(), recurrence_rule: 'weekly' } })).json).toMatchObject({ errors: { recurrence_rule: { _errors: [{ code: 'MODEL_TYPE_CONVERT' }] } } });
    expect(discord.scheduledEvents(guild.id)).toEqual([]);

    const event = discord.createScheduledEvent(guild.id, { name: 'One-off', location: 'Park', scheduledStartTime: inAnHour(), scheduledEndTime: inTwoHours() });
    expect(event.recurrence_rule).toBeNull();
    expect((await http(discord, 'PATCH', `${base}/${event.id}`, { body: { recurrence_rule: { start: inAnHour(), frequency: 3, by_weekday: [0, 0] } } })).json).toMatchObject({ errors: { recurrence_rule: { by_weekday: { _errors: [{ code: 'BASE_TYPE_BAD_VALUE' }] } } } });
    expect(discord.scheduledEvents(guild.id)[0]?.recurrence_rule).toBeNull();

    expect(() => discord.createScheduledEvent(guild.id, { name: 'Bad', location: 'Park', scheduledStartTime: inAnHour(), scheduledEndTime: inTwoHours(), recurrenceRule: { start: inAnHour(), frequency: 2, by_weekday: [8 as GuildScheduledEventRecurrenceRuleWeekday] } })).toThrow(
      expect.objectContaining({ code: 'OVEN_ERR_FAKE_DISCORD_BAD_OPTION', message: expect.stringContaining('recurrenceRule.by_weekday.0: Value must be one of {0, 1, 2, 3, 4, 5, 6}. (BASE_TYPE_CHOICES)') as unknown as string }),
    );
    expect(discord.scheduledEvents(guild.id)).toHaveLength(1);
  });
});
