import type { APIAuditLogEntry, AuditLogEvent } from 'discord-api-types/v10';

/** What an action records in the guild's audit log. */
export interface AuditEntryInput {
  readonly actionType: AuditLogEvent;
  readonly targetId: string | null;
  /** The request's decoded `X-Audit-Log-Reason`. */
  readonly reason?: string | undefined;
  readonly changes?: readonly { key: string; old_value?: unknown; new_value?: unknown }[];
  readonly options?: Readonly<Record<string, string>>;
}

/** Filters of `GET /guilds/{id}/audit-logs`. */
export interface AuditQuery {
  readonly userId?: string;
  readonly targetId?: string;
  readonly actionType?: number;
  readonly before?: string;
  readonly after?: string;
  readonly limit: number;
}

/** Audit log entries per guild, oldest first in storage, newest first when listed. */
export class AuditLog {
  private readonly byGuild = new Map<string, APIAuditLogEntry[]>();

  public add(guildId: string, entry: APIAuditLogEntry): void {
    let list = this.byGuild.get(guildId);
    if (list === undefined) {
      list = [];
      this.byGuild.set(guildId, list);
    }
    list.push(entry);
  }

  public list(guildId: string, query: AuditQuery): APIAuditLogEntry[] {
    const before = query.before === undefined ? undefined : BigInt(query.before);
    const after = query.after === undefined ? undefined : BigInt(query.after);
    const matching = (this.byGuild.get(guildId) ?? []).filter(
      (entry) =>
        (query.userId === undefined || entry.user_id === query.userId) &&
        (query.targetId === undefined || entry.target_id === query.targetId) &&
        (query.actionType === undefined || entry.action_type === query.actionType) &&
        (before === undefined || BigInt(entry.id) < before) &&
        (after === undefined || BigInt(entry.id) > after),
    );
    return matching.reverse().slice(0, query.limit);
  }
}
