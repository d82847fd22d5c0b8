import type { APIApplicationCommandBasicOption } from 'discord-api-types/v10';
import { ChannelType } from 'discord-api-types/v10';
import { CommandDefinitionError } from '../command-errors';
import { OPTION_KIND_TYPES } from '../options/option-kind';
import type { OptionChoice, OptionMetadata } from '../options/option.decorator';
import { getOptionMetadata } from '../options/option.decorator';
import { checkChatInputName, checkCount, checkDescription, checkLocalizations } from './command-rules';
import { COMMAND_LIMITS } from './command-limits';

const INTEGER_BOUND = 2 ** 53;
const CHANNEL_TYPES = new Set<unknown>(Object.values(ChannelType).filter((value) => typeof value === 'number'));

/**
 * Discord's option JSON for every `@Option` of a DTO class, checked against Discord's rules
 * (names, lengths, 25 options, required before optional, choice limits, ranges). Errors name the
 * class and the property.
 */
export function optionsJson(dto: Function): APIApplicationCommandBasicOption[] {
  const metadata = getOptionMetadata(dto);
  const className = dto.name || 'anonymous options class';
  if (metadata.length === 0) {
    throw new CommandDefinitionError(
      `${className} is used as an options class but declares no @Option properties. Add @Option(...) to its properties, or drop @Options() from the handler.`,
    );
  }
  checkCount(metadata.length, COMMAND_LIMITS.options, className, 'options');
  const seen = new Map<string, string>();
  let firstOptional: OptionMetadata | undefined;
  return metadata.map((option) => {
    const where = `${className}.${option.property}`;
    const earlier = seen.get(option.name);
    if (earlier !== undefined) {
      throw new CommandDefinitionError(`${where}: option name "${option.name}" is also used by ${className}.${earlier}. Option names must be unique.`);
    }
    seen.set(option.name, option.property);
    if (option.config.required === true && firstOptional !== undefined) {
      throw new CommandDefinitionError(
        `${where} is required but comes after the optional ${className}.${firstOptional.property}. Discord lists required options first: move it above.`,
      );
    }
    if (option.config.required !== true) firstOptional ??= option;
    return optionJson(option, where);
  });
}

