import {
  GuildScheduledEventEntityType,
  GuildScheduledEventPrivacyLevel,
  GuildScheduledEventStatus,
  PermissionFlagsBits,
  RESTJSONErrorCodes,
  type RESTPostAPIGuildScheduledEventJSONBody,
} from 'discord-api-types/v10';
import { DiscordAPIError } from '../../../src/rest';
import { startFakeDiscordRest, useFakeDiscordRest } from '../../support/fake-discord-rest';

function gameNight(startInMs = 3_600_000): RESTPostAPIGuildScheduledEventJSONBody {
  return {
    name: 'Game night',
    privacy_level: GuildScheduledEventPrivacyLevel.GuildOnly,
    entity_type: GuildScheduledEventEntityType.External,
    scheduled_start_time: new Date(Date.now() + startInMs).toISOString(),
    scheduled_end_time: new Date(Date.now() + startInMs + 3_600_000).toISOString(),
    entity_metadata: { location: 'Online' },
  };
}

describe('rest.scheduledEvents against the fake Discord', () => {
  const env = useFakeDiscordRest();

  it('creates, reads with user counts, edits, moves status and deletes an event', async () => {
    const guild = env.discord.createGuild({ name: 'events' });
    const alice = env.discord.createUser({ username: 'alice' });
    env.discord.addMember(guild.id, alice.id);

    const event = await env.rest.scheduledEvents.create(guild.id, gameNight(), { reason: 'weekly' });
    expect(event).toMatchObject({ name: 'Game night', status: GuildScheduledEventStatus.Scheduled, entity_metadata: { location: 'Online' } });
    expect(env.discord.requests('POST /guilds/{guild_id}/scheduled-events').at(-1)?.auditLogReason).toBe('weekly');
    expect(env.discord.scheduledEvents(guild.id).map((candidate) => candidate.id)).toEqual([event.id]);

    env.discord.addEventInterest(guild.id, event.id, alice.id);
    expect((await env.rest.scheduledEvents.list(guild.id, { withUserCount: true })).map((candidate) => candidate.user_count)).toEqual([1]);
    expect((await env.rest.scheduledEvents.list(guild.id))[0]?.user_count).toBeUndefined();
    expect((await env.rest.scheduledEvents.get(guild.id, event.id, { withUserCount: true })).user_count).toBe(1);

    const renamed = await env.rest.scheduledEvents.edit(guild.id, event.id, { name: 'Board game night' }, { reason: 'rename' });
    expect(renamed.name).toBe('Board game night');
    expect(env.discord.requests('PATCH /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}').at(-1)?.auditLogReason).toBe('rename');
    await env.rest.scheduledEvents.edit(guild.id, event.id, { status: GuildScheduledEventStatus.Active });
    const done = await env.rest.scheduledEvents.edit(guild.id, event.id, { status: GuildScheduledEventStatus.Completed });
    expect(done.status).toBe(GuildScheduledEventStatus.Completed);
    expect(env.discord.scheduledEvents(guild.id)[0]?.status).toBe(GuildScheduledEventStatus.Completed);

    // A finished event cannot change again: Discord's 180000, typed.
    const error: unknown = await env.rest.scheduledEvents.edit(guild.id, event.id, { name: 'again' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ discordCode: RESTJSONErrorCodes.CannotUpdateAFinishedEvent, status: 400 });

    await env.rest.scheduledEvents.delete(guild.id, event.id);
    expect(env.discord.scheduledEvents(guild.id)).toEqual([]);
    await expect(env.rest.scheduledEvents.get(guild.id, event.id)).rejects.toMatchObject({ discordCode: RESTJSONErrorCodes.UnknownGuildScheduledEvent });
  });

  it('lists interested users one page at a time and walks them lazily', async () => {
    const guild = env.discord.createGuild({ name: 'crowd' });
    const event = await env.rest.scheduledEvents.create(guild.id, gameNight());
    const ids: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const user = env.discord.createUser({ username: `fan${index}` });
      env.discord.addMember(guild.id, user.id, { nick: `Fan ${index}` });
      env.discord.addEventInterest(guild.id, event.id, user.id);
      ids.push(user.id);
    }
    const page = await env.rest.scheduledEvents.users(guild.id, event.id, { limit: 2, with_member: true });
    expect(page.map((entry) => entry.user.id)).toEqual(ids.slice(0, 2));
    expect(page[0]?.member?.nick).toBe('Fan 0');

    const walked: string[] = [];
    for await (const entry of env.rest.scheduledEvents.iterateUsers(guild.id, event.id, { pageSize: 2 })) walked.push(entry.user.id);
    expect(walked).toEqual(ids);
    // Three pages of two (the last one short) and nothing more.
    const pages = env.discord.requests('GET /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/users').slice(1);
    expect(pages.map((request) => request.query.after ?? null)).toEqual([null, ids[1], ids[3]]);

    const firstTwo: string[] = [];
    for await (const entry of env.rest.scheduledEvents.iterateUsers(guild.id, event.id, { limit: 2, withMember: true })) firstTwo.push(entry.member?.nick ?? '');
    expect(firstTwo).toEqual(['Fan 0', 'Fan 1']);
    expect(env.discord.requests().at(-1)?.query).toMatchObject({ limit: '2', with_member: 'true' });
  });

  it('gives a DiscordAPIError with 50013 when the bot may not create events, and 50035 for a start in the past', async () => {
    const guild = env.discord.createGuild({ name: 'past' });
    await expect(env.rest.scheduledEvents.create(guild.id, gameNight(-3_600_000))).rejects.toMatchObject({ discordCode: RESTJSONErrorCodes.InvalidFormBodyOrContentType });

    const limitedFake = await startFakeDiscordRest({ botPermissions: PermissionFlagsBits.ViewChannel });
    const { discord: limited, rest: limitedRest } = limitedFake;
    try {
      const locked = limited.createGuild({ name: 'locked' });
      const error: unknown = await limitedRest.scheduledEvents.create(locked.id, gameNight()).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DiscordAPIError);
      expect(error).toMatchObject({ discordCode: RESTJSONErrorCodes.MissingPermissions, status: 403 });
      expect(limited.scheduledEvents(locked.id)).toEqual([]);
    } finally {
      await limitedFake.close();
    }
  });
});
