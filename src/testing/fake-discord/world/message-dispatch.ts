import { GatewayDispatchEvents, GatewayIntentBits, type APIGuildMember, type APIMessage } from 'discord-api-types/v10';
import type { WorldDispatch } from '../world-events';

/**
 * MESSAGE_CREATE / MESSAGE_UPDATE as the gateway sends them: `guild_id` and the author's member
 * (without `user`) in guilds, and a copy with content withheld for shards without MESSAGE_CONTENT.
 * Discord sends content regardless in DMs, for the bot's own messages and when the bot is mentioned.
 */
export function messageDispatch(
  t: GatewayDispatchEvents.MessageCreate | GatewayDispatchEvents.MessageUpdate,
  message: APIMessage,
  guildId: string | null,
  member: APIGuildMember | undefined,
  botId: string,
): WorldDispatch {
  const d: Record<string, unknown> = { ...message };
  if (guildId !== null) {
    d.guild_id = guildId;
    if (member !== undefined && message.webhook_id === undefined) {
      const { user: _user, ...withoutUser } = member;
      d.member = withoutUser;
    }
  }
  const intents = guildId === null ? GatewayIntentBits.DirectMessages : GatewayIntentBits.GuildMessages;
  const exempt = guildId === null || message.author.id === botId || message.mentions.some((user) => user.id === botId);
  if (exempt) return { t, d, guildId, intents };
  return { t, d, guildId, intents, withoutMessageContent: { ...d, content: '', embeds: [], attachments: [], components: [] } };
}
