// Invites made, used and revoked (INVITE_CREATE / INVITE_DELETE, GUILD_MEMBER_ADD on use).
import { GatewayDispatchEvents, GatewayIntentBits, type APIGuildMember, type APIUser } from 'discord-api-types/v10';
import { FakeDiscordError } from '../fake-discord-error';
import type { InviteOptions, StoredInvite } from './invite-store';
import type { StoredChannel } from './stored-channel';
import type { World } from './world';

/** A guild invite to a channel (INVITE_CREATE to shards with GUILD_INVITES). */
export function createInvite(world: World, channel: StoredChannel, inviter: APIUser | undefined, options: InviteOptions = {}): StoredInvite {
  const targetUser = options.targetUserId === undefined ? undefined : world.requireUser(options.targetUserId);
  const invite = world.invites.add(channel, inviter, options, targetUser);
  const d: Record<string, unknown> = {
    channel_id: invite.channelId,
    guild_id: invite.guildId,
    code: invite.code,
    created_at: invite.createdAt,
    max_age: invite.maxAge,
    max_uses: invite.maxUses,
    temporary: invite.temporary,
    uses: 0,
    expires_at: invite.expiresAtMs === null ? null : new Date(invite.expiresAtMs).toISOString(),
  };
  if (inviter !== undefined) d.inviter = inviter;
  if (invite.targetType !== undefined) d.target_type = invite.targetType;
  if (targetUser !== undefined) d.target_user = targetUser;
  world.dispatch({ t: GatewayDispatchEvents.InviteCreate, d, guildId: invite.guildId, intents: GatewayIntentBits.GuildInvites });
  return invite;
}

/** Deletes an invite (INVITE_DELETE to shards with GUILD_INVITES); false when the code is unknown or expired. */
export function deleteInvite(world: World, code: string): boolean {
  const invite = world.invites.get(code);
  if (invite === undefined) return false;
  world.invites.remove(code);
  world.dispatch({ t: GatewayDispatchEvents.InviteDelete, d: { channel_id: invite.channelId, guild_id: invite.guildId, code }, guildId: invite.guildId, intents: GatewayIntentBits.GuildInvites });
  return true;
}

/**
 * A user joins a guild through an invite: the member is added (GUILD_MEMBER_ADD), `uses` grows,
 * and an invite that reached `max_uses` is deleted (INVITE_DELETE), as invite-tracking bots see it.
 */
export function useInvite(world: World, code: string, userId: string): APIGuildMember {
  const invite = world.invites.get(code);
  if (invite === undefined) {
    throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_UNKNOWN_ENTITY', `No live invite ${code} in the fake world (unknown, deleted, expired or used up); create one with discord.createInvite(channelId).`);
  }
  const record = world.requireGuild(invite.guildId);
  if (record.members.has(userId) || record.bans.has(userId)) {
    throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_OPTION', `User ${userId} cannot join guild ${invite.guildId} with invite ${code}: they are ${record.bans.has(userId) ? 'banned' : 'already a member'}.`);
  }
  const member = world.addMember(invite.guildId, userId);
  invite.uses += 1;
  if (invite.maxUses > 0 && invite.uses >= invite.maxUses) world.deleteInvite(code);
  return member;
}
