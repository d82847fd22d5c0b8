import 'reflect-metadata';
import { CommandDefinitionError } from '../command-errors';
import type { GuardLike } from '../guards/guard';

const GUARDS = Symbol('ovenjs:guards');

/**
 * Runs guards before a handler. On a class they cover every handler in it (class guards run
 * first); on a method, that handler only.
 *
 * @example
 * ```ts
 * @UseGuards(GuildOnly(), RequirePermissions('BanMembers'), Cooldown({ per: 'user', limit: 1, windowMs: 5_000 }))
 * @Command({ name: 'ban', description: 'Ban a member' })
 * ban(@Options() options: BanOptions) {}
 * ```
 */
export function UseGuards(...guards: GuardLike[]): ClassDecorator & MethodDecorator {
  for (const [index, guard] of guards.entries()) {
    const ok = typeof guard === 'function' || (typeof guard === 'object' && guard !== null && typeof guard.canActivate === 'function');
    if (!ok) {
      throw new CommandDefinitionError(
        `@UseGuards argument ${index + 1} is neither a guard class nor an object with canActivate(ctx). Check the import.`,
      );
    }
  }
  return ((target: object, key?: string | symbol) => {
    const owner = key === undefined ? target : target.constructor;
    const own: GuardLike[] = (key === undefined ? Reflect.getOwnMetadata(GUARDS, owner) : Reflect.getOwnMetadata(GUARDS, owner, key)) ?? [];
    // Decorators apply bottom-up; prepend so guards run in the order they are written.
    if (key === undefined) Reflect.defineMetadata(GUARDS, [...guards, ...own], owner);
    else Reflect.defineMetadata(GUARDS, [...guards, ...own], owner, key);
  }) as ClassDecorator & MethodDecorator;
}

/** Class guards then method guards, in the order they run. */
export function getGuards(target: Function, methodName: string): readonly GuardLike[] {
  const classGuards: GuardLike[] = [];
  for (let current: unknown = target; typeof current === 'function' && current !== Function.prototype; ) {
    const own: GuardLike[] | undefined = Reflect.getOwnMetadata(GUARDS, current);
    if (own !== undefined) classGuards.unshift(...own);
    current = Object.getPrototypeOf(current);
  }
  const methodGuards: GuardLike[] = Reflect.getOwnMetadata(GUARDS, target, methodName) ?? [];
  return [...classGuards, ...methodGuards];
}
