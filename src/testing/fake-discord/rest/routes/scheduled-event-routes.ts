import { AuditLogEvent, GuildScheduledEventEntityType, GuildScheduledEventPrivacyLevel, GuildScheduledEventStatus, PermissionFlagsBits, RESTJSONErrorCodes, type APIUser } from 'discord-api-types/v10';
import { channelOr404, guildOr404, readLimit, readSnowflake, requireBotPermissions } from '../access';
import { audit } from '../audit';
import { DiscordHttpError } from '../discord-http-error';
import type { RouteContext, RouteDefinition } from '../route';
import { recurrenceRuleSchema } from '../recurrence-rule-schema';
import type { ValidationSchema } from '../validation';
import { toRecurrenceRule, type RecurrenceRuleInput } from '../../world/recurrence-rule';
import { checkEventShape, checkStatusMove, type EventRuleProblem } from '../../world/scheduled-event-rules';
import { toApiScheduledEvent, type StoredScheduledEvent } from '../../world/scheduled-event-store';
import type { StoredChannel } from '../../world/stored-channel';
import type { GuildRecord, World } from '../../world/world';

// Discord caps a guild at 100 scheduled or active events (30038).
const MAX_UNCOMPLETED = 100;
const ENTITY_TYPES = [GuildScheduledEventEntityType.StageInstance, GuildScheduledEventEntityType.Voice, GuildScheduledEventEntityType.External];
// Joining the channel is needed for voice events; a stage event also moderates the stage.
const CHANNEL_PERMISSIONS: Partial<Record<GuildScheduledEventEntityType, bigint>> = {
  [GuildScheduledEventEntityType.Voice]: PermissionFlagsBits.ViewChannel | PermissionFlagsBits.Connect,
  [GuildScheduledEventEntityType.StageInstance]: PermissionFlagsBits.ViewChannel | PermissionFlagsBits.Connect | PermissionFlagsBits.ManageChannels | PermissionFlagsBits.MuteMembers | PermissionFlagsBits.MoveMembers,
};

const fields = {
  name: { kind: 'string', min: 1, max: 100 },
  description: { kind: 'string', max: 1000, nullable: true },
  image: { kind: 'string', nullable: true },
  scheduled_start_time: { kind: 'string' },
  scheduled_end_time: { kind: 'string', nullable: true },
  privacy_level: { kind: 'choice', values: [GuildScheduledEventPrivacyLevel.GuildOnly] },
  entity_type: { kind: 'choice', values: ENTITY_TYPES },
  channel_id: { kind: 'snowflake', nullable: true },
  entity_metadata: { kind: 'object', nullable: true, fields: { location: { kind: 'string', min: 1, max: 100 } } },
  recurrence_rule: recurrenceRuleSchema,
} as const;

const createSchema = {
  kind: 'object',
  fields: { ...fields, name: { ...fields.name, required: true }, scheduled_start_time: { ...fields.scheduled_start_time, required: true }, privacy_level: { ...fields.privacy_level, required: true }, entity_type: { ...fields.entity_type, required: true } },
} as ValidationSchema;
const patchSchema = { kind: 'object', fields: { ...fields, status: { kind: 'choice', values: [1, 2, 3, 4] } } } as ValidationSchema;

interface EventBody {
  name?: string;
  description?: string | null;
  scheduled_start_time?: string;
  scheduled_end_time?: string | null;
  entity_type?: GuildScheduledEventEntityType;
  channel_id?: string | null;
  entity_metadata?: { location?: string } | null;
  status?: GuildScheduledEventStatus;
  recurrence_rule?: RecurrenceRuleInput | null;
}

function invalid(problem: EventRuleProblem): DiscordHttpError {
  // A dotted field (`entity_metadata.location`) becomes the nested `_errors` tree Discord sends.
  const tree = problem.field.split('.').reduceRight<Record<string, unknown>>((inner, key) => ({ [key]: inner }), { _errors: [{ code: problem.code, message: problem.message }] });
  return DiscordHttpError.invalidForm(tree as Parameters<typeof DiscordHttpError.invalidForm>[0]);
}

function eventOr404(world: World, record: GuildRecord, eventId: string): StoredScheduledEvent {
  const event = world.scheduledEvents.get(record.guild.id, eventId);
  if (event === undefined) throw DiscordHttpError.notFound(RESTJSONErrorCodes.UnknownGuildScheduledEvent, 'Unknown Guild Scheduled Event');
  return event;
}

