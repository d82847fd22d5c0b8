import 'reflect-metadata';
import type { ChannelType, LocalizationMap } from 'discord-api-types/v10';
import { CommandDefinitionError } from '../command-errors';
import type { OptionKind, OptionValueTypes } from './option-kind';

/** A fixed choice: a bare value (shown as its own name) or a name/value pair. */
export type OptionChoice<V extends string | number> =
  | V
  | { name: string; value: V; nameLocalizations?: LocalizationMap };

/** What `@Option` accepts. Only the fields that make sense for `type` are allowed by Discord. */
export interface OptionConfig<K extends OptionKind = OptionKind> {
  type: K;
  description: string;
  /** Name shown in Discord. Defaults to the property name in snake_case (`maxCount` -> `max_count`). */
  name?: string;
  nameLocalizations?: LocalizationMap;
  descriptionLocalizations?: LocalizationMap;
  /** Defaults to `false`. Required options must come before optional ones. */
  required?: boolean;
  choices?: K extends 'string'
    ? readonly OptionChoice<string>[]
    : K extends 'integer' | 'number'
      ? readonly OptionChoice<number>[]
      : never;
  minValue?: K extends 'integer' | 'number' ? number : never;
  maxValue?: K extends 'integer' | 'number' ? number : never;
  minLength?: K extends 'string' ? number : never;
  maxLength?: K extends 'string' ? number : never;
  channelTypes?: K extends 'channel' ? readonly ChannelType[] : never;
  /** Answer suggestions from an `@Autocomplete(command, option)` handler. Not with `choices`. */
  autocomplete?: K extends 'string' | 'integer' | 'number' ? boolean : never;
}

/** One declared option, as collected from a DTO class. */
export interface OptionMetadata {
  readonly property: string;
  readonly name: string;
  readonly config: OptionConfig;
}

const OPTIONS = Symbol('ovenjs:command-options');

/** `maxCount` -> `max_count`: Discord option names are lowercase. */
export function toOptionName(property: string): string {
  return property.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/**
 * Declares a slash-command option on a property of an options DTO. The property's TypeScript type
 * must match the option kind (`'user'` -> `APIUser`, `'integer'` -> `number`, ...). Add
 * class-validator decorators on the same property for rules Discord cannot express.
 *
 * @example
 * ```ts
 * class BanOptions {
 *   @Option({ type: 'user', description: 'Who to ban', required: true })
 *   target!: APIUser;
 *
 *   @Option({ type: 'integer', description: 'Days of messages to delete', minValue: 0, maxValue: 7 })
 *   days?: number;
 * }
 * ```
 */
export function Option<K extends OptionKind>(config: OptionConfig<K>) {
  return <P extends string>(
    prototype: { [Key in P]?: OptionValueTypes[K] | undefined },
    property: P,
  ): void => {
    const target = prototype.constructor as object;
    const own: OptionMetadata[] = Reflect.getOwnMetadata(OPTIONS, target) ?? [];
    if (typeof property !== 'string') {
      throw new CommandDefinitionError(
        `@Option on a symbol property of ${(target as { name?: string }).name ?? 'a class'}: use a named property.`,
      );
    }
    const entry: OptionMetadata = {
      property,
      name: config.name ?? toOptionName(property),
      config: config as OptionConfig,
    };
    Reflect.defineMetadata(OPTIONS, [...own, entry], target);
  };
}

/**
 * The options declared on a DTO class, base classes first, in declaration order (the order
 * Discord shows them in).
 */
export function getOptionMetadata(dto: Function): readonly OptionMetadata[] {
  const chain: Function[] = [];
  for (let current: unknown = dto; typeof current === 'function' && current !== Function.prototype; ) {
    chain.unshift(current as Function);
    current = Object.getPrototypeOf(current);
  }
  const result: OptionMetadata[] = [];
  for (const cls of chain) {
    const own: OptionMetadata[] | undefined = Reflect.getOwnMetadata(OPTIONS, cls);
    if (own !== undefined) result.push(...own);
  }
  return result;
}
