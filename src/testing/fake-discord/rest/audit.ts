import type { AuditLogEvent } from 'discord-api-types/v10';
import type { AuditEntryInput } from '../world/audit-log';
import type { RouteContext } from './route';

/** Records what a route did in the guild's audit log, with the request's `X-Audit-Log-Reason`. */
export function audit(context: RouteContext, guildId: string | undefined, actionType: AuditLogEvent, targetId: string | null, extra: Pick<AuditEntryInput, 'changes' | 'options'> = {}): void {
  if (guildId === undefined) return;
  context.world.recordAudit(guildId, { actionType, targetId, reason: context.auditLogReason, ...extra });
}
