import { ChannelType, GuildScheduledEventEntityType, GuildScheduledEventStatus } from 'discord-api-types/v10';
import { FORM_CODES } from '../rest/form-error-codes';
import { parseIsoTime } from './iso-time';
import type { StoredScheduledEvent } from './scheduled-event-store';
import type { StoredChannel } from './stored-channel';

/** One broken rule: the body field it belongs to (dotted path), Discord's leaf code and message. */
export interface EventRuleProblem {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

/** The event fields the rules look at, after a create or a PATCH is applied. */
export type EventShape = Pick<StoredScheduledEvent, 'entity_type' | 'channel_id' | 'entity_metadata' | 'scheduled_start_time' | 'scheduled_end_time'>;

const CHANNEL_FOR: Partial<Record<GuildScheduledEventEntityType, ChannelType>> = {
  [GuildScheduledEventEntityType.StageInstance]: ChannelType.GuildStageVoice,
  [GuildScheduledEventEntityType.Voice]: ChannelType.GuildVoice,
};

// Discord's only allowed moves: scheduled -> active | canceled, active -> completed.
const NEXT_STATUS: Record<GuildScheduledEventStatus, readonly GuildScheduledEventStatus[]> = {
  [GuildScheduledEventStatus.Scheduled]: [GuildScheduledEventStatus.Active, GuildScheduledEventStatus.Canceled],
  [GuildScheduledEventStatus.Active]: [GuildScheduledEventStatus.Completed],
  [GuildScheduledEventStatus.Completed]: [],
  [GuildScheduledEventStatus.Canceled]: [],
};

/**
 * Discord's rules for a scheduled event (docs "Guild Scheduled Event", field requirements by
 * entity type): external events need a location and an end time and no channel; stage and voice
 * events need a channel of that kind; times are ISO 8601, the end after the start, and a start
 * that is being set must lie in the future. `channel` is the looked-up `channel_id`, if any.
 *
 * Leaf codes: a missing field is BASE_TYPE_REQUIRED (protocol.md 3.5); an unparseable time and a
 * start in the past get the codes Discord sends for them; the other rules, whose codes are not
 * known, the generic BASE_TYPE_BAD_VALUE with a message naming the rule (see `FORM_CODES`).
 */
export function checkEventShape(event: EventShape, channel: StoredChannel | undefined, options: { readonly startChanged: boolean; readonly now: number }): EventRuleProblem | undefined {
  const start = parseIsoTime(event.scheduled_start_time);
  if (Number.isNaN(start)) return { field: 'scheduled_start_time', code: FORM_CODES.timeParse, message: `Could not parse ${event.scheduled_start_time}. Should be ISO8601.` };
  const end = event.scheduled_end_time === null ? undefined : parseIsoTime(event.scheduled_end_time);
  if (end !== undefined && Number.isNaN(end)) return { field: 'scheduled_end_time', code: FORM_CODES.timeParse, message: `Could not parse ${String(event.scheduled_end_time)}. Should be ISO8601.` };
  if (options.startChanged && start <= options.now) return { field: 'scheduled_start_time', code: FORM_CODES.schedulePast, message: 'Cannot schedule event in the past.' };
  if (end !== undefined && end <= start) return { field: 'scheduled_end_time', code: FORM_CODES.badValue, message: 'Cannot schedule event to end before starting.' };
  if (event.entity_type === GuildScheduledEventEntityType.External) {
    if (event.entity_metadata?.location === undefined || event.entity_metadata.location === '') return { field: 'entity_metadata.location', code: FORM_CODES.required, message: 'This field is required' };
    if (end === undefined) return { field: 'scheduled_end_time', code: FORM_CODES.required, message: 'This field is required' };
    if (event.channel_id !== null) return { field: 'channel_id', code: FORM_CODES.badValue, message: 'External events cannot have a channel.' };
    return undefined;
  }
  if (event.channel_id === null) return { field: 'channel_id', code: FORM_CODES.required, message: 'This field is required' };
  if (channel !== undefined && channel.type !== CHANNEL_FOR[event.entity_type]) return { field: 'channel_id', code: FORM_CODES.badValue, message: 'The channel type does not match the event entity type.' };
  return undefined;
}

/**
 * The problem with moving an event from one status to another, if the move is not allowed. The
 * allowed next statuses are a set, so the answer is BASE_TYPE_CHOICES (protocol.md 3.5) naming
 * them, in the validator's wording.
 */
export function checkStatusMove(from: GuildScheduledEventStatus, to: GuildScheduledEventStatus): EventRuleProblem | undefined {
  if (from === to || NEXT_STATUS[from].includes(to)) return undefined;
  const allowed = [from, ...NEXT_STATUS[from]].sort((a, b) => a - b);
  return { field: 'status', code: FORM_CODES.choices, message: `Value must be one of {${allowed.join(', ')}}: an event in status ${from} cannot move to ${to}.` };
}
