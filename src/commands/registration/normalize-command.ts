import type { APIApplicationCommand, RESTPostAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';

/** A command reduced to the fields that matter for "did it change", in a stable key order. */
export type NormalizedCommand = Readonly<Record<string, unknown>>;

const COMMAND_FIELDS = [
  'type',
  'name',
  'name_localizations',
  'description',
  'description_localizations',
  'default_member_permissions',
  'dm_permission',
  'contexts',
  'integration_types',
  'nsfw',
  'options',
] as const;

const OPTION_FIELDS = [
  'type',
  'name',
  'name_localizations',
  'description',
  'description_localizations',
  'required',
  'choices',
  'channel_types',
  'min_value',
  'max_value',
  'min_length',
  'max_length',
  'autocomplete',
  'options',
] as const;

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0)
  );
}

function sortedRecord(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined).sort(([a], [b]) => a.localeCompare(b)));
}

function normalizeOption(option: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of OPTION_FIELDS) {
    let value = option[field];
    if (field === 'required' || field === 'autocomplete') value = value === true ? true : undefined;
    else if (field === 'name_localizations' || field === 'description_localizations') value = isEmpty(value) ? undefined : sortedRecord(value as Record<string, unknown>);
    else if (field === 'options') value = isEmpty(value) ? undefined : (value as Record<string, unknown>[]).map(normalizeOption);
    else if (field === 'choices') {
      value = isEmpty(value)
        ? undefined
        : (value as Record<string, unknown>[]).map((c) => {
            const choice: Record<string, unknown> = { name: c['name'], value: c['value'] };
            if (!isEmpty(c['name_localizations'])) choice['name_localizations'] = sortedRecord(c['name_localizations'] as Record<string, unknown>);
            return choice;
          });
    } else if (field === 'channel_types') value = isEmpty(value) ? undefined : [...(value as number[])].sort((a, b) => a - b);
    if (value !== undefined && value !== null) out[field] = value;
  }
  return out;
}

/**
 * Normalises a command, ours or Discord's, so that equal commands compare equal: Discord's
 * defaults (`dm_permission: true`, `nsfw: false`, `integration_types: [0]`, `required: false`,
 * empty localizations) count as "not set", and ids and versions are ignored. In a guild,
 * `contexts`, `dm_permission` and `integration_types` are dropped: Discord does not keep them
 * for guild commands, and comparing them would report a change on every start.
 *
 * @example
 * ```ts
 * normalizeCommand({ name: 'ping', description: 'Pong', dm_permission: true }, 'global'); // { type: 1, name: 'ping', description: 'Pong' }
 * ```
 */
export function normalizeCommand(command: RESTPostAPIApplicationCommandsJSONBody | APIApplicationCommand, scope: 'global' | 'guild'): NormalizedCommand {
  const source = command as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of COMMAND_FIELDS) {
    let value = source[field];
    switch (field) {
      case 'type':
        value = value ?? 1;
        break;
      case 'description':
        value = value ?? '';
        break;
      case 'name_localizations':
      case 'description_localizations':
        value = isEmpty(value) ? undefined : sortedRecord(value as Record<string, unknown>);
        break;
      case 'default_member_permissions':
        value = value === null ? undefined : value;
        break;
      case 'dm_permission':
        value = scope === 'guild' || value !== false ? undefined : false;
        break;
      case 'contexts':
        value = scope === 'guild' || isEmpty(value) ? undefined : [...(value as number[])].sort((a, b) => a - b);
        break;
      case 'integration_types': {
        const list = isEmpty(value) ? undefined : [...(value as number[])].sort((a, b) => a - b);
        value = scope === 'guild' || list === undefined || (list.length === 1 && list[0] === 0) ? undefined : list;
        break;
      }
      case 'nsfw':
        value = value === true ? true : undefined;
        break;
      case 'options':
        value = isEmpty(value) ? undefined : (value as Record<string, unknown>[]).map(normalizeOption);
        break;
      default:
        break;
    }
    if (value !== undefined && value !== null) out[field] = value;
  }
  return out;
}

/**
 * The identity of a command within a scope: Discord allows one name per command type.
 *
 * @example
 * ```ts
 * commandKey({ type: 2, name: 'Show avatar' }); // 'user:Show avatar'
 * ```
 */
export function commandKey(command: { type?: number | undefined; name: string }): string {
  const type = command.type ?? 1;
  return `${type === 1 ? 'slash' : type === 2 ? 'user' : type === 3 ? 'message' : `type${type}`}:${command.name}`;
}
