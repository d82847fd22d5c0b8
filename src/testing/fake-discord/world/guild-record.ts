import type { APIBan, APIGuild, APIGuildMember, APIRole } from 'discord-api-types/v10';

/** One guild's state. */
export interface GuildRecord {
  readonly guild: APIGuild;
  readonly roles: Map<string, APIRole>;
  readonly members: Map<string, APIGuildMember>;
  readonly channelIds: string[];
  /** Active threads, in creation order. */
  readonly threadIds: string[];
  readonly bans: Map<string, APIBan>;
  readonly joinedAt: string;
}
