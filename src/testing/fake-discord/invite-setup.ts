import type { APIExtendedInvite, APIGuildMember } from 'discord-api-types/v10';
import { FakeDiscordError } from './fake-discord-error';
import type { CreateInviteOptions } from './fake-discord-options';
import { toApiInvite, type StoredInvite } from './world/invite-store';
import type { World } from './world/world';

/** The façade's invites: made by a user, used, revoked and listed with their metadata. */
export class InviteSetup {
  public constructor(private readonly world: World) {}

  public create(channelId: string, options: CreateInviteOptions): APIExtendedInvite {
    const channel = this.world.requireChannel(channelId);
    if (channel.guild_id === undefined) {
      throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_BAD_OPTION', `Channel ${channelId} is not in a guild; invites point at guild channels.`);
    }
    const { inviterId, ...rest } = options;
    const inviter = inviterId === undefined ? this.world.botUser : this.world.requireUser(inviterId);
    return this.view(this.world.createInvite(channel, inviter, rest));
  }

  public use(code: string, userId: string): APIGuildMember {
    return this.world.useInvite(code, userId);
  }

  public delete(code: string): void {
    if (!this.world.deleteInvite(code)) throw new FakeDiscordError('OVEN_ERR_FAKE_DISCORD_UNKNOWN_ENTITY', `No live invite ${code} in the fake world.`);
  }

  public list(guildId: string): APIExtendedInvite[] {
    this.world.requireGuild(guildId);
    return this.world.invites.list((invite) => invite.guildId === guildId).map((invite) => this.view(invite));
  }

  private view(invite: StoredInvite): APIExtendedInvite {
    return toApiInvite(invite, this.world.requireGuild(invite.guildId).guild, this.world.requireChannel(invite.channelId), true);
  }
}