function eventChannel(world: World, record: GuildRecord, channelId: string | null | undefined, entityType: GuildScheduledEventEntityType): StoredChannel | undefined {
  if (channelId === null || channelId === undefined || entityType === GuildScheduledEventEntityType.External) return undefined;
  const channel = channelOr404(world, channelId);
  if (channel.guild_id !== record.guild.id) throw DiscordHttpError.notFound(RESTJSONErrorCodes.UnknownChannel, 'Unknown Channel');
  requireBotPermissions(world, record.guild.id, CHANNEL_PERMISSIONS[entityType] ?? 0n, channel);
  return channel;
}

function view(world: World, event: StoredScheduledEvent, withUserCount: boolean): unknown {
  return toApiScheduledEvent(event, withUserCount ? world.scheduledEvents.users(event.id).length : undefined);
}

/** MANAGE_EVENTS, or CREATE_EVENTS for an event the bot created itself. */
function requireManage(world: World, record: GuildRecord, event: StoredScheduledEvent): void {
  const own = event.creator_id === world.botUser.id && (world.permissionsOf(record.guild.id, world.botUser.id) & PermissionFlagsBits.CreateEvents) !== 0n;
  if (!own) requireBotPermissions(world, record.guild.id, PermissionFlagsBits.ManageEvents);
}

function create(context: RouteContext): { status: 200; body: unknown } {
  const { world, params } = context;
  const record = guildOr404(world, params.guild_id as string);
  requireBotPermissions(world, record.guild.id, PermissionFlagsBits.CreateEvents);
  const body = context.body as Required<Pick<EventBody, 'name' | 'scheduled_start_time' | 'entity_type'>> & EventBody;
  const shape = {
    entity_type: body.entity_type,
    channel_id: body.channel_id ?? null,
    entity_metadata: body.entity_metadata?.location === undefined ? null : { location: body.entity_metadata.location },
    scheduled_start_time: body.scheduled_start_time,
    scheduled_end_time: body.scheduled_end_time ?? null,
  };
  const channel = eventChannel(world, record, shape.channel_id, shape.entity_type);
  const problem = checkEventShape(shape, channel, { startChanged: true, now: Date.now() });
  if (problem !== undefined) throw invalid(problem);
  if (world.scheduledEvents.uncompleted(record.guild.id) >= MAX_UNCOMPLETED) {
    throw DiscordHttpError.badRequest(RESTJSONErrorCodes.MaximumNumberOfUncompletedGuildScheduledEventsReached, `Maximum number of uncompleted guild scheduled events reached (${MAX_UNCOMPLETED})`);
  }
  const recurrence = body.recurrence_rule === undefined || body.recurrence_rule === null ? null : toRecurrenceRule(body.recurrence_rule);
  const event = world.createScheduledEvent(record.guild.id, { ...shape, name: body.name, description: body.description ?? null, creator_id: world.botUser.id, creator: world.botUser, recurrence_rule: recurrence });
  audit(context, record.guild.id, AuditLogEvent.GuildScheduledEventCreate, event.id, { changes: [{ key: 'name', new_value: event.name }] });
  // The oracle's create_guild_scheduled_event answers 200.
  return { status: 200, body: view(world, event, false) };
}

function update(context: RouteContext): { status: 200; body: unknown } {
  const { world, params } = context;
  const record = guildOr404(world, params.guild_id as string);
  const event = eventOr404(world, record, params.guild_scheduled_event_id as string);
  requireManage(world, record, event);
  if (event.status === GuildScheduledEventStatus.Completed || event.status === GuildScheduledEventStatus.Canceled) {
    throw DiscordHttpError.badRequest(RESTJSONErrorCodes.CannotUpdateAFinishedEvent, 'Cannot update a finished event');
  }
  const body = (context.body ?? {}) as EventBody;
  const entityType = body.entity_type ?? event.entity_type;
  // Switching to an external event drops the channel, as Discord does.
  const channelId = body.channel_id !== undefined ? body.channel_id : entityType === GuildScheduledEventEntityType.External ? null : event.channel_id;
  const shape = {
    entity_type: entityType,
    channel_id: channelId,
    entity_metadata: body.entity_metadata === undefined ? event.entity_metadata : body.entity_metadata?.location === undefined ? null : { location: body.entity_metadata.location },
    scheduled_start_time: body.scheduled_start_time ?? event.scheduled_start_time,
    scheduled_end_time: body.scheduled_end_time !== undefined ? body.scheduled_end_time : event.scheduled_end_time,
  };
  const channel = eventChannel(world, record, shape.channel_id, shape.entity_type);
  const startChanged = body.scheduled_start_time !== undefined && body.scheduled_start_time !== event.scheduled_start_time;
  const problem = checkEventShape(shape, channel, { startChanged, now: Date.now() }) ?? (body.status === undefined ? undefined : checkStatusMove(event.status, body.status));
  if (problem !== undefined) throw invalid(problem);
  const before = { name: event.name, status: event.status };
  world.updateScheduledEvent(event, {
    ...shape,
    ...(body.name === undefined ? {} : { name: body.name }),
    ...(body.description === undefined ? {} : { description: body.description }),
    ...(body.status === undefined ? {} : { status: body.status }),
    // Left out keeps the rule, null ends the series' recurrence, an object replaces the rule.
    ...(body.recurrence_rule === undefined ? {} : { recurrence_rule: body.recurrence_rule === null ? null : toRecurrenceRule(body.recurrence_rule) }),
  });
  const changes = [];
  if (before.name !== event.name) changes.push({ key: 'name', old_value: before.name, new_value: event.name });
  if (before.status !== event.status) changes.push({ key: 'status', old_value: before.status, new_value: event.status });
  audit(context, record.guild.id, AuditLogEvent.GuildScheduledEventUpdate, event.id, { changes });
  return { status: 200, body: view(world, event, false) };
}

