import { CommandDefinitionError } from '../command-errors';
import type { CommandConfig, ContextMenuConfig, SubcommandConfig, SubcommandGroupConfig } from './command-config';
import { addHandler, addSubcommandGroup, defineClassCommand } from './handler-metadata';

type ClassOrMethodDecorator = ClassDecorator & MethodDecorator;

function methodNameOf(target: object, key: string | symbol, decorator: string): string {
  if (typeof key !== 'string') {
    const owner = (target.constructor as { name?: string }).name ?? 'a class';
    throw new CommandDefinitionError(`${decorator} on a symbol-named method of ${owner}: use a named method.`);
  }
  return key;
}

/**
 * Declares a slash command. On a method, the method handles it. On a class, the class holds its
 * `@Subcommand` methods (and `@SubcommandGroup`s).
 *
 * @example
 * ```ts
 * @Injectable()
 * class Fun {
 *   @Command({ name: 'ping', description: 'Check the bot is alive' })
 *   ping(@Ctx() ctx: CommandContext) { return ctx.reply('Pong!'); }
 * }
 * ```
 */
export function Command(config: CommandConfig): ClassOrMethodDecorator {
  return ((target: object, key?: string | symbol) => {
    if (key === undefined) {
      defineClassCommand(target as Function, config);
      return;
    }
    addHandler(target, { kind: 'command', methodName: methodNameOf(target, key, '@Command'), config });
  }) as ClassOrMethodDecorator;
}

/**
 * A subcommand of the `@Command` on this method's class. Set `group` to file it under a
 * `@SubcommandGroup` of the same class.
 *
 * @example
 * ```ts
 * @Command({ name: 'ticket', description: 'Support tickets' })
 * @SubcommandGroup({ name: 'admin', description: 'Staff tools' })
 * class Tickets {
 *   @Subcommand({ name: 'open', description: 'Open a ticket' })
 *   open(@Options() o: OpenOptions) {}
 *
 *   @Subcommand({ name: 'purge', description: 'Delete closed tickets', group: 'admin' })
 *   purge() {}
 * }
 * ```
 */
export function Subcommand(config: SubcommandConfig): MethodDecorator {
  return (target, key) => {
    addHandler(target, { kind: 'subcommand', methodName: methodNameOf(target, key, '@Subcommand'), config });
  };
}

/**
 * Declares a group of subcommands on a `@Command` class. Repeat it for several groups.
 *
 * @example
 * ```ts
 * @Command({ name: 'config', description: 'Settings' })
 * @SubcommandGroup({ name: 'roles', description: 'Role settings' })
 * class Config {}
 * ```
 */
export function SubcommandGroup(config: SubcommandGroupConfig): ClassDecorator {
  return (target) => addSubcommandGroup(target, config);
}

/**
 * A context-menu command on users (right click a user > Apps). The target is `@Target()`.
 *
 * @example
 * ```ts
 * @UserCommand({ name: 'Show avatar' })
 * avatar(@Target() user: APIUser, @Ctx() ctx: UserCommandContext) {}
 * ```
 */
export function UserCommand(config: ContextMenuConfig): MethodDecorator {
  return (target, key) => {
    addHandler(target, { kind: 'userCommand', methodName: methodNameOf(target, key, '@UserCommand'), config });
  };
}

/**
 * A context-menu command on messages (right click a message > Apps). The target is `@Target()`.
 *
 * @example
 * ```ts
 * @MessageCommand({ name: 'Quote' })
 * quote(@Target() message: APIMessage, @Ctx() ctx: MessageCommandContext) {}
 * ```
 */
export function MessageCommand(config: ContextMenuConfig): MethodDecorator {
  return (target, key) => {
    addHandler(target, {
      kind: 'messageCommand',
      methodName: methodNameOf(target, key, '@MessageCommand'),
      config,
    });
  };
}

export { methodNameOf };