function optionJson(option: OptionMetadata, where: string): APIApplicationCommandBasicOption {
  const { config } = option;
  const type = OPTION_KIND_TYPES[config.type];
  if (type === undefined) {
    throw new CommandDefinitionError(
      `${where}: option type "${String(config.type)}" is unknown. Use one of ${Object.keys(OPTION_KIND_TYPES).join(', ')}.`,
    );
  }
  checkChatInputName(option.name, where, 'option');
  checkDescription(config.description ?? '', where, 'option');
  checkLocalizations(config.nameLocalizations, where, 'nameLocalizations', (v, w) => checkChatInputName(v, w, 'option'));
  checkLocalizations(config.descriptionLocalizations, where, 'descriptionLocalizations', (v, w) =>
    checkDescription(v, w, 'option'),
  );
  const json: Record<string, unknown> = { type, name: option.name, description: config.description };
  if (config.nameLocalizations !== undefined) json['name_localizations'] = config.nameLocalizations;
  if (config.descriptionLocalizations !== undefined) json['description_localizations'] = config.descriptionLocalizations;
  if (config.required === true) json['required'] = true;

  const numeric = config.type === 'integer' || config.type === 'number';
  const onlyFor = (field: string, allowed: boolean, kinds: string): void => {
    if (!allowed) throw new CommandDefinitionError(`${where}: ${field} only applies to ${kinds} options, and this one is "${config.type}".`);
  };
  if (config.choices !== undefined) {
    onlyFor('choices', numeric || config.type === 'string', 'string, integer and number');
    if (config.autocomplete === true) {
      throw new CommandDefinitionError(`${where}: an option cannot have both choices and autocomplete. Keep one.`);
    }
    json['choices'] = choicesJson(config.choices as readonly OptionChoice<string | number>[], config.type, where);
  }
  if (config.minValue !== undefined || config.maxValue !== undefined) {
    onlyFor('minValue/maxValue', numeric, 'integer and number');
    for (const [field, value] of [['minValue', config.minValue], ['maxValue', config.maxValue]] as const) {
      if (value === undefined) continue;
      if (!Number.isFinite(value) || Math.abs(value) > INTEGER_BOUND || (config.type === 'integer' && !Number.isInteger(value))) {
        throw new CommandDefinitionError(`${where}: ${field} ${value} is not a valid ${config.type} between -2^53 and 2^53.`);
      }
    }
    if (config.minValue !== undefined && config.maxValue !== undefined && config.minValue > config.maxValue) {
      throw new CommandDefinitionError(`${where}: minValue ${config.minValue} is greater than maxValue ${config.maxValue}.`);
    }
    if (config.minValue !== undefined) json['min_value'] = config.minValue;
    if (config.maxValue !== undefined) json['max_value'] = config.maxValue;
  }
  if (config.minLength !== undefined || config.maxLength !== undefined) {
    onlyFor('minLength/maxLength', config.type === 'string', 'string');
    const max = COMMAND_LIMITS.stringOptionLength;
    if (config.minLength !== undefined && !(Number.isInteger(config.minLength) && config.minLength >= 0 && config.minLength <= max)) {
      throw new CommandDefinitionError(`${where}: minLength ${config.minLength} must be an integer from 0 to ${max}.`);
    }
    if (config.maxLength !== undefined && !(Number.isInteger(config.maxLength) && config.maxLength >= 1 && config.maxLength <= max)) {
      throw new CommandDefinitionError(`${where}: maxLength ${config.maxLength} must be an integer from 1 to ${max}.`);
    }
    if (config.minLength !== undefined && config.maxLength !== undefined && config.minLength > config.maxLength) {
      throw new CommandDefinitionError(`${where}: minLength ${config.minLength} is greater than maxLength ${config.maxLength}.`);
    }
    if (config.minLength !== undefined) json['min_length'] = config.minLength;
    if (config.maxLength !== undefined) json['max_length'] = config.maxLength;
  }
  if (config.channelTypes !== undefined) {
    onlyFor('channelTypes', config.type === 'channel', 'channel');
    if (config.channelTypes.length === 0) {
      throw new CommandDefinitionError(`${where}: channelTypes is empty, so no channel could be picked. List ChannelType values, or leave it out for any channel.`);
    }
    const unknown = config.channelTypes.find((type) => !CHANNEL_TYPES.has(type));
    if (unknown !== undefined) {
      throw new CommandDefinitionError(`${where}: channelTypes has ${String(unknown)}, which is not a ChannelType. Use ChannelType.GuildText, ChannelType.GuildVoice, ...`);
    }
    json['channel_types'] = [...config.channelTypes];
  }
  if (config.autocomplete === true) {
    onlyFor('autocomplete', numeric || config.type === 'string', 'string, integer and number');
    json['autocomplete'] = true;
  }
  return json as unknown as APIApplicationCommandBasicOption;
}

function choicesJson(
  choices: readonly OptionChoice<string | number>[],
  kind: string,
  where: string,
): { name: string; value: string | number; name_localizations?: unknown }[] {
  checkCount(choices.length, COMMAND_LIMITS.choices, where, 'choices');
  const checkName = (name: string, at: string): void => {
    if (name.length < 1 || name.length > COMMAND_LIMITS.choiceNameLength) {
      throw new CommandDefinitionError(`${at}: choice name "${name}" is ${name.length} characters; Discord wants 1-${COMMAND_LIMITS.choiceNameLength}.`);
    }
  };
  return choices.map((choice, index) => {
    const { name, value, nameLocalizations } =
      typeof choice === 'object' ? choice : { name: String(choice), value: choice, nameLocalizations: undefined };
    checkName(name, where);
    checkLocalizations(nameLocalizations, where, `choices[${index}].nameLocalizations`, checkName);
    if (kind === 'string' && (typeof value !== 'string' || value.length > COMMAND_LIMITS.choiceStringValueLength)) {
      throw new CommandDefinitionError(
        `${where}: choice "${name}" must have a string value of at most ${COMMAND_LIMITS.choiceStringValueLength} characters.`,
      );
    }
    if (kind !== 'string' && (typeof value !== 'number' || (kind === 'integer' && !Number.isInteger(value)))) {
      throw new CommandDefinitionError(`${where}: choice "${name}" must have a${kind === 'integer' ? 'n integer' : ' number'} value.`);
    }
    if (typeof value === 'number' && !(Number.isFinite(value) && Math.abs(value) <= INTEGER_BOUND)) {
      throw new CommandDefinitionError(`${where}: choice "${name}" must be a${kind === 'integer' ? 'n integer' : ' number'} between -2^53 and 2^53.`);
    }
    return nameLocalizations === undefined ? { name, value } : { name, value, name_localizations: nameLocalizations };
  });
}
