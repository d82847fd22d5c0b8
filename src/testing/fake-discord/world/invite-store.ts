import { randomBytes } from 'node:crypto';
import { GuildNSFWLevel, InviteType, type APIExtendedInvite, type APIGuild, type APIInvite, type APIUser, type InviteFlags, type InviteTargetType } from 'discord-api-types/v10';
import type { StoredChannel } from './stored-channel';

/** What creating an invite takes (`POST /channels/{channel_id}/invites` fields, camel-cased). */
export interface InviteOptions {
  /** Seconds until it expires; 0 never expires. @defaultValue 86400 */
  readonly maxAge?: number;
  /** Uses before it is deleted; 0 is unlimited. @defaultValue 0 */
  readonly maxUses?: number;
  /** Members who joined with it are kicked when they disconnect, unless given a role. @defaultValue false */
  readonly temporary?: boolean;
  readonly targetType?: InviteTargetType;
  readonly targetUserId?: string;
}

/** One guild invite as the fake keeps it. */
export interface StoredInvite {
  readonly code: string;
  readonly guildId: string;
  readonly channelId: string;
  readonly inviter: APIUser | undefined;
  readonly maxAge: number;
  readonly maxUses: number;
  readonly temporary: boolean;
  readonly createdAt: string;
  /** Epoch ms after which the invite is gone, or null for a permanent one. */
  readonly expiresAtMs: number | null;
  readonly targetType: InviteTargetType | undefined;
  readonly targetUser: APIUser | undefined;
  uses: number;
}

// Discord's invite codes: letters and digits, 8 to 10 of them for generated invites.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function newCode(): string {
  return [...randomBytes(8)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');
}

/**
 * The guild invites of one fake world, by code. Expired invites vanish on the next read, as they
 * do on Discord (which never announces an expiry with INVITE_DELETE).
 */
export class InviteStore {
  private readonly byCode = new Map<string, StoredInvite>();

  public add(channel: StoredChannel, inviter: APIUser | undefined, options: InviteOptions, targetUser: APIUser | undefined, now = Date.now()): StoredInvite {
    let code = newCode();
    while (this.byCode.has(code)) code = newCode();
    const maxAge = options.maxAge ?? 86_400;
    const invite: StoredInvite = {
      code,
      guildId: channel.guild_id as string,
      channelId: channel.id,
      inviter,
      maxAge,
      maxUses: options.maxUses ?? 0,
      temporary: options.temporary ?? false,
      createdAt: new Date(now).toISOString(),
      expiresAtMs: maxAge === 0 ? null : now + maxAge * 1000,
      targetType: options.targetType,
      targetUser,
      uses: 0,
    };
    this.byCode.set(code, invite);
    return invite;
  }

  public get(code: string, now = Date.now()): StoredInvite | undefined {
    const invite = this.byCode.get(code);
    if (invite === undefined) return undefined;
    if (invite.expiresAtMs !== null && now >= invite.expiresAtMs) {
      this.byCode.delete(code);
      return undefined;
    }
    return invite;
  }

  public remove(code: string): boolean {
    return this.byCode.delete(code);
  }

  /** Live invites matching a filter, oldest first. */
  public list(filter: (invite: StoredInvite) => boolean, now = Date.now()): StoredInvite[] {
    return [...this.byCode.keys()].map((code) => this.get(code, now)).filter((invite): invite is StoredInvite => invite !== undefined && filter(invite));
  }

  /** Drops a deleted channel's invites without announcing them (Discord sends no INVITE_DELETE then). */
  public removeChannel(channelId: string): void {
    for (const [code, invite] of this.byCode) if (invite.channelId === channelId) this.byCode.delete(code);
  }
}

/** The invite object Discord returns; `withMetadata` adds uses, limits and `created_at` (create and list routes). */
export function toApiInvite(invite: StoredInvite, guild: APIGuild, channel: StoredChannel, withMetadata: true, counts?: { members: number }): APIExtendedInvite;
export function toApiInvite(invite: StoredInvite, guild: APIGuild, channel: StoredChannel, withMetadata: boolean, counts?: { members: number }): APIInvite | APIExtendedInvite;
export function toApiInvite(invite: StoredInvite, guild: APIGuild, channel: StoredChannel, withMetadata: boolean, counts?: { members: number }): APIInvite | APIExtendedInvite {
  const view: APIInvite & Record<string, unknown> = {
    type: InviteType.Guild,
    code: invite.code,
    guild_id: invite.guildId,
    guild: {
      id: guild.id,
      name: guild.name,
      splash: guild.splash,
      banner: guild.banner,
      description: guild.description,
      icon: guild.icon,
      features: guild.features,
      verification_level: guild.verification_level,
      vanity_url_code: guild.vanity_url_code,
      nsfw_level: guild.nsfw_level,
      premium_subscription_count: guild.premium_subscription_count ?? 0,
      nsfw: guild.nsfw_level === GuildNSFWLevel.AgeRestricted,
    } as NonNullable<APIInvite['guild']>,
    channel: { id: channel.id, type: channel.type, name: channel.name } as APIInvite['channel'],
    expires_at: invite.expiresAtMs === null ? null : new Date(invite.expiresAtMs).toISOString(),
    flags: 0 as InviteFlags,
  };
  if (invite.inviter !== undefined) view.inviter = invite.inviter;
  if (invite.targetType !== undefined) view.target_type = invite.targetType;
  if (invite.targetUser !== undefined) view.target_user = invite.targetUser;
  if (counts !== undefined) {
    view.approximate_member_count = counts.members;
    // The fake tracks no presences, so nobody is online.
    view.approximate_presence_count = 0;
  }
  if (!withMetadata) return view;
  return { ...view, uses: invite.uses, max_uses: invite.maxUses, max_age: invite.maxAge, temporary: invite.temporary, created_at: invite.createdAt };
}
