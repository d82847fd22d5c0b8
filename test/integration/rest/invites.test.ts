import { PermissionFlagsBits, RESTJSONErrorCodes } from 'discord-api-types/v10';
import { DiscordAPIError, RestUsageError } from '../../../src/rest';
import { startFakeDiscordRest, useFakeDiscordRest } from '../../support/fake-discord-rest';

describe('rest.invites against the fake Discord', () => {
  const env = useFakeDiscordRest();

  it('creates, lists, resolves with counts and revokes invites', async () => {
    const guild = env.discord.createGuild({ name: 'invites' });
    const general = guild.system_channel_id!;
    const other = env.discord.createChannel(guild.id, { name: 'other' });
    const alice = env.discord.createUser({ username: 'alice' });
    env.discord.addMember(guild.id, alice.id);

    const invite = await env.rest.invites.create(general, { max_uses: 3, max_age: 600, unique: true }, { reason: 'welcome wave' });
    expect(invite).toMatchObject({ max_uses: 3, max_age: 600, uses: 0, channel: { id: general } });
    expect(env.discord.requests('POST /channels/{channel_id}/invites').at(-1)?.auditLogReason).toBe('welcome wave');
    expect(env.discord.invites(guild.id).map((candidate) => candidate.code)).toEqual([invite.code]);

    const byAlice = env.discord.createInvite(other.id, { inviterId: alice.id });
    expect((await env.rest.invites.channelInvites(general)).map((candidate) => candidate.code)).toEqual([invite.code]);
    expect((await env.rest.invites.guildInvites(guild.id)).map((candidate) => candidate.code).sort()).toEqual([invite.code, byAlice.code].sort());

    const counted = await env.rest.invites.get(invite.code, { withCounts: true });
    expect(counted.code).toBe(invite.code);
    expect(counted.approximate_member_count).toBe(env.discord.world.requireGuild(guild.id).members.size);
    expect(env.discord.requests('GET /invites/{code}').at(-1)?.query).toMatchObject({ with_counts: 'true' });
    const plain = await env.rest.invites.get(invite.code);
    expect(plain.approximate_member_count).toBeUndefined();

    const revoked = await env.rest.invites.delete(byAlice.code, { reason: 'spam' });
    expect(revoked.code).toBe(byAlice.code);
    expect(env.discord.invites(guild.id).map((candidate) => candidate.code)).toEqual([invite.code]);
  });

  it('rejects an unknown code with 10006 and a blank code before any request', async () => {
    await expect(env.rest.invites.get('nope')).rejects.toMatchObject({ discordCode: RESTJSONErrorCodes.UnknownInvite, status: 404 });
    const before = env.discord.requests().length;
    await expect(env.rest.invites.get('  ')).rejects.toBeInstanceOf(RestUsageError);
    await expect(env.rest.invites.delete('')).rejects.toMatchObject({ code: 'OVEN_ERR_REST_BAD_OPTION' });
    expect(env.discord.requests().length).toBe(before);
  });

  it('keeps a code from user input inside the invite route', async () => {
    await expect(env.rest.invites.get('../guilds/1')).rejects.toMatchObject({ discordCode: RESTJSONErrorCodes.UnknownInvite });
    expect(env.discord.requests().at(-1)).toMatchObject({ path: '/invites/..%2Fguilds%2F1', params: { code: '../guilds/1' } });
    await expect(env.rest.invites.delete('..')).rejects.toMatchObject({ code: 'OVEN_ERR_REST_BAD_ROUTE' });
  });

  it('gives a DiscordAPIError with 50013 when the bot may not list the guild invites', async () => {
    const limitedFake = await startFakeDiscordRest({ botPermissions: PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages });
    const { discord: limited, rest: limitedRest } = limitedFake;
    try {
      const guild = limited.createGuild({ name: 'locked' });
      const error: unknown = await limitedRest.invites.guildInvites(guild.id).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DiscordAPIError);
      expect(error).toMatchObject({ discordCode: RESTJSONErrorCodes.MissingPermissions, status: 403 });
    } finally {
      await limitedFake.close();
    }
  });
});
