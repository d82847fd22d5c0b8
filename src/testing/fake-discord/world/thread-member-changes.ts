// Who joins and leaves threads (THREAD_MEMBERS_UPDATE, THREAD_MEMBER_UPDATE).
import { GatewayDispatchEvents, GatewayIntentBits } from 'discord-api-types/v10';
import type { StoredChannel } from './stored-channel';
import { MEMBER_COUNT_CAP, toApiThreadMember, type StoredThreadMember } from './thread-member-store';
import type { World } from './world';

/**
 * Adds a user to a thread; undefined when already a member. THREAD_MEMBERS_UPDATE goes to shards
 * with GUILD_MEMBERS, or with GUILDS alone when the bot itself joined, which also gets its own
 * THREAD_MEMBER_UPDATE (the docs: without GUILD_MEMBERS only the current user's changes are sent).
 */
export function addThreadMember(world: World, thread: StoredChannel, userId: string): StoredThreadMember | undefined {
  const added = world.threadMembers.add(thread.id, userId);
  if (added === undefined) return undefined;
  const guildId = thread.guild_id as string;
  const member = world.guilds.get(guildId)?.members.get(userId);
  const d = { id: thread.id, guild_id: guildId, member_count: countThreadMembers(world, thread), added_members: [{ ...toApiThreadMember(added), ...(member === undefined ? {} : { member }), presence: null }] };
  const self = userId === world.botUser.id;
  if (self) world.dispatch({ t: GatewayDispatchEvents.ThreadMemberUpdate, d: { ...toApiThreadMember(added), guild_id: guildId }, guildId, intents: GatewayIntentBits.Guilds });
  world.dispatch({ t: GatewayDispatchEvents.ThreadMembersUpdate, d, guildId, intents: self ? GatewayIntentBits.Guilds : GatewayIntentBits.GuildMembers });
  return added;
}

/** Removes a user from a thread (THREAD_MEMBERS_UPDATE with `removed_member_ids`); false when not a member. */
export function removeThreadMember(world: World, thread: StoredChannel, userId: string): boolean {
  if (!world.threadMembers.remove(thread.id, userId)) return false;
  const guildId = thread.guild_id as string;
  const d = { id: thread.id, guild_id: guildId, member_count: countThreadMembers(world, thread), removed_member_ids: [userId] };
  world.dispatch({ t: GatewayDispatchEvents.ThreadMembersUpdate, d, guildId, intents: userId === world.botUser.id ? GatewayIntentBits.Guilds : GatewayIntentBits.GuildMembers });
  return true;
}

/** Keeps the thread's capped `member_count` in step with the store. */
function countThreadMembers(world: World, thread: StoredChannel): number {
  thread.member_count = Math.min(MEMBER_COUNT_CAP, world.threadMembers.count(thread.id));
  return thread.member_count;
}
