import { GatewayCloseCodes, GatewayIntentBits, GatewayOpcodes } from 'discord-api-types/v10';
import type { APIGuildMember, GatewayGuildMembersChunkDispatchData } from 'discord-api-types/v10';
import type { GatewayConnection } from './gateway-connection';
import type { GatewayCore } from './gateway-core';
import type { GatewaySession } from './gateway-session';
import { isJsonObject } from './payload-check';

const CHUNK_SIZE = 1000;
/** Most members a non-empty `query` returns. */
const QUERY_CAP = 100;

/**
 * Op 8 Request Guild Members: answers with GUILD_MEMBERS_CHUNK dispatches of up to 1000 members.
 * Listing every member needs GUILD_MEMBERS, presences come only with GUILD_PRESENCES (asked
 * without it, none are sent), an invalid nonce is ignored, and a full listing is limited per guild
 * (RATE_LIMITED dispatch with `retry_after`), as on Discord.
 */
export function handleRequestGuildMembers(
  core: GatewayCore,
  connection: GatewayConnection,
  session: GatewaySession,
  d: unknown,
): void {
  const invalid = (reason: string): void =>
    core.protocolClose(connection, GatewayCloseCodes.UnknownOpcode, `Invalid request guild members: ${reason}`);
  if (!isJsonObject(d) || typeof d.guild_id !== 'string') return invalid('guild_id must be a snowflake string');
  const guildId = d.guild_id;
  // Discord ignores an invalid nonce (not a string, or over 32 bytes): the chunks then carry none.
  const nonce = typeof d.nonce === 'string' && Buffer.byteLength(d.nonce) <= 32 ? d.nonce : undefined;
  const userIds = d.user_ids === undefined ? undefined : Array.isArray(d.user_ids) ? d.user_ids : [d.user_ids];
  if (userIds !== undefined && (userIds.length > 100 || !userIds.every((id) => typeof id === 'string'))) {
    return invalid('user_ids must be up to 100 snowflake strings');
  }
  const query = d.query;
  if (userIds === undefined && typeof query !== 'string') return invalid('send query (a string) or user_ids');
  const limit = d.limit ?? 0;
  if (!Number.isInteger(limit) || (limit as number) < 0 || ((limit as number) > 100 && query !== '')) {
    return invalid('limit must be an integer from 0 to 100');
  }
  // Without GUILD_PRESENCES, `presences: true` is treated as false, as Discord documents.
  const presences = d.presences === true && (session.intents & GatewayIntentBits.GuildPresences) !== 0;
  const hasMembersIntent = (session.intents & GatewayIntentBits.GuildMembers) !== 0;
  // The member list (query '', whatever the limit) needs GUILD_MEMBERS; all of it at once is also rate limited.
  const wantsList = userIds === undefined && query === '';
  const wantsAll = wantsList && limit === 0;
  if ((wantsList || userIds !== undefined) && !hasMembersIntent) {
    return invalid('the member list or user_ids needs the GUILD_MEMBERS intent');
  }
  if (wantsAll) {
    const now = Date.now();
    const last = core.allMembersRequestedAt.get(guildId);
    const interval = core.options.requestAllMembersIntervalMs;
    if (last !== undefined && now - last < interval) {
      const meta = nonce === undefined ? { guild_id: guildId } : { guild_id: guildId, nonce };
      session.dispatch(
        'RATE_LIMITED',
        JSON.stringify({ opcode: GatewayOpcodes.RequestGuildMembers, retry_after: (interval - (now - last)) / 1000, meta }),
      );
      return;
    }
    core.allMembersRequestedAt.set(guildId, now);
  }
  const all = core.world.guildMembers(guildId);
  let members: APIGuildMember[];
  let notFound: string[] = [];
  if (userIds !== undefined) {
    const byId = new Map(all.map((member) => [member.user.id, member]));
    members = userIds.flatMap((id) => byId.get(id as string) ?? []);
    notFound = userIds.filter((id) => !byId.has(id as string)) as string[];
  } else {
    const prefix = (query as string).toLowerCase();
    const matching = all.filter((member) => member.user.username.toLowerCase().startsWith(prefix));
    // A prefix search returns at most 100 members, limit 0 included; only query '' lists them all.
    members = query === '' && limit === 0 ? matching : matching.slice(0, query === '' ? (limit as number) : Math.min((limit as number) || QUERY_CAP, QUERY_CAP));
  }
  const guildPresences = presences ? (core.world.guildCreatePayload(guildId)?.presences ?? []) : [];
  const chunkCount = Math.max(1, Math.ceil(members.length / CHUNK_SIZE));
  for (let index = 0; index < chunkCount; index += 1) {
    const chunkMembers = members.slice(index * CHUNK_SIZE, (index + 1) * CHUNK_SIZE);
    const chunk: GatewayGuildMembersChunkDispatchData = {
      guild_id: guildId,
      members: chunkMembers,
      chunk_index: index,
      chunk_count: chunkCount,
    };
    if (index === 0 && notFound.length > 0) chunk.not_found = notFound;
    if (presences) {
      const ids = new Set(chunkMembers.map((member) => member.user.id));
      chunk.presences = guildPresences.filter((presence) => ids.has(presence.user.id));
    }
    if (nonce !== undefined) chunk.nonce = nonce;
    session.dispatch('GUILD_MEMBERS_CHUNK', JSON.stringify(chunk));
  }
}
