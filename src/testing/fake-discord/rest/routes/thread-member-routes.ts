import { ChannelType, GatewayIntentBits, PermissionFlagsBits, RESTJSONErrorCodes } from 'discord-api-types/v10';
import { accessibleChannel, readLimit, readSnowflake, requireBotPermissions } from '../access';
import { DiscordHttpError } from '../discord-http-error';
import type { RouteContext, RouteDefinition } from '../route';
import { isThread, type StoredChannel } from '../../world/stored-channel';
import { toApiThreadMember, type StoredThreadMember } from '../../world/thread-member-store';
import type { World } from '../../world/world';

/** A thread the bot can see; other channel types get 50024. */
function threadOf(context: RouteContext, required: bigint = PermissionFlagsBits.ViewChannel): StoredChannel {
  const thread = accessibleChannel(context.world, context.params.channel_id as string, required);
  if (!isThread(thread)) throw DiscordHttpError.badRequest(RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType, 'Cannot execute action on this channel type');
  return thread;
}

function requireUnarchived(thread: StoredChannel): void {
  if (thread.thread_metadata?.archived === true) throw DiscordHttpError.badRequest(RESTJSONErrorCodes.InvalidActionOnArchivedThread, 'Thread is archived');
}

function has(world: World, thread: StoredChannel, permission: bigint): boolean {
  return (world.permissionsOf(thread.guild_id as string, world.botUser.id, thread) & permission) !== 0n;
}

function unknownMember(): DiscordHttpError {
  return DiscordHttpError.notFound(RESTJSONErrorCodes.UnknownMember, 'Unknown Member');
}

function view(world: World, thread: StoredChannel, member: StoredThreadMember, withMember: boolean): unknown {
  const guildMember = withMember ? world.guilds.get(thread.guild_id as string)?.members.get(member.user_id) : undefined;
  return guildMember === undefined ? toApiThreadMember(member) : { ...toApiThreadMember(member), member: guildMember };
}

/**
 * Thread members: join and leave as the bot, add and remove others, get one, list them. Archived
 * threads refuse changes (50083); private threads need MANAGE_THREADS to join uninvited, to add
 * members when not `invitable`, and to remove anyone unless the bot owns the thread. Listing needs
 * the GUILD_MEMBERS privileged intent, as on Discord. All routes share the thread's channel bucket.
 */
export const threadMemberRoutes: RouteDefinition[] = [
  {
    method: 'PUT',
    path: '/channels/{channel_id}/thread-members/@me',
    auth: 'bot',
    handle: (context) => {
      const { world } = context;
      const thread = threadOf(context);
      requireUnarchived(thread);
      if (thread.type === ChannelType.PrivateThread && world.threadMembers.get(thread.id, world.botUser.id) === undefined) {
        requireBotPermissions(world, thread.guild_id, PermissionFlagsBits.ManageThreads, thread);
      }
      world.addThreadMember(thread, world.botUser.id);
      return { status: 204 };
    },
  },
  {
    method: 'DELETE',
    path: '/channels/{channel_id}/thread-members/@me',
    auth: 'bot',
    handle: (context) => {
      const thread = threadOf(context);
      requireUnarchived(thread);
      context.world.removeThreadMember(thread, context.world.botUser.id);
      return { status: 204 };
    },
  },
  {
    method: 'PUT',
    path: '/channels/{channel_id}/thread-members/{user_id}',
    auth: 'bot',
    handle: (context) => {
      const { world, params } = context;
      const thread = threadOf(context, PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessagesInThreads);
      requireUnarchived(thread);
      const userId = params.user_id as string;
      if (!world.guilds.get(thread.guild_id as string)?.members.has(userId)) throw unknownMember();
      if (thread.type === ChannelType.PrivateThread) {
        const botIsMember = world.threadMembers.get(thread.id, world.botUser.id) !== undefined;
        const invitable = thread.thread_metadata?.invitable !== false;
        if (!(botIsMember && invitable) && !has(world, thread, PermissionFlagsBits.ManageThreads)) throw DiscordHttpError.forbidden(RESTJSONErrorCodes.MissingPermissions, 'Missing Permissions');
      }
      world.addThreadMember(thread, userId);
      return { status: 204 };
    },
  },
  {
    method: 'DELETE',
    path: '/channels/{channel_id}/thread-members/{user_id}',
    auth: 'bot',
    handle: (context) => {
      const { world, params } = context;
      const thread = threadOf(context);
      requireUnarchived(thread);
      const ownsPrivate = thread.type === ChannelType.PrivateThread && thread.owner_id === world.botUser.id;
      if (!ownsPrivate) requireBotPermissions(world, thread.guild_id, PermissionFlagsBits.ManageThreads, thread);
      if (!world.removeThreadMember(thread, params.user_id as string)) throw unknownMember();
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    path: '/channels/{channel_id}/thread-members/{user_id}',
    auth: 'bot',
    handle: (context) => {
      const { world, params, query } = context;
      const thread = threadOf(context);
      const member = world.threadMembers.get(thread.id, params.user_id as string);
      if (member === undefined) throw unknownMember();
      return { status: 200, body: view(world, thread, member, query.get('with_member') === 'true') };
    },
  },
  {
    method: 'GET',
    path: '/channels/{channel_id}/thread-members',
    auth: 'bot',
    handle: (context) => {
      const { world, query } = context;
      const thread = threadOf(context);
      if ((world.allowedPrivilegedIntents & GatewayIntentBits.GuildMembers) === 0) throw DiscordHttpError.forbidden(RESTJSONErrorCodes.MissingAccess, 'Missing Access');
      const limit = readLimit(query, 100, 100);
      const after = readSnowflake(query, 'after');
      const withMember = query.get('with_member') === 'true';
      let members = world.threadMembers.list(thread.id).sort((a, b) => (BigInt(a.user_id) < BigInt(b.user_id) ? -1 : 1));
      if (after !== undefined) members = members.filter((m) => BigInt(m.user_id) > BigInt(after));
      return { status: 200, body: members.slice(0, limit).map((m) => view(world, thread, m, withMember)) };
    },
  },
];
