import type {
  APIApplicationCommandInteractionDataBasicOption,
  APIInteractionDataResolved,
} from 'discord-api-types/v10';
import type { InputFailure } from '../validation/input-failure';
import type { InteractionMember, Mentionable } from './option-kind';
import { OPTION_KIND_TYPES } from './option-kind';
import type { OptionChoice, OptionMetadata } from './option.decorator';
import { getOptionMetadata } from './option.decorator';

/** Raw option values turned into the typed values the DTO properties hold, by property. */
export interface ReadOptions {
  readonly plain: Record<string, unknown>;
  readonly failures: InputFailure[];
  /** Property -> option name, for messages. */
  readonly names: Map<string, string>;
}

/**
 * Reads the options Discord sent into DTO property values: snowflakes resolved to users,
 * members, channels, roles and attachments from `resolved`; the `@Option` rules (required, type,
 * choices, ranges, lengths, channel types) checked again, because an interaction is input from
 * outside and Discord's client-side checks are not a guarantee.
 */
export function readOptions(
  dto: Function,
  sent: readonly APIApplicationCommandInteractionDataBasicOption[],
  resolved: APIInteractionDataResolved | undefined,
): ReadOptions {
  const plain: Record<string, unknown> = {};
  const failures: InputFailure[] = [];
  const names = new Map<string, string>();
  const byName = new Map(sent.map((o) => [o.name, o]));
  for (const option of getOptionMetadata(dto)) {
    names.set(option.property, option.name);
    const raw = byName.get(option.name);
    if (raw === undefined) {
      if (option.config.required === true) failures.push(fail(option, 'is required'));
      continue;
    }
    const problem = checkRaw(option, raw);
    if (problem !== undefined) {
      failures.push(fail(option, problem));
      continue;
    }
    const outcome = resolve(option, raw.value, resolved);
    if (!outcome.ok) {
      failures.push(fail(option, outcome.message));
      continue;
    }
    plain[option.property] = outcome.value;
  }
  return { plain, failures, names };
}

function fail(option: OptionMetadata, message: string): InputFailure {
  return { name: option.name, property: option.property, messages: [message] };
}

function checkRaw(option: OptionMetadata, raw: APIApplicationCommandInteractionDataBasicOption): string | undefined {
  const { config } = option;
  if (raw.type !== OPTION_KIND_TYPES[config.type]) return `must be a ${config.type}`;
  const value = (raw as { value: unknown }).value;
  switch (config.type) {
    case 'string': {
      if (typeof value !== 'string') return 'must be text';
      if (config.minLength !== undefined && value.length < config.minLength) return `must be at least ${config.minLength} characters`;
      if (config.maxLength !== undefined && value.length > config.maxLength) return `must be at most ${config.maxLength} characters`;
      return checkChoice(config.choices, value);
    }
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `must be a ${config.type}`;
      if (config.type === 'integer' && !Number.isInteger(value)) return 'must be a whole number';
      if (config.minValue !== undefined && value < config.minValue) return `must be at least ${config.minValue}`;
      if (config.maxValue !== undefined && value > config.maxValue) return `must be at most ${config.maxValue}`;
      return checkChoice(config.choices, value);
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    default:
      return typeof value === 'string' ? undefined : `must be a ${config.type}`;
  }
}

function checkChoice(choices: readonly OptionChoice<string | number>[] | undefined, value: string | number): string | undefined {
  if (choices === undefined) return undefined;
  const values = choices.map((c) => (typeof c === 'object' ? c.value : c));
  return values.includes(value) ? undefined : `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
}

type Resolved = { ok: true; value: unknown } | { ok: false; message: string };

const found = (value: unknown): Resolved => ({ ok: true, value });
const missing = (message: string): Resolved => ({ ok: false, message });

function resolve(option: OptionMetadata, value: unknown, resolved: APIInteractionDataResolved | undefined): Resolved {
  const id = String(value);
  switch (option.config.type) {
    case 'string':
    case 'integer':
    case 'number':
    case 'boolean':
      return found(value);
    case 'user':
      return lookup(resolved?.users?.[id], 'is not a user Discord knows');
    case 'member': {
      const user = resolved?.users?.[id];
      const member = resolved?.members?.[id];
      if (user === undefined || member === undefined) return missing('must be a member of this server');
      return found({ ...member, user } satisfies InteractionMember);
    }
    case 'channel': {
      const channel = resolved?.channels?.[id];
      if (channel === undefined) return missing('is not a channel Discord knows');
      const allowed = option.config.channelTypes;
      if (allowed !== undefined && !allowed.includes(channel.type)) return missing('is not an allowed kind of channel');
      return found(channel);
    }
    case 'role':
      return lookup(resolved?.roles?.[id], 'is not a role Discord knows');
    case 'attachment':
      return lookup(resolved?.attachments?.[id], 'is not an attachment Discord knows');
    case 'mentionable': {
      const user = resolved?.users?.[id];
      if (user !== undefined) {
        const member = resolved?.members?.[id];
        const mention: Mentionable = member === undefined ? { type: 'user', id, user } : { type: 'user', id, user, member: { ...member, user } };
        return found(mention);
      }
      const role = resolved?.roles?.[id];
      if (role !== undefined) return found({ type: 'role', id, role } satisfies Mentionable);
      return missing('is not a user or role Discord knows');
    }
  }
}

function lookup(value: unknown, message: string): Resolved {
  return value === undefined ? missing(message) : found(value);
}
