import type { APIMessage, APIUser } from 'discord-api-types/v10';
import type { World } from '../world/world';

const USER_MENTION = /<@!?(\d{1,20})>/g;
const ROLE_MENTION = /<@&(\d{1,20})>/g;

/** `mentions`, `mention_roles` and `mention_everyone` as Discord derives them from content. */
export function parseMentions(world: World, guildId: string | null, content: string): Pick<APIMessage, 'mentions' | 'mention_roles' | 'mention_everyone'> {
  const mentions: APIUser[] = [];
  const seen = new Set<string>();
  for (const match of content.matchAll(USER_MENTION)) {
    const id = match[1] as string;
    const user = world.users.get(id);
    if (user !== undefined && !seen.has(id)) {
      seen.add(id);
      mentions.push(user);
    }
  }
  const roles = guildId === null ? undefined : world.guilds.get(guildId)?.roles;
  const mentionRoles = [...new Set([...content.matchAll(ROLE_MENTION)].map((m) => m[1] as string))].filter((id) => roles?.has(id) === true);
  return { mentions, mention_roles: mentionRoles, mention_everyone: guildId !== null && /@(everyone|here)/.test(content) };
}