/**
 * Guild scheduled events: list and get (`with_user_count`), create (CREATE_EVENTS, channel rules
 * per entity type, an optional `recurrence_rule` checked against the oracle and echoed whole), edit (MANAGE_EVENTS, or CREATE_EVENTS on the bot's own; Discord's status
 * moves only), delete, and the interested users (`limit`/`before`/`after`, `with_member`) and
 * their count.
 * GUILD_SCHEDULED_EVENT_* go to shards with GUILD_SCHEDULED_EVENTS. All routes sit under the
 * guild's major parameter, so each guild has its own buckets.
 */
export const scheduledEventRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/guilds/{guild_id}/scheduled-events',
    auth: 'bot',
    handle: ({ world, params, query }) => {
      const record = guildOr404(world, params.guild_id as string);
      return { status: 200, body: world.scheduledEvents.list(record.guild.id).map((e) => view(world, e, query.get('with_user_count') === 'true')) };
    },
  },
  { method: 'POST', path: '/guilds/{guild_id}/scheduled-events', auth: 'bot', schema: createSchema, handle: create },
  {
    method: 'GET',
    path: '/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}',
    auth: 'bot',
    handle: ({ world, params, query }) => {
      const record = guildOr404(world, params.guild_id as string);
      return { status: 200, body: view(world, eventOr404(world, record, params.guild_scheduled_event_id as string), query.get('with_user_count') === 'true') };
    },
  },
  { method: 'PATCH', path: '/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}', auth: 'bot', schema: patchSchema, handle: update },
  {
    method: 'DELETE',
    path: '/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}',
    auth: 'bot',
    handle: (context) => {
      const { world, params } = context;
      const record = guildOr404(world, params.guild_id as string);
      const event = eventOr404(world, record, params.guild_scheduled_event_id as string);
      requireManage(world, record, event);
      world.deleteScheduledEvent(event);
      audit(context, record.guild.id, AuditLogEvent.GuildScheduledEventDelete, event.id, { changes: [{ key: 'name', old_value: event.name }] });
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    path: '/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/users/counts',
    auth: 'bot',
    handle: ({ world, params }) => {
      const record = guildOr404(world, params.guild_id as string);
      const event = eventOr404(world, record, params.guild_scheduled_event_id as string);
      // Recurring events are served, but not their per-occurrence exceptions: nothing to count.
      return { status: 200, body: { guild_scheduled_event_count: world.scheduledEvents.users(event.id).length, guild_scheduled_event_exception_counts: {} } };
    },
  },
  {
    method: 'GET',
    path: '/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/users',
    auth: 'bot',
    handle: ({ world, params, query }) => {
      const record = guildOr404(world, params.guild_id as string);
      const event = eventOr404(world, record, params.guild_scheduled_event_id as string);
      const limit = readLimit(query, 100, 100);
      const before = readSnowflake(query, 'before');
      const after = readSnowflake(query, 'after');
      const withMember = query.get('with_member') === 'true';
      // Sorted by user id; `before` pages backwards and keeps the newest `limit` below it.
      let ids = world.scheduledEvents.users(event.id).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
      if (after !== undefined) ids = ids.filter((id) => BigInt(id) > BigInt(after));
      if (before !== undefined) ids = ids.filter((id) => BigInt(id) < BigInt(before)).slice(-limit);
      const body = ids.slice(0, limit).map((userId) => {
        const entry: Record<string, unknown> = { guild_scheduled_event_id: event.id, user_id: userId, user: world.users.get(userId) as APIUser, response: 1 };
        const member = record.members.get(userId);
        if (withMember && member !== undefined) entry.member = member;
        return entry;
      });
      return { status: 200, body };
    },
  },
];
