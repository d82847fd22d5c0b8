import type { APIApplicationCommandInteractionDataBasicOption, APIApplicationCommandInteractionDataOption } from 'discord-api-types/v10';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';

/**
 * Splits a slash command's options into its path (`'ticket admin purge'`) and the options of the
 * leaf subcommand, which is what the handler's DTO describes.
 */
export function commandPath(
  name: string,
  options: readonly APIApplicationCommandInteractionDataOption[] | undefined,
): { path: string; options: readonly APIApplicationCommandInteractionDataBasicOption[] } {
  let path = name;
  let current = options ?? [];
  for (;;) {
    const first = current[0];
    if (first?.type === ApplicationCommandOptionType.SubcommandGroup || first?.type === ApplicationCommandOptionType.Subcommand) {
      path += ` ${first.name}`;
      current = (first.options ?? []) as readonly APIApplicationCommandInteractionDataOption[];
      continue;
    }
    return { path, options: current as readonly APIApplicationCommandInteractionDataBasicOption[] };
  }
}
