import { CustomIdError } from './command-errors';

/** Discord's limit on a component's or modal's `custom_id`. */
export const CUSTOM_ID_MAX_LENGTH = 100;

type ParamValue<Kind extends string> = Kind extends 'int' ? number : string;

type ParamEntry<Spec extends string> = Spec extends `${infer Name}:${infer Kind}`
  ? { [K in Name]: ParamValue<Kind> }
  : { [K in Spec]: string };

type Flatten<T> = { [K in keyof T]: T[K] };

/**
 * The parameters a custom-id pattern declares, typed: `{id}` is a string, `{id:int}` a number,
 * `{id:snowflake}` a string of digits.
 */
export type CustomIdParams<Pattern extends string> = Flatten<
  Pattern extends `${string}{${infer Spec}}${infer Rest}` ? ParamEntry<Spec> & CustomIdParams<Rest> : unknown
>;

type ParamKind = 'string' | 'int' | 'snowflake';

interface ParamSlot {
  readonly name: string;
  readonly kind: ParamKind;
}

const KIND_REGEX: Readonly<Record<ParamKind, string>> = {
  string: '(.+?)',
  int: '(-?\\d+)',
  snowflake: '(\\d{17,20})',
};

/**
 * A custom-id pattern such as `'ticket:close:{id:int}'`: builds ids for components and parses
 * them back into typed parameters when the user clicks. Use the same object in the component and
 * in the handler decorator so they cannot drift apart.
 *
 * @example
 * ```ts
 * const CloseTicket = new CustomId('ticket:close:{id:int}');
 * button.setCustomId(CloseTicket.build({ id: 42 })); // 'ticket:close:42'
 * CloseTicket.match('ticket:close:42');              // { id: 42 }
 * ```
 */
export class CustomId<Pattern extends string = string> {
  public readonly pattern: Pattern;
  private readonly slots: readonly ParamSlot[];
  private readonly literals: readonly string[];
  private readonly regex: RegExp;

  public constructor(pattern: Pattern) {
    this.pattern = pattern;
    const slots: ParamSlot[] = [];
    const literals: string[] = [];
    let source = '^';
    let rest: string = pattern;
    for (;;) {
      const open = rest.indexOf('{');
      const close = rest.indexOf('}');
      if (open === -1) {
        if (close !== -1) throw new CustomIdError(`Custom-id pattern "${pattern}" has a "}" without "{".`);
        literals.push(rest);
        source += escapeRegex(rest);
        break;
      }
      if (close === -1 || close < open) {
        throw new CustomIdError(`Custom-id pattern "${pattern}" has an unclosed "{": write parameters as {name} or {name:int}.`);
      }
      const literal = rest.slice(0, open);
      if (slots.length > 0 && literal === '') {
        throw new CustomIdError(
          `Custom-id pattern "${pattern}" has two parameters with nothing between them: put a separator such as ":" between them.`,
        );
      }
      literals.push(literal);
      source += escapeRegex(literal);
      const slot = parseSlot(rest.slice(open + 1, close), pattern);
      if (slots.some((s) => s.name === slot.name)) {
        throw new CustomIdError(`Custom-id pattern "${pattern}" declares {${slot.name}} twice.`);
      }
      slots.push(slot);
      source += KIND_REGEX[slot.kind];
      rest = rest.slice(close + 1);
    }
    if (pattern.length === 0) throw new CustomIdError('Custom-id pattern is empty: give it a name such as "ticket:close".');
    const staticLength = literals.join('').length;
    if (staticLength > CUSTOM_ID_MAX_LENGTH) {
      throw new CustomIdError(
        `Custom-id pattern "${pattern}" has ${staticLength} fixed characters; Discord allows ${CUSTOM_ID_MAX_LENGTH} in a custom_id.`,
      );
    }
    this.slots = slots;
    this.literals = literals;
    this.regex = new RegExp(`${source}$`, 's');
  }

  /** Names of the parameters, in order. */
  public get parameterNames(): readonly string[] {
    return this.slots.map((s) => s.name);
  }

  /** Characters of fixed text: a pattern with more of them is more specific and is tried first. */
  public get specificity(): number {
    return this.literals.join('').length;
  }

  /** True when the pattern has no parameters, so matching is a string comparison. */
  public get isStatic(): boolean {
    return this.slots.length === 0;
  }

  /**
   * Builds a custom id. Throws `CustomIdError` when a parameter is missing, does not round-trip
   * (it contains the separator that follows it), or the id is over 100 characters.
   */
  public build(...args: keyof CustomIdParams<Pattern> extends never ? [] : [params: CustomIdParams<Pattern>]): string {
    return this.format((args[0] ?? {}) as Readonly<Record<string, unknown>>);
  }

  /** `build` for callers that only know the pattern at run time; the same checks apply. */
  public format(params: Readonly<Record<string, unknown>>): string {
    let id = this.literals[0] ?? '';
    this.slots.forEach((slot, index) => {
      const value = params[slot.name];
      if (value === undefined || value === null || value === '') {
        throw new CustomIdError(`Building "${this.pattern}": parameter "${slot.name}" is missing.`);
      }
      if (slot.kind === 'int' && (typeof value !== 'number' || !Number.isSafeInteger(value))) {
        throw new CustomIdError(`Building "${this.pattern}": parameter "${slot.name}" must be a safe integer, got ${String(value)}.`);
      }
      if (slot.kind === 'snowflake' && !/^\d{17,20}$/.test(String(value))) {
        throw new CustomIdError(`Building "${this.pattern}": parameter "${slot.name}" must be a snowflake (17 to 20 digits, as a string), got ${String(value)}.`);
      }
      id += String(value) + (this.literals[index + 1] ?? '');
    });
    if (id.length > CUSTOM_ID_MAX_LENGTH) {
      throw new CustomIdError(
        `Custom id "${id}" built from "${this.pattern}" is ${id.length} characters; Discord allows ${CUSTOM_ID_MAX_LENGTH}. Shorten the pattern or the parameters.`,
      );
    }
    const back = this.match(id);
    if (back === undefined || this.slots.some((s) => String(back[s.name as keyof typeof back]) !== String(params[s.name]))) {
      throw new CustomIdError(
        `Building "${this.pattern}": a parameter value contains the text that separates parameters, so "${id}" would not parse back. Encode it or change the separator.`,
      );
    }
    return id;
  }

  /** Parses a custom id, or returns undefined when it does not fit the pattern. */
  public match(customId: string): CustomIdParams<Pattern> | undefined {
    const found = this.regex.exec(customId);
    if (found === null) return undefined;
    const params: Record<string, string | number> = {};
    this.slots.forEach((slot, index) => {
      const raw = found[index + 1] ?? '';
      params[slot.name] = slot.kind === 'int' ? Number(raw) : raw;
    });
    if (this.slots.some((s) => s.kind === 'int' && !Number.isSafeInteger(params[s.name]))) return undefined;
    return params as CustomIdParams<Pattern>;
  }

  public toString(): string {
    return this.pattern;
  }
}

function parseSlot(spec: string, pattern: string): ParamSlot {
  const [name = '', kind = 'string', extra] = spec.split(':');
  if (extra !== undefined || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new CustomIdError(`Custom-id pattern "${pattern}" has a bad parameter "{${spec}}": use {name}, {name:int} or {name:snowflake}.`);
  }
  if (kind !== 'string' && kind !== 'int' && kind !== 'snowflake') {
    throw new CustomIdError(`Custom-id pattern "${pattern}": parameter type "${kind}" is unknown; use int, snowflake or leave it out for text.`);
  }
  return { name, kind };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
