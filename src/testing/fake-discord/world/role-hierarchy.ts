// Who outranks whom, and what a member may do: the reads moderation routes check against.
import { computePermissions } from './permissions';
import { isThread, type StoredChannel } from './stored-channel';
import type { World } from './world';

/** Position of a member's highest role (0 = only @everyone, -1 = not a member). */
export function highestRolePosition(world: World, guildId: string, userId: string): number {
  const record = world.guilds.get(guildId);
  const member = record?.members.get(userId);
  if (record === undefined || member === undefined) return -1;
  let highest = 0;
  for (const roleId of member.roles) highest = Math.max(highest, record.roles.get(roleId)?.position ?? 0);
  return highest;
}

/**
 * Discord's role hierarchy: a user may manage a role, or moderate a member, only from a strictly
 * higher role. Owners outrank everyone; Administrator does not lift the rule.
 */
export function outranks(world: World, guildId: string, actorId: string, targetPosition: number): boolean {
  const record = world.guilds.get(guildId);
  if (record === undefined) return false;
  if (record.guild.owner_id === actorId) return true;
  return world.highestRolePosition(guildId, actorId) > targetPosition;
}

/** A user's effective permissions in a guild, optionally inside one channel. */
export function permissionsOf(world: World, guildId: string, userId: string, channel?: StoredChannel): bigint {
  const record = world.guilds.get(guildId);
  const member = record?.members.get(userId);
  if (record === undefined || member === undefined) return 0n;
  const input = { ownerId: record.guild.owner_id, guildId, roles: record.roles, member };
  // Threads have no overwrites of their own: they take their parent's.
  const effective = channel !== undefined && isThread(channel) && channel.parent_id != null ? world.channels.get(channel.parent_id) : channel;
  return computePermissions(effective === undefined ? input : { ...input, channel: effective });
}
