import { PermissionFlagsBits, type APIUser } from 'discord-api-types/v10';
import { guildOr404, readLimit, readSnowflake, requireBotPermissions } from '../access';
import { DiscordHttpError } from '../discord-http-error';
import type { RouteDefinition } from '../route';

/** `GET /guilds/{guild_id}/audit-logs`: entries newest first, filtered as Discord filters them. */
export const auditLogRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/guilds/{guild_id}/audit-logs',
    auth: 'bot',
    handle: ({ world, params, query }) => {
      const record = guildOr404(world, params.guild_id as string);
      requireBotPermissions(world, record.guild.id, PermissionFlagsBits.ViewAuditLog);
      const rawType = query.get('action_type');
      const actionType = rawType === null ? undefined : Number(rawType);
      if (actionType !== undefined && !Number.isInteger(actionType)) {
        throw DiscordHttpError.invalidForm({ action_type: { _errors: [{ code: 'NUMBER_TYPE_COERCE', message: `Value "${String(rawType)}" is not int.` }] } });
      }
      const filters = {
        userId: readSnowflake(query, 'user_id'),
        targetId: readSnowflake(query, 'target_id'),
        actionType,
        before: readSnowflake(query, 'before'),
        after: readSnowflake(query, 'after'),
      };
      const defined = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined));
      const entries = world.auditLog.list(record.guild.id, { ...defined, limit: readLimit(query, 50, 100) });
      const users = new Map<string, APIUser>();
      for (const entry of entries) {
        for (const id of [entry.user_id, entry.target_id]) {
          const user = id === null ? undefined : world.users.get(id);
          if (user !== undefined) users.set(user.id, user);
        }
      }
      const webhooks = [...world.webhooks.values()].filter((w) => w.guild_id === record.guild.id);
      return {
        status: 200,
        body: {
          audit_log_entries: entries,
          users: [...users.values()],
          integrations: [],
          webhooks,
          guild_scheduled_events: [],
          threads: record.threadIds.map((id) => world.channels.get(id)).filter((c) => c !== undefined),
          application_commands: world.commands.list(null),
          auto_moderation_rules: [],
        },
      };
    },
  },
];
