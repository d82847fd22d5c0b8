import type { RecurrenceRuleInput } from './recurrence-rule';
import {
  GuildScheduledEventEntityType,
  GuildScheduledEventPrivacyLevel,
  GuildScheduledEventStatus,
  type APIGuildScheduledEvent,
  type APIGuildScheduledEventRecurrenceRule,
  type APIUser,
} from 'discord-api-types/v10';

/**
 * The fake's mutable scheduled-event record: one flat shape for the three entity types, because
 * PATCH may switch an event between them. It becomes `APIGuildScheduledEvent` only when it leaves
 * the world (`toApiScheduledEvent`).
 */
export interface StoredScheduledEvent {
  readonly id: string;
  readonly guild_id: string;
  name: string;
  description: string | null;
  channel_id: string | null;
  readonly creator_id: string | null;
  readonly creator?: APIUser;
  image: string | null;
  scheduled_start_time: string;
  scheduled_end_time: string | null;
  status: GuildScheduledEventStatus;
  entity_type: GuildScheduledEventEntityType;
  entity_id: string | null;
  entity_metadata: { location: string } | null;
  privacy_level: GuildScheduledEventPrivacyLevel;
  recurrence_rule: APIGuildScheduledEventRecurrenceRule | null;
}

/** What creating an event takes; the fields of `POST /guilds/{guild_id}/scheduled-events`, camel-cased. */
export interface ScheduledEventOptions {
  readonly name: string;
  /** ISO 8601 start. */
  readonly scheduledStartTime: string;
  /** ISO 8601 end; required for external events. */
  readonly scheduledEndTime?: string | null;
  /** @defaultValue GuildScheduledEventEntityType.External */
  readonly entityType?: GuildScheduledEventEntityType;
  /** Stage or voice channel of a stage or voice event. */
  readonly channelId?: string | null;
  /** Where an external event happens. */
  readonly location?: string;
  readonly description?: string | null;
  /** The user who created it. @defaultValue the bot */
  readonly creatorId?: string;
  /**
   * Makes it a recurring event; the fields are Discord's (`{ start, frequency, by_weekday, ... }`)
   * and are checked against the oracle's limits. @defaultValue null, a one-off event
   */
  readonly recurrenceRule?: RecurrenceRuleInput | null;
}

/** Scheduled events of every guild and who is interested in each (user ids in subscription order). */
export class ScheduledEventStore {
  private readonly events = new Map<string, StoredScheduledEvent>();
  private readonly subscribers = new Map<string, Set<string>>();

  public add(event: StoredScheduledEvent): void {
    this.events.set(event.id, event);
    this.subscribers.set(event.id, new Set());
  }

  public get(guildId: string, eventId: string): StoredScheduledEvent | undefined {
    const event = this.events.get(eventId);
    return event?.guild_id === guildId ? event : undefined;
  }

  public remove(eventId: string): void {
    this.events.delete(eventId);
    this.subscribers.delete(eventId);
  }

  public list(guildId: string): StoredScheduledEvent[] {
    return [...this.events.values()].filter((event) => event.guild_id === guildId);
  }

  /** Events of a guild that still count toward Discord's cap (scheduled or active). */
  public uncompleted(guildId: string): number {
    return this.list(guildId).filter((e) => e.status === GuildScheduledEventStatus.Scheduled || e.status === GuildScheduledEventStatus.Active).length;
  }

  public users(eventId: string): string[] {
    return [...(this.subscribers.get(eventId) ?? [])];
  }

  /** Adds or removes an interested user; false when nothing changed. */
  public setSubscribed(eventId: string, userId: string, subscribed: boolean): boolean {
    const set = this.subscribers.get(eventId);
    if (set === undefined || set.has(userId) === subscribed) return false;
    if (subscribed) set.add(userId);
    else set.delete(userId);
    return true;
  }
}

/** A copy of an event as Discord returns it; `userCount` adds `user_count` (`with_user_count=true`). */
export function toApiScheduledEvent(event: StoredScheduledEvent, userCount?: number): APIGuildScheduledEvent {
  const copy: Record<string, unknown> = {
    ...event,
    entity_metadata: event.entity_metadata === null ? null : { ...event.entity_metadata },
    recurrence_rule: event.recurrence_rule === null ? null : structuredClone(event.recurrence_rule),
    guild_scheduled_event_exceptions: [],
  };
  if (userCount !== undefined) copy.user_count = userCount;
  return copy as unknown as APIGuildScheduledEvent;
}

export const DEFAULT_PRIVACY = GuildScheduledEventPrivacyLevel.GuildOnly;
