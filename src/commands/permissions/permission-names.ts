import { PermissionFlagsBits } from 'discord-api-types/v10';
import { CommandDefinitionError } from '../command-errors';

/** A permission by its name in `PermissionFlagsBits` (`'BanMembers'`, `'ManageGuild'`, ...). */
export type PermissionName = keyof typeof PermissionFlagsBits;

/**
 * Turns permission names into Discord's bitfield. Unknown names are rejected here so that a typo
 * fails at start-up instead of silently granting nothing.
 */
export function permissionBits(names: readonly PermissionName[], where: string): bigint {
  let bits = 0n;
  for (const name of names) {
    const bit = (PermissionFlagsBits as Record<string, bigint | undefined>)[name];
    if (bit === undefined) {
      throw new CommandDefinitionError(
        `${where}: unknown permission "${String(name)}". Use a key of PermissionFlagsBits such as "BanMembers".`,
      );
    }
    bits |= bit;
  }
  return bits;
}

/** The permission names whose bits are in `required` but not in `held`. */
export function missingPermissions(required: bigint, held: bigint): PermissionName[] {
  const missing: PermissionName[] = [];
  for (const [name, bit] of Object.entries(PermissionFlagsBits) as [PermissionName, bigint][]) {
    if ((required & bit) === bit && (held & bit) !== bit) missing.push(name);
  }
  return missing;
}
