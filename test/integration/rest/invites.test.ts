import { PermissionFlagsBits, RESTJSONErrorCodes } from 'discord-api-types/v10';
import { DiscordAPIError, RestUsageError, type RestClient } from '../../../src/rest';
import type { FakeDiscord } from '../../../src/testing';
import { startFakeDiscordRest, type FakeDiscordRest } from '../../support/fake-discord-rest';

describe('rest.invites against the fake Discord', () => {
  let fake: FakeDiscordRest;
  let discord: FakeDiscord;
  let rest: RestClient;

  beforeEach(async () => {
    fake = await startFakeDiscordRest();
    ({ discord, rest } = fake);
  });

  afterEach(() => fake.close());

  it('creates, lists, resolves with counts and revokes invites', async () => {
    const guild = discord.createGuild({ name: 'invites' });
    const general = guild.system_channel_id!;
    const other = discord.createChannel(guild.id, { name: 'other' });
    const alice = discord.createUser({ username: 'alice' });
    discord.addMember(guild.id, alice.id);

    const invite = await rest.invites.create(general, { max_uses: 3, max_age: 600, unique: true }, { reason: 'welcome wave' });
    expect(invite).toMatchObject({ max_uses: 3, max_age: 600, uses: 0, channel: { id: general } });
    expect(discord.requests('POST /channels/{channel_id}/invites').at(-1)?.auditLogReason).toBe('welcome wave');
    expect(discord.invites(guild.id).map((candidate) => candidate.code)).toEqual([invite.code]);

    const byAlice = discord.createInvite(other.id, { inviterId: alice.id });
    expect((await rest.invites.channelInvites(general)).map((candidate) => candidate.code)).toEqual([invite.code]);
    expect((await rest.invites.guildInvites(guild.id)).map((candidate) => candidate.code).sort()).toEqual([invite.code, byAlice.code].sort());

    const counted = await rest.invites.get(invite.code, { withCounts: true });
    expect(counted.code).toBe(invite.code);
    expect(counted.approximate_member_count).toBe(discord.world.requireGuild(guild.id).members.size);
    expect(discord.requests('GET /invites/{code}').at(-1)?.query).toMatchObject({ with_counts: 'true' });
    const plain = await rest.invites.get(invite.code);
    expect(plain.approximate_member_count).toBeUndefined();

    const revoked = await rest.invites.delete(byAlice.code, { reason: 'spam' });
    expect(revoked.code).toBe(byAlice.code);
    expect(discord.invites(guild.id).map((candidate) => candidate.code)).toEqual([invite.code]);
  });

  it('rejects an unknown code with 10006 and a blank code before any request', async () => {
    await expect(rest.invites.get('nope')).rejects.toMatchObject({ discordCode: RESTJSONErrorCodes.UnknownInvite, status: 404 });
    const before = discord.requests().length;
    await expect(rest.invites.get('  ')).rejects.toBeInstanceOf(RestUsageError);
    await expect(rest.invites.delete('')).rejects.toMatchObject({ code: 'OVEN_ERR_REST_BAD_OPTION' });
    expect(discord.requests().length).toBe(before);
  });

  it('keeps a code from user input inside the invite route', async () => {
    await expect(rest.invites.get('../guilds/1')).rejects.toMatchObject({ discordCode: RESTJSONErrorCodes.UnknownInvite });
    expect(discord.requests().at(-1)).toMatchObject({ path: '/invites/..%2Fguilds%2F1', params: { code: '../guilds/1' } });
    await expect(rest.invites.delete('..')).rejects.toMatchObject({ code: 'OVEN_ERR_REST_BAD_ROUTE' });
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
