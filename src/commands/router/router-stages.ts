import type { APIApplicationCommandOptionChoice } from 'discord-api-types/v10';
import type { HandlerRoute } from '../catalog/command-catalog';
import { CommandStageError } from '../command-errors';
import type { AutocompleteContext } from '../context/autocomplete-context';
import type { InteractionContext } from '../context/interaction-context';

/** What an options transform sees: the validated options by DTO property, before the handler. */
export interface OptionsTransformEvent {
  readonly ctx: InteractionContext;
  readonly route: HandlerRoute;
  /** A copy of the options DTO's own properties; edit it in place or return a replacement. */
  options: Record<string, unknown>;
}

/**
 * Rewrites a command's options after they were read and validated, before the handler runs.
 * Return a replacement object, or nothing to keep `event.options` (possibly edited in place).
 *
 * @example
 * ```ts
 * router.transformOptions(({ options }) => ({ ...options, query: String(options['query']).trim() }));
 * ```
 */
export type OptionsTransform = (event: OptionsTransformEvent) => Record<string, unknown> | void | Promise<Record<string, unknown> | void>;

/** What a choices transform sees: the suggestions about to be sent, as name/value pairs. */
export interface ChoicesTransformEvent {
  readonly ctx: AutocompleteContext;
  choices: APIApplicationCommandOptionChoice[];
}

/**
 * Rewrites the suggestions of an autocomplete answer (returned by the handler or passed to
 * `ctx.respond`) just before they are sent. Discord's limits (25 choices, names of 1-100
 * characters) are checked on the result.
 *
 * @example
 * ```ts
 * router.transformChoices(({ choices }) => choices.filter((c) => !blocked.has(String(c.value))));
 * ```
 */
export type ChoicesTransform = (
  event: ChoicesTransformEvent,
) => APIApplicationCommandOptionChoice[] | void | Promise<APIApplicationCommandOptionChoice[] | void>;

/** Runs transforms in the order added, each seeing the previous one's result. */
export async function runOptionsTransforms(
  transforms: readonly OptionsTransform[],
  ctx: InteractionContext,
  route: HandlerRoute,
  options: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const event: OptionsTransformEvent = { ctx, route, options };
  for (const transform of transforms) {
    const result = await transform(event);
    if (result === undefined) continue;
    if (result === null || typeof result !== 'object' || Array.isArray(result)) {
      throw new CommandStageError(
        `An options transform for "${route.path}" returned ${describe(result)}; return an object of options (or nothing to keep them).`,
      );
    }
    event.options = result;
  }
  return event.options;
}

/** Runs choice transforms in the order added, each seeing the previous one's result. */
export async function runChoicesTransforms(
  transforms: readonly ChoicesTransform[],
  ctx: AutocompleteContext,
  choices: APIApplicationCommandOptionChoice[],
): Promise<APIApplicationCommandOptionChoice[]> {
  const event: ChoicesTransformEvent = { ctx, choices };
  for (const transform of transforms) {
    const result = await transform(event);
    if (result === undefined) continue;
    if (!Array.isArray(result)) {
      throw new CommandStageError(
        `A choices transform for "${ctx.commandPath}" returned ${describe(result)}; return an array of { name, value } choices (or nothing to keep them).`,
      );
    }
    event.choices = result;
  }
  return event.choices;
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}
