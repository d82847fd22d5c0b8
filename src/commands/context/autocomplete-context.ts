import type {
  APIApplicationCommandAutocompleteInteraction,
  APIApplicationCommandInteractionDataBasicOption,
  APIApplicationCommandOptionChoice,
} from 'discord-api-types/v10';
import { ApplicationCommandOptionType, InteractionResponseType } from 'discord-api-types/v10';
import { BuilderLimitError } from '../../builders';
import type { ContextDeps } from './interaction-context';
import { InteractionContext } from './interaction-context';

/** A suggestion: a bare value (shown as itself) or a name/value pair. */
export type AutocompleteChoice = string | number | APIApplicationCommandOptionChoice;

/**
 * The context of an autocomplete request: which option is focused, what was typed, and
 * `respond` (the handler may also just return its choices).
 *
 * @example
 * ```ts
 * @Autocomplete('weather', 'city')
 * suggest(@Ctx() ctx: AutocompleteContext) { return ctx.respond(search(String(ctx.focused.value))); }
 * ```
 */
export class AutocompleteContext extends InteractionContext<APIApplicationCommandAutocompleteInteraction> {
  public readonly commandPath: string;
  public readonly focused: { readonly name: string; readonly value: string | number };
  /** The other options as typed so far, by name (unvalidated: the user is still typing). */
  public readonly partialOptions: Readonly<Record<string, string | number | boolean>>;
  /** The focused option's type: suggestions must carry values of that type. */
  private readonly focusedType: ApplicationCommandOptionType | undefined;

  public constructor(
    interaction: APIApplicationCommandAutocompleteInteraction,
    deps: ContextDeps,
    commandPath: string,
    options: readonly APIApplicationCommandInteractionDataBasicOption[],
  ) {
    super(interaction, deps);
    this.commandPath = commandPath;
    const partial: Record<string, string | number | boolean> = {};
    let focused: { name: string; value: string | number } = { name: '', value: '' };
    let focusedType: ApplicationCommandOptionType | undefined;
    for (const option of options) {
      const value = (option as { value?: unknown }).value;
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') partial[option.name] = value;
      if ((option as { focused?: boolean }).focused === true) {
        focused = { name: option.name, value: typeof value === 'number' ? value : String(value ?? '') };
        focusedType = option.type;
      }
    }
    this.focused = focused;
    this.focusedType = focusedType;
    this.partialOptions = partial;
  }

  /** Sends up to 25 suggestions. More is an error rather than a silent cut, so you notice. */
  public async respond(choices: readonly AutocompleteChoice[]): Promise<void> {
    if (choices.length > 25) {
      throw new BuilderLimitError('autocomplete.choices', 'choices', `has ${choices.length} suggestions; Discord allows 25. Slice the list.`);
    }
    let data = choices.map((c) => (typeof c === 'object' ? c : { name: String(c), value: c }));
    // Checked again after the router's choices stage, which may have added suggestions.
    if (this.deps.transformChoices !== undefined) {
      data = await this.deps.transformChoices(this, data);
      if (data.length > 25) {
        throw new BuilderLimitError('autocomplete.choices', 'choices', `has ${data.length} suggestions after the choices transforms; Discord allows 25.`);
      }
    }
    for (const [index, choice] of data.entries()) {
      if (choice.name.length < 1 || choice.name.length > 100) {
        throw new BuilderLimitError('autocomplete.choice.name', `choices[${index}].name`, `is ${choice.name.length} characters; Discord wants 1-100.`);
      }
      const problem = this.valueProblem(choice.value);
      if (problem !== undefined) throw new BuilderLimitError('autocomplete.choice.value', `choices[${index}].value`, problem);
    }
    while (this.inFlight !== undefined) await this.inFlight;
    await this.initial('autocompleted', { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: data } }, 'respond');
  }

  /** Why Discord would refuse this suggestion value for the focused option, if it would. */
  private valueProblem(value: unknown): string | undefined {
    switch (this.focusedType) {
      case ApplicationCommandOptionType.String:
        if (typeof value !== 'string') return `${JSON.stringify(value)} is not text, and the focused option is a string option.`;
        return value.length > 100 ? `is ${value.length} characters; Discord allows at most 100 for a string option's suggestion.` : undefined;
      case ApplicationCommandOptionType.Integer:
        return Number.isSafeInteger(value) ? undefined : `${JSON.stringify(value)} is not an integer, and the focused option is an integer option.`;
      case ApplicationCommandOptionType.Number:
        return typeof value === 'number' && Number.isFinite(value) ? undefined : `${JSON.stringify(value)} is not a number, and the focused option is a number option.`;
      default:
        return undefined;
    }
  }

  /** The same as `respond`, under the name the other contexts' answers follow. */
  public respondAutocomplete(choices: readonly AutocompleteChoice[]): Promise<void> {
    return this.respond(choices);
  }
}
