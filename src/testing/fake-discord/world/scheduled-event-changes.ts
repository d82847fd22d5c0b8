// Scheduled events and interest in them (GUILD_SCHEDULED_EVENT_*).
import { GatewayDispatchEvents, GatewayIntentBits, GuildScheduledEventStatus } from 'discord-api-types/v10';
import { DEFAULT_PRIVACY, toApiScheduledEvent, type StoredScheduledEvent } from './scheduled-event-store';
import type { World } from './world';

/** What a new event is made of; the world fills in id, status, privacy and image. */
export type NewScheduledEventFields = Omit<StoredScheduledEvent, 'id' | 'guild_id' | 'status' | 'entity_id' | 'privacy_level' | 'recurrence_rule' | 'image'> & {
  readonly recurrence_rule?: StoredScheduledEvent['recurrence_rule'];
};

/** Stores a new scheduled event (status SCHEDULED): GUILD_SCHEDULED_EVENT_CREATE for GUILD_SCHEDULED_EVENTS. */
export function createScheduledEvent(world: World, guildId: string, fields: NewScheduledEventFields): StoredScheduledEvent {
  world.requireGuild(guildId);
  const event: StoredScheduledEvent = {
    ...fields,
    id: world.ids.next(),
    guild_id: guildId,
    image: null,
    status: GuildScheduledEventStatus.Scheduled,
    entity_id: null,
    privacy_level: DEFAULT_PRIVACY,
    recurrence_rule: fields.recurrence_rule ?? null,
  };
  world.scheduledEvents.add(event);
  world.dispatch({ t: GatewayDispatchEvents.GuildScheduledEventCreate, d: toApiScheduledEvent(event), guildId, intents: GatewayIntentBits.GuildScheduledEvents });
  return event;
}

/** Applies a change (already checked) to an event: GUILD_SCHEDULED_EVENT_UPDATE. */
export function updateScheduledEvent(world: World, event: StoredScheduledEvent, patch: Partial<StoredScheduledEvent>): StoredScheduledEvent {
  Object.assign(event, patch);
  world.dispatch({ t: GatewayDispatchEvents.GuildScheduledEventUpdate, d: toApiScheduledEvent(event), guildId: event.guild_id, intents: GatewayIntentBits.GuildScheduledEvents });
  return event;
}

export function deleteScheduledEvent(world: World, event: StoredScheduledEvent): void {
  world.scheduledEvents.remove(event.id);
  world.dispatch({ t: GatewayDispatchEvents.GuildScheduledEventDelete, d: toApiScheduledEvent(event), guildId: event.guild_id, intents: GatewayIntentBits.GuildScheduledEvents });
}

/** A member marks or unmarks interest: GUILD_SCHEDULED_EVENT_USER_ADD / _REMOVE; false when nothing changed. */
export function setEventInterest(world: World, event: StoredScheduledEvent, userId: string, interested: boolean): boolean {
  if (!world.scheduledEvents.setSubscribed(event.id, userId, interested)) return false;
  const t = interested ? GatewayDispatchEvents.GuildScheduledEventUserAdd : GatewayDispatchEvents.GuildScheduledEventUserRemove;
  world.dispatch({ t, d: { guild_scheduled_event_id: event.id, user_id: userId, guild_id: event.guild_id }, guildId: event.guild_id, intents: GatewayIntentBits.GuildScheduledEvents });
  return true;
}
