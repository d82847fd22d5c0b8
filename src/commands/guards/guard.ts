import type { HandlerRoute } from '../catalog/command-catalog';
import type { InteractionContext } from '../context/interaction-context';
import type { CooldownStore } from './cooldown-store';

/** What the router tells a guard besides the interaction: which handler, and shared settings. */
export interface GuardEnvironment {
  readonly route: HandlerRoute;
  /** The bot owners' user ids, from the router options (`OwnerOnly()` reads them). */
  readonly ownerIds: readonly string[];
  /** The store `Cooldown()` uses when not given one: the router's (memory unless configured). */
  readonly cooldownStore: CooldownStore;
}

/**
 * Decides whether an interaction may reach its handler. Return `false` for the router's generic
 * refusal, or throw `CommandRejectedError` to tell the user why.
 *
 * @example
 * ```ts
 * @Injectable()
 * class NotBlocked implements Guard {
 *   constructor(private readonly blocklist: Blocklist) {}
 *   canActivate(ctx: InteractionContext) { return !this.blocklist.has(ctx.user.id); }
 * }
 * ```
 */
export interface Guard {
  canActivate(ctx: InteractionContext, env: GuardEnvironment): boolean | Promise<boolean>;
}

/** A guard class: resolved from the DI container when it is a provider, else constructed. */
export type GuardClass = new (...args: never[]) => Guard;

/** What `@UseGuards` accepts: guard instances (such as the built-ins) or guard classes. */
export type GuardLike = Guard | GuardClass;
