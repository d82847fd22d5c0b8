// Roles made, edited and deleted (GUILD_ROLE_*).
import { GatewayDispatchEvents, GatewayIntentBits, type APIRole } from 'discord-api-types/v10';
import { makeRole } from './entity-defaults';
import type { World } from './world';

export function createRole(world: World, guildId: string, fields: Partial<APIRole> & { name?: string; permissionBits?: bigint }): APIRole {
  const record = world.requireGuild(guildId);
  const { permissionBits, position: wanted, ...rest } = fields;
  // Discord puts a new role just above @everyone; an explicit position pushes the roles at and
  // above it up by one.
  const position = Math.max(1, Math.min(wanted ?? 1, record.roles.size));
  for (const other of record.roles.values()) if (other.id !== guildId && other.position >= position) other.position += 1;
  const role = makeRole(world.ids.next(), fields.name ?? 'new role', position, permissionBits ?? 0n, rest);
  record.roles.set(role.id, role);
  world.dispatch({ t: GatewayDispatchEvents.GuildRoleCreate, d: { guild_id: guildId, role }, guildId, intents: GatewayIntentBits.Guilds });
  return role;
}

export function updateRole(world: World, guildId: string, role: APIRole, patch: Partial<APIRole>): APIRole {
  Object.assign(role, patch);
  world.dispatch({ t: GatewayDispatchEvents.GuildRoleUpdate, d: { guild_id: guildId, role }, guildId, intents: GatewayIntentBits.Guilds });
  return role;
}

/** Deletes a role and takes it off every member, as Discord does. */
export function deleteRole(world: World, guildId: string, roleId: string): void {
  const record = world.requireGuild(guildId);
  record.roles.delete(roleId);
  for (const member of record.members.values()) {
    if (member.roles.includes(roleId)) member.roles = member.roles.filter((id) => id !== roleId);
  }
  world.dispatch({ t: GatewayDispatchEvents.GuildRoleDelete, d: { guild_id: guildId, role_id: roleId }, guildId, intents: GatewayIntentBits.Guilds });
}
