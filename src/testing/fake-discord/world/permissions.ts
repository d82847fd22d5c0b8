import { OverwriteType, PermissionFlagsBits, type APIGuildMember, type APIRole } from 'discord-api-types/v10';
import type { StoredChannel } from './stored-channel';

/** Every permission bit Discord defines: what an owner or administrator effectively has. */
export const ALL_PERMISSIONS: bigint = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);

/**
 * Discord's permission algorithm (owner, @everyone, member roles, ADMINISTRATOR, then channel
 * overwrites for @everyone, roles, member), so the fake refuses actions a real guild would.
 *
 * @example
 * ```ts
 * const perms = computePermissions({ ownerId, guildId, roles, member, channel });
 * if ((perms & PermissionFlagsBits.SendMessages) === 0n) throw missingPermissions();
 * ```
 */
export function computePermissions(input: {
  ownerId: string;
  guildId: string;
  roles: ReadonlyMap<string, APIRole>;
  member: APIGuildMember;
  channel?: StoredChannel;
}): bigint {
  const { member, roles, guildId } = input;
  if (member.user.id === input.ownerId) return ALL_PERMISSIONS;
  let base = BigInt(roles.get(guildId)?.permissions ?? '0');
  for (const roleId of member.roles) base |= BigInt(roles.get(roleId)?.permissions ?? '0');
  if ((base & PermissionFlagsBits.Administrator) !== 0n) return ALL_PERMISSIONS;
  const overwrites = input.channel?.permission_overwrites;
  if (overwrites === undefined || overwrites.length === 0) return base;

  let permissions = base;
  const everyone = overwrites.find((o) => o.id === guildId);
  if (everyone !== undefined) permissions = (permissions & ~BigInt(everyone.deny)) | BigInt(everyone.allow);
  let allow = 0n;
  let deny = 0n;
  for (const overwrite of overwrites) {
    if (overwrite.type === OverwriteType.Role && member.roles.includes(overwrite.id)) {
      allow |= BigInt(overwrite.allow);
      deny |= BigInt(overwrite.deny);
    }
  }
  permissions = (permissions & ~deny) | allow;
  const own = overwrites.find((o) => o.type === OverwriteType.Member && o.id === member.user.id);
  if (own !== undefined) permissions = (permissions & ~BigInt(own.deny)) | BigInt(own.allow);
  return permissions;
}
