import 'reflect-metadata';
import type { CustomId } from '../custom-id';
import { InteractionHandlerMark } from './handler-marker';
import type { CommandConfig, ContextMenuConfig, SubcommandConfig, SubcommandGroupConfig } from './command-config';

/** Component handlers are matched by custom id within their component family. */
export type ComponentKind = 'button' | 'selectMenu' | 'modalSubmit';

/** One decorated handler method, as recorded by the decorators. */
export type HandlerDeclaration =
  | { readonly kind: 'command'; readonly methodName: string; readonly config: CommandConfig }
  | { readonly kind: 'subcommand'; readonly methodName: string; readonly config: SubcommandConfig }
  | { readonly kind: 'userCommand' | 'messageCommand'; readonly methodName: string; readonly config: ContextMenuConfig }
  | { readonly kind: ComponentKind; readonly methodName: string; readonly customId: CustomId }
  | { readonly kind: 'autocomplete'; readonly methodName: string; readonly command: string; readonly option: string };

const CLASS_COMMAND = Symbol('ovenjs:command-class');
const GROUPS = Symbol('ovenjs:subcommand-groups');
const HANDLERS = Symbol('ovenjs:interaction-handlers');

export function defineClassCommand(target: Function, config: CommandConfig): void {
  Reflect.defineMetadata(CLASS_COMMAND, config, target);
}

export function getClassCommand(target: Function): CommandConfig | undefined {
  return Reflect.getOwnMetadata(CLASS_COMMAND, target) as CommandConfig | undefined;
}

export function addSubcommandGroup(target: Function, config: SubcommandGroupConfig): void {
  const own: SubcommandGroupConfig[] = Reflect.getOwnMetadata(GROUPS, target) ?? [];
  Reflect.defineMetadata(GROUPS, [...own, config], target);
}

export function getSubcommandGroups(target: Function): readonly SubcommandGroupConfig[] {
  return (Reflect.getOwnMetadata(GROUPS, target) as SubcommandGroupConfig[] | undefined) ?? [];
}

/**
 * Records a handler on its class. `prototype` is what the method decorator received; it also gets
 * the discoverable mark.
 */
export function addHandler(prototype: object, declaration: HandlerDeclaration): void {
  InteractionHandlerMark(declaration.kind)(prototype, declaration.methodName, Object.getOwnPropertyDescriptor(prototype, declaration.methodName) ?? {});
  const target = prototype.constructor;
  const own: HandlerDeclaration[] = Reflect.getOwnMetadata(HANDLERS, target) ?? [];
  Reflect.defineMetadata(HANDLERS, [...own, declaration], target);
}

/** Handler methods declared on the class and its base classes. */
export function getHandlers(target: Function): readonly HandlerDeclaration[] {
  const result: HandlerDeclaration[] = [];
  for (let current: unknown = target; typeof current === 'function' && current !== Function.prototype; ) {
    const own: HandlerDeclaration[] | undefined = Reflect.getOwnMetadata(HANDLERS, current);
    if (own !== undefined) result.unshift(...own);
    current = Object.getPrototypeOf(current);
  }
  return result;
}

/** True when the class carries any interaction decorator, so a scan can skip other providers. */
export function isInteractionClass(target: Function): boolean {
  return getClassCommand(target) !== undefined || getHandlers(target).length > 0;
}
