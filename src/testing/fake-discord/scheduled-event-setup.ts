import { GuildScheduledEventEntityType, type APIGuildScheduledEvent, type GuildScheduledEventStatus } from 'discord-api-types/v10';
import { FakeDiscordError } from './fake-discord-error';
import { recurrenceRuleSchema } from './rest/recurrence-rule-schema';
import { validate } from './rest/validation';
import { toRecurrenceRule } from './world/recurrence-rule';
import { checkEventShape, checkStatusMove } from './world/scheduled-event-rules';
import { toApiScheduledEvent, type ScheduledEventOptions, type StoredScheduledEvent } from './world/scheduled-event-store';
import type { World } from './world/world';

/** The façade's scheduled events: the REST shape rules, status moves and interested members. */
export class ScheduledEventSetup {
  public constructor(private readonly world: World) {}

  public create(guildId: string, options: ScheduledEventOptions): APIGuildScheduledEvent {
    this.world.requireGuild(guildId);
    const entityType = options.entityType ?? GuildScheduledEventEntityType.External;
    const shape = {
      entity_type: entityType,
      channel_id: options.channelId ?? null,
      entity_metadata: options.location === undefined ? null : { location: options.location },
      scheduled_start_time: options.scheduledStartTime,
      scheduled_end_time: options.scheduledEndTime ?? null,
    };
    const channel = shape.channel_id === null ? undefined : this.world.requireChannel(shape.channel_id);
    // startChanged: false lets a test create an event that is already due.
    const problem = checkEventShape(shape, channel, { startChanged: false, now: Date.now() });
    if (problem !== undefined) throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_OPTION', `createScheduledEvent: ${problem.field}: ${problem.message}`);
    const rule = options.recurrenceRule ?? null;
    if (rule !== null) {
      const errors = validate(rule, recurrenceRuleSchema, undefined, ['recurrenceRule']);
      if (errors.size > 0) throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_OPTION', `createScheduledEvent: ${errors.describe().join('; ')}`);
    }
    const creator = options.creatorId === undefined ? this.world.botUser : this.world.requireUser(options.creatorId);
    const event = this.world.createScheduledEvent(guildId, {
      ...shape,
      name: options.name,
      description: options.description ?? null,
      creator_id: creator.id,
      creator,
      recurrence_rule: rule === null ? null : toRecurrenceRule(rule),
    });
    return toApiScheduledEvent(event);
  }

  public setStatus(guildId: string, eventId: string, status: GuildScheduledEventStatus): APIGuildScheduledEvent {
    const event = this.require(guildId, eventId);
    const problem = checkStatusMove(event.status, status);
    if (problem !== undefined) throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_OPTION', problem.message);
    return toApiScheduledEvent(this.world.updateScheduledEvent(event, { status }));
  }

  public addInterest(guildId: string, eventId: string, userId: string): void {
    const event = this.require(guildId, eventId);
    if (!this.world.requireGuild(guildId).members.has(userId)) throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_OPTION', `User ${userId} is not a member of guild ${guildId}; add them with discord.addMember first.`);
    this.world.setEventInterest(event, userId, true);
  }

  public removeInterest(guildId: string, eventId: string, userId: string): void {
    this.world.setEventInterest(this.require(guildId, eventId), userId, false);
  }

  public list(guildId: string): APIGuildScheduledEvent[] {
    this.world.requireGuild(guildId);
    return this.world.scheduledEvents.list(guildId).map((e) => toApiScheduledEvent(e, this.world.scheduledEvents.users(e.id).length));
  }

  private require(guildId: string, eventId: string): StoredScheduledEvent {
    const event = this.world.scheduledEvents.get(guildId, eventId);
    if (event === undefined) throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_UNKNOWN_ENTITY', `No scheduled event ${eventId} in guild ${guildId}; create it with discord.createScheduledEvent(guildId, { ... }).`);
    return event;
  }
}
