import type { LocalizationMap } from 'discord-api-types/v10';
import { Locale } from 'discord-api-types/v10';
import { CommandDefinitionError } from '../command-errors';
import { CHAT_INPUT_NAME, COMMAND_LIMITS } from './command-limits';

const LOCALES = new Set<string>(Object.values(Locale));

/** Checks a slash-command, subcommand or option name. `where` names the class and member. */
export function checkChatInputName(name: string, where: string, what: string): void {
  if (!CHAT_INPUT_NAME.test(name)) {
    throw new CommandDefinitionError(
      `${where}: ${what} name "${name}" is not allowed. Discord wants 1-${COMMAND_LIMITS.nameLength} letters, digits, "-", "_" or "'" with no spaces (e.g. "ban-user").`,
    );
  }
  if (name !== name.toLowerCase()) {
    throw new CommandDefinitionError(
      `${where}: ${what} name "${name}" has capital letters; Discord requires lowercase. Use "${name.toLowerCase()}".`,
    );
  }
}

/** Checks a context-menu command name: 1-32 characters, spaces and capitals allowed. */
export function checkContextMenuName(name: string, where: string): void {
  if (name.trim().length === 0 || name.length > COMMAND_LIMITS.nameLength) {
    throw new CommandDefinitionError(
      `${where}: context-menu name "${name}" is ${name.length} characters; Discord wants 1-${COMMAND_LIMITS.nameLength}.`,
    );
  }
}

export function checkDescription(description: string, where: string, what: string): void {
  if (description.length < 1 || description.length > COMMAND_LIMITS.descriptionLength) {
    throw new CommandDefinitionError(
      `${where}: ${what} description is ${description.length} characters; Discord wants 1-${COMMAND_LIMITS.descriptionLength}.`,
    );
  }
}

/** Checks localization keys are Discord locales and values respect the field's rules. */
export function checkLocalizations(
  map: LocalizationMap | undefined,
  where: string,
  field: string,
  checkValue: (value: string, where: string) => void,
): void {
  if (map === undefined) return;
  for (const [locale, value] of Object.entries(map)) {
    if (!LOCALES.has(locale)) {
      throw new CommandDefinitionError(
        `${where}: ${field} uses locale "${locale}", which Discord does not know. Use a Locale value such as "fr" or "en-US".`,
      );
    }
    if (typeof value === 'string') checkValue(value, `${where} (${field}.${locale})`);
  }
}

export function checkCount(count: number, limit: number, where: string, what: string): void {
  if (count > limit) {
    throw new CommandDefinitionError(`${where}: ${count} ${what}; Discord allows at most ${limit}. Split the command or trim the list.`);
  }
}
