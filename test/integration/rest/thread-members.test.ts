import { ChannelType, PermissionFlagsBits, RESTJSONErrorCodes } from 'discord-api-types/v10';
import { DiscordAPIError, RestUsageError } from '../../../src/rest';
import { startFakeDiscordRest, useFakeDiscordRest } from '../../support/fake-discord-rest';

describe('rest.threads against the fake Discord', () => {
  const env = useFakeDiscordRest();

  it('joins and leaves as the bot, adds, reads and removes members', async () => {
    const guild = env.discord.createGuild({ name: 'threads' });
    const alice = env.discord.createUser({ username: 'alice' });
    const bob = env.discord.createUser({ username: 'bob' });
    env.discord.addMember(guild.id, alice.id);
    env.discord.addMember(guild.id, bob.id, { nick: 'Bobby' });
    const thread = env.discord.createThread(guild.system_channel_id!, { name: 'help', ownerId: alice.id });
    const members = (): string[] => env.discord.threadMembers(thread.id).map((member) => member.user_id!);

    await env.rest.threads.join(thread.id);
    expect(members()).toEqual([alice.id, env.discord.botUser.id]);
    await env.rest.threads.addMember(thread.id, bob.id);
    expect(members()).toEqual([alice.id, env.discord.botUser.id, bob.id]);

    const plain = await env.rest.threads.member(thread.id, bob.id);
    expect(plain).toMatchObject({ id: thread.id, user_id: bob.id });
    expect(plain.member).toBeUndefined();
    expect((await env.rest.threads.member(thread.id, bob.id, { withMember: true })).member?.nick).toBe('Bobby');

    const listed = await env.rest.threads.members(thread.id, { with_member: true, limit: 2 });
    expect(listed).toHaveLength(2);
    expect(listed.every((member) => member.member !== undefined)).toBe(true);

    await env.rest.threads.removeMember(thread.id, bob.id);
    await env.rest.threads.leave(thread.id);
    expect(members()).toEqual([alice.id]);
    await expect(env.rest.threads.member(thread.id, bob.id)).rejects.toMatchObject({ discordCode: RESTJSONErrorCodes.UnknownMember, status: 404 });
  });

  it('walks the members lazily, one page per request, with members attached when asked', async () => {
    const guild = env.discord.createGuild({ name: 'crowded' });
    const thread = env.discord.createThread(guild.system_channel_id!, { name: 'party' });
    for (let index = 0; index < 6; index += 1) {
      const user = env.discord.createUser({ username: `guest${index}` });
      env.discord.addMember(guild.id, user.id);
      env.discord.addThreadMember(thread.id, user.id);
    }
    const expected = env.discord.threadMembers(thread.id).map((member) => member.user_id!).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    const before = env.discord.requests('GET /channels/{channel_id}/thread-members').length;

    const walked: string[] = [];
    for await (const member of env.rest.threads.iterateMembers(thread.id, { pageSize: 3, withMember: true })) {
      expect(member.member?.user.id).toBe(member.user_id);
      walked.push(member.user_id!);
    }
    expect(walked).toEqual(expected);
    const pages = env.discord.requests('GET /channels/{channel_id}/thread-members').slice(before);
    expect(pages.map((request) => [request.query.after ?? null, request.query.with_member])).toEqual([
      [null, 'true'],
      [expected[2], 'true'],
      [expected[5], 'true'],
    ]);

    const firstTwo: string[] = [];
    for await (const member of env.rest.threads.iterateMembers(thread.id, { limit: 2 })) firstTwo.push(member.user_id!);
    expect(firstTwo).toEqual(expected.slice(0, 2));
    await expect(env.rest.threads.iterateMembers(thread.id, { pageSize: 101 }).next()).rejects.toBeInstanceOf(RestUsageError);
  });

  it('gives typed errors: 50013 to remove from a thread without MANAGE_THREADS, 50001 listing without GUILD_MEMBERS', async () => {
    const limitedFake = await startFakeDiscordRest({
      botPermissions: PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.SendMessagesInThreads,
      allowedPrivilegedIntents: 0,
    });
    const { discord: limited, rest: limitedRest } = limitedFake;
    try {
      const guild = limited.createGuild({ name: 'locked' });
      const alice = limited.createUser({ username: 'alice' });
      limited.addMember(guild.id, alice.id);
      const thread = limited.createThread(guild.system_channel_id!, { name: 'private', ownerId: alice.id, type: ChannelType.PrivateThread });
      const error: unknown = await limitedRest.threads.removeMember(thread.id, alice.id).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DiscordAPIError);
      expect(error).toMatchObject({ discordCode: RESTJSONErrorCodes.MissingPermissions, status: 403 });
      expect(limited.threadMembers(thread.id).map((member) => member.user_id)).toEqual([alice.id]);
      await expect(limitedRest.threads.members(thread.id)).rejects.toMatchObject({ discordCode: RESTJSONErrorCodes.MissingAccess, status: 403 });
    } finally {
      await limitedFake.close();
    }
  });
});
