import { CommandDefinitionError, CommandRejectedError } from '../command-errors';
import type { PermissionName } from '../permissions/permission-names';
import { missingPermissions, permissionBits } from '../permissions/permission-names';
import type { CooldownStore } from './cooldown-store';
import type { Guard } from './guard';

function spaced(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2');
}

/**
 * Lets the interaction through only inside a server.
 *
 * @example
 * ```ts
 * @UseGuards(GuildOnly())
 * ```
 */
export function GuildOnly(message = 'This only works in a server.'): Guard {
  return {
    canActivate(ctx) {
      if (ctx.guild === undefined) throw new CommandRejectedError(message, 'GuildOnly');
      return true;
    },
  };
}

/**
 * Lets only the bot's owners through: the ids given, else the router's `ownerIds`.
 *
 * @example
 * ```ts
 * @UseGuards(OwnerOnly())
 * @Command({ name: 'eval', description: 'Owner tools' })
 * ```
 */
export function OwnerOnly(ownerIds?: readonly string[], message = 'Only the bot owner can do that.'): Guard {
  return {
    canActivate(ctx, env) {
      const owners = ownerIds ?? env.ownerIds;
      if (!owners.includes(ctx.user.id)) throw new CommandRejectedError(message, 'OwnerOnly');
      return true;
    },
  };
}

/**
 * Requires the invoking member to hold every permission named (in the channel, as Discord
 * computed them for the interaction). Refuses in DMs.
 *
 * @example
 * ```ts
 * @UseGuards(RequirePermissions('BanMembers'))
 * ```
 */
export function RequirePermissions(...names: PermissionName[]): Guard {
  const required = permissionBits(names, 'RequirePermissions');
  return {
    canActivate(ctx) {
      const held = ctx.member?.permissions;
      if (held === undefined) throw new CommandRejectedError('This only works in a server.', 'RequirePermissions');
      const missing = missingPermissions(required, BigInt(held));
      if (missing.length > 0) {
        throw new CommandRejectedError(`You need the ${missing.map(spaced).join(', ')} permission${missing.length > 1 ? 's' : ''} for this.`, 'RequirePermissions');
      }
      return true;
    },
  };
}

/**
 * Requires the bot itself to hold the permissions named in the channel (`app_permissions`), so
 * the handler does not fail half way with a 50013.
 *
 * @example
 * ```ts
 * @UseGuards(RequireBotPermissions('ManageRoles'))
 * ```
 */
export function RequireBotPermissions(...names: PermissionName[]): Guard {
  const required = permissionBits(names, 'RequireBotPermissions');
  return {
    canActivate(ctx) {
      const missing = missingPermissions(required, BigInt(ctx.interaction.app_permissions ?? '0'));
      if (missing.length > 0) {
        throw new CommandRejectedError(`I need the ${missing.map(spaced).join(', ')} permission${missing.length > 1 ? 's' : ''} here to do that.`, 'RequireBotPermissions');
      }
      return true;
    },
  };
}

/** Settings for `Cooldown`. */
export interface CooldownOptions {
  /** Whose uses are counted together. */
  per: 'user' | 'guild' | 'channel' | 'global';
  /** Uses allowed per window. Defaults to 1. */
  limit?: number;
  windowMs: number;
  /** Defaults to the router's store (memory unless configured, e.g. `RedisCooldownStore`). */
  store?: CooldownStore;
  /** Counts shared between handlers with the same bucket name; defaults to the handler's path. */
  bucket?: string;
  message?: (retryAfterMs: number) => string;
}

/**
 * Limits how often a handler runs per user, guild, channel or globally. In DMs, `'guild'` counts
 * per user.
 *
 * @example
 * ```ts
 * @UseGuards(Cooldown({ per: 'user', limit: 2, windowMs: 10_000 }))
 * ```
 */
export function Cooldown(options: CooldownOptions): Guard {
  const limit = options.limit ?? 1;
  if (!Number.isInteger(limit) || limit < 1) throw new CommandDefinitionError(`Cooldown limit ${limit} must be a whole number of at least 1.`);
  if (!(options.windowMs > 0)) throw new CommandDefinitionError(`Cooldown windowMs ${options.windowMs} must be more than 0.`);
  const message = options.message ?? ((ms: number) => `Slow down! Try again in ${Math.max(1, Math.ceil(ms / 1000))}s.`);
  return {
    async canActivate(ctx, env) {
      const subject =
        options.per === 'user'
          ? `user:${ctx.user.id}`
          : options.per === 'guild'
            ? ctx.guild === undefined ? `dm:${ctx.user.id}` : `guild:${ctx.guild.id}`
            : options.per === 'channel'
              ? `channel:${ctx.interaction.channel?.id ?? ctx.user.id}`
              : 'global';
      const store = options.store ?? env.cooldownStore;
      const result = await store.consume(`${options.bucket ?? env.route.path}:${subject}`, limit, options.windowMs);
      if (!result.allowed) throw new CommandRejectedError(message(result.retryAfterMs), 'Cooldown');
      return true;
    },
  };
}
