import { CustomId } from '../custom-id';
import { methodNameOf } from './command.decorators';
import type { ComponentKind } from './handler-metadata';
import { addHandler } from './handler-metadata';

function componentDecorator(kind: ComponentKind, name: string, pattern: string | CustomId): MethodDecorator {
  // Parse now so a malformed pattern fails when the class loads, not on the first click.
  const customId = typeof pattern === 'string' ? new CustomId(pattern) : pattern;
  return (target, key) => {
    addHandler(target, { kind, methodName: methodNameOf(target, key, name), customId });
  };
}

/**
 * Handles clicks on buttons whose custom id fits the pattern. Parameters arrive through
 * `@Param('name')` or `ctx.params`.
 *
 * @example
 * ```ts
 * @Button('ticket:close:{id:int}')
 * close(@Param('id') id: number, @Ctx() ctx: ComponentContext) { return ctx.update({ content: `Closed #${id}` }); }
 * ```
 */
export function Button(pattern: string | CustomId): MethodDecorator {
  return componentDecorator('button', '@Button', pattern);
}

/**
 * Handles choices made in select menus (string, user, role, mentionable or channel) whose custom
 * id fits the pattern; the picked values are `ctx.values`.
 *
 * @example
 * ```ts
 * @SelectMenu('colour')
 * pick(@Ctx() ctx: ComponentContext) { return ctx.reply(`You picked ${ctx.values.join(', ')}`); }
 * ```
 */
export function SelectMenu(pattern: string | CustomId): MethodDecorator {
  return componentDecorator('selectMenu', '@SelectMenu', pattern);
}

/**
 * Handles submitted modals whose custom id fits the pattern. Take the fields as a validated DTO
 * with `@Fields()`.
 *
 * @example
 * ```ts
 * @ModalSubmit('feedback')
 * save(@Fields() form: FeedbackForm, @Ctx() ctx: ModalContext) { return ctx.reply({ content: 'Thanks!', ephemeral: true }); }
 * ```
 */
export function ModalSubmit(pattern: string | CustomId): MethodDecorator {
  return componentDecorator('modalSubmit', '@ModalSubmit', pattern);
}

/**
 * Suggests values for an option declared with `autocomplete: true`. `command` is the command's
 * full path (`'ticket open'` for a subcommand). Return the choices, or call `ctx.respond`.
 *
 * @example
 * ```ts
 * @Autocomplete('weather', 'city')
 * cities(@Focused() typed: string) { return CITIES.filter((c) => c.startsWith(typed)).slice(0, 25); }
 * ```
 */
export function Autocomplete(command: string, option: string): MethodDecorator {
  return (target, key) => {
    addHandler(target, {
      kind: 'autocomplete',
      methodName: methodNameOf(target, key, '@Autocomplete'),
      command: command.trim().split(/\s+/).join(' '),
      option,
    });
  };
}
