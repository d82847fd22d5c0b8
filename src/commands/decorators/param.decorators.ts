import 'reflect-metadata';
import { CommandDefinitionError } from '../command-errors';

/** What a handler parameter receives. */
export type ParamKind =
  | 'options'
  | 'fields'
  | 'ctx'
  | 'user'
  | 'member'
  | 'guild'
  | 'channel'
  | 'param'
  | 'target'
  | 'focused'
  | 'values';

/** One decorated handler parameter. */
export interface ParamDeclaration {
  readonly index: number;
  readonly kind: ParamKind;
  /** `@Param(name)`: the custom-id parameter. */
  readonly name?: string;
  /** `@Options(Dto)` / `@Fields(Dto)`: explicit DTO class, else the parameter's declared type. */
  readonly dto?: Function;
}

const PARAMS = Symbol('ovenjs:handler-params');

function record(declaration: Omit<ParamDeclaration, 'index'>, decorator: string): ParameterDecorator {
  return (target, key, index) => {
    if (key === undefined || typeof key !== 'string') {
      throw new CommandDefinitionError(
        `${decorator} is for parameters of named handler methods, not constructors (class ${(target as { name?: string }).name ?? '?'}).`,
      );
    }
    const owner = target.constructor;
    let dto = declaration.dto;
    if ((declaration.kind === 'options' || declaration.kind === 'fields') && dto === undefined) {
      const types = Reflect.getMetadata('design:paramtypes', target, key) as Function[] | undefined;
      const declared = types?.[index];
      if (declared !== undefined && declared !== Object) dto = declared;
    }
    const entry: ParamDeclaration = { ...declaration, index, ...(dto === undefined ? {} : { dto }) };
    const own: ParamDeclaration[] = Reflect.getOwnMetadata(PARAMS, owner, key) ?? [];
    Reflect.defineMetadata(PARAMS, [...own, entry], owner, key);
  };
}

/** The decorated parameters of one handler method, by index. */
export function getParams(target: Function, methodName: string): readonly ParamDeclaration[] {
  for (let current: unknown = target; typeof current === 'function' && current !== Function.prototype; ) {
    const own: ParamDeclaration[] | undefined = Reflect.getOwnMetadata(PARAMS, current, methodName);
    if (own !== undefined) return [...own].sort((a, b) => a.index - b.index);
    current = Object.getPrototypeOf(current);
  }
  return [];
}

/**
 * The command's options as a validated instance of the DTO class. The class is the parameter's
 * type; pass it explicitly when the type is an interface or imported with `import type`.
 *
 * @example
 * ```ts
 * @Command({ name: 'ban', description: 'Ban a member' })
 * ban(@Options() options: BanOptions) {}
 * ```
 */
export function Options(dto?: Function): ParameterDecorator {
  return record({ kind: 'options', ...(dto === undefined ? {} : { dto }) }, '@Options()');
}

/**
 * A submitted modal's fields as a validated instance of a `@Modal` class.
 *
 * @example
 * ```ts
 * @ModalSubmit('feedback')
 * save(@Fields() form: FeedbackForm) {}
 * ```
 */
export function Fields(dto?: Function): ParameterDecorator {
  return record({ kind: 'fields', ...(dto === undefined ? {} : { dto }) }, '@Fields()');
}

/**
 * The interaction context: replies, deferral, modals, the raw interaction.
 *
 * @example
 * ```ts
 * ping(@Ctx() ctx: CommandContext) { return ctx.reply('Pong!'); }
 * ```
 */
export function Ctx(): ParameterDecorator {
  return record({ kind: 'ctx' }, '@Ctx()');
}

/**
 * The user who triggered the interaction (`APIUser`), in guilds and in DMs.
 *
 * @example
 * ```ts
 * hello(@User() user: APIUser) {}
 * ```
 */
export function User(): ParameterDecorator {
  return record({ kind: 'user' }, '@User()');
}

/**
 * The invoking guild member with its permissions (`InteractionMember`), or `undefined` in DMs.
 *
 * @example
 * ```ts
 * whoami(@Member() member: InteractionMember | undefined) {}
 * ```
 */
export function Member(): ParameterDecorator {
  return record({ kind: 'member' }, '@Member()');
}

/**
 * The guild the interaction came from (`InteractionGuild`: id, and locale and features when
 * Discord sends them), or `undefined` in DMs.
 *
 * @example
 * ```ts
 * stats(@Guild() guild: InteractionGuild | undefined) {}
 * ```
 */
export function Guild(): ParameterDecorator {
  return record({ kind: 'guild' }, '@Guild()');
}

/**
 * The channel the interaction came from (partial channel object), when Discord sends it.
 *
 * @example
 * ```ts
 * where(@Channel() channel: APIPartialChannel | undefined) {}
 * ```
 */
export function Channel(): ParameterDecorator {
  return record({ kind: 'channel' }, '@Channel()');
}

/**
 * One parameter parsed from the custom id (`{id}` in `'ticket:close:{id}'`); `{id:int}` arrives
 * as a number.
 *
 * @example
 * ```ts
 * @Button('ticket:close:{id:int}')
 * close(@Param('id') id: number) {}
 * ```
 */
export function Param(name: string): ParameterDecorator {
  return record({ kind: 'param', name }, `@Param('${name}')`);
}

/**
 * The target of a context-menu command: an `APIUser` for `@UserCommand`, an `APIMessage` for
 * `@MessageCommand`.
 *
 * @example
 * ```ts
 * @UserCommand({ name: 'Show avatar' })
 * avatar(@Target() user: APIUser) {}
 * ```
 */
export function Target(): ParameterDecorator {
  return record({ kind: 'target' }, '@Target()');
}

/**
 * In an `@Autocomplete` handler, what the user has typed so far in the focused option.
 *
 * @example
 * ```ts
 * @Autocomplete('weather', 'city')
 * suggest(@Focused() typed: string) { return search(typed); }
 * ```
 */
export function Focused(): ParameterDecorator {
  return record({ kind: 'focused' }, '@Focused()');
}

/**
 * In a `@SelectMenu` handler, the values the user picked.
 *
 * @example
 * ```ts
 * @SelectMenu('colour')
 * pick(@Values() values: string[]) {}
 * ```
 */
export function Values(): ParameterDecorator {
  return record({ kind: 'values' }, '@Values()');
}
