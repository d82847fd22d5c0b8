// Audit log entries (GUILD_AUDIT_LOG_ENTRY_CREATE).
import { GatewayDispatchEvents, GatewayIntentBits, type APIAuditLogEntry } from 'discord-api-types/v10';
import type { AuditEntryInput } from './audit-log';
import type { World } from './world';

/** Records an action in a guild's audit log (by the bot unless `actorId` says otherwise) and announces it. */
export function recordAudit(world: World, guildId: string, input: AuditEntryInput, actorId: string = world.botUser.id): APIAuditLogEntry {
  const entry: APIAuditLogEntry = { id: world.ids.next(), action_type: input.actionType, user_id: actorId, target_id: input.targetId };
  if (input.reason !== undefined) entry.reason = input.reason;
  if (input.changes !== undefined) entry.changes = input.changes as APIAuditLogEntry['changes'] & object;
  if (input.options !== undefined) entry.options = input.options as APIAuditLogEntry['options'] & object;
  world.auditLog.add(guildId, entry);
  world.dispatch({ t: GatewayDispatchEvents.GuildAuditLogEntryCreate, d: { ...entry, guild_id: guildId }, guildId, intents: GatewayIntentBits.GuildModeration });
  return entry;
}
