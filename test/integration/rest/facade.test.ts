import { InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { RestClient } from '../../../src/rest';
import { FakeDiscord } from '../../../src/testing';

describe('the REST facade against the fake Discord', () => {
  let discord: FakeDiscord;
  let rest: RestClient;

  beforeEach(async () => {
    discord = await FakeDiscord.start({ port: 0 });
    rest = new RestClient({ token: discord.token, baseURL: discord.restUrl });
  });

  afterEach(async () => {
    await rest.close();
    await discord.close();
  });

  it('registers commands globally and per guild, and lists them back', async () => {
    const guild = discord.createGuild({ name: 'cmds' });
    const global = await rest.applicationCommands.bulkOverwrite(discord.applicationId, [{ name: 'ping', description: 'Pong!' }]);
    expect(global.map((command) => command.name)).toEqual(['ping']);
    await rest.applicationCommands.bulkOverwrite(discord.applicationId, [{ name: 'local', description: 'Guild only' }], { guildId: guild.id });
    expect((await rest.applicationCommands.list(discord.applicationId)).map((command) => command.name)).toEqual(['ping']);
    expect((await rest.applicationCommands.list(discord.applicationId, { guildId: guild.id })).map((command) => command.name)).toEqual(['local']);
    expect(discord.commands(guild.id).map((command) => command.name)).toEqual(['local']);
  });

  it('answers interactions: reply, defer then edit, follow up, delete the original', async () => {
    const guild = discord.createGuild({ name: 'interactions' });
    const alice = discord.createUser({ username: 'alice' });
    discord.addMember(guild.id, alice.id);
    await rest.applicationCommands.bulkOverwrite(discord.applicationId, [{ name: 'ping', description: 'Pong!' }]);

    const first = discord.invokeCommand({ name: 'ping', userId: alice.id, channelId: guild.system_channel_id! });
    const report = Buffer.from('rows\n'.repeat(1000));
    await rest.interactions.reply(
      first.payload,
      { content: 'pong', attachments: [{ id: 0, filename: 'report.txt' }] },
      { files: [{ name: 'report.txt', data: report }] },
    );
    const answer = await first.response();
    expect(answer).toMatchObject({ type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'pong' } });
    expect(answer.files.map((file) => file.data.equals(report))).toEqual([true]);

    const second = discord.invokeCommand({ name: 'ping', userId: alice.id, channelId: guild.system_channel_id! });
    await rest.interactions.deferReply(second.payload, { ephemeral: true });
    expect(await second.response()).toMatchObject({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: { flags: MessageFlags.Ephemeral },
    });
    const edited = await rest.interactions.editOriginal(second.payload, { content: 'done' });
    expect(edited.content).toBe('done');
    const followUp = await rest.interactions.followUp(second.payload, { content: 'and more' });
    expect(followUp.content).toBe('and more');
    expect(second.messages().map((message) => message.content)).toEqual(['done', 'and more']);
    await rest.interactions.deleteOriginal(second.payload);
    expect(second.messages().map((message) => message.content)).toEqual(['and more']);
    // Interaction routes carry no bot token: the interaction token in the path authenticates them.
    expect(discord.requests().filter((request) => request.path.startsWith('/interactions/')).length).toBe(2);
  });

  it('covers messages, reactions, members, bans and the gateway', async () => {
    const guild = discord.createGuild({ name: 'facade' });
    const alice = discord.createUser({ username: 'alice' });
    const bob = discord.createUser({ username: 'bob' });
    discord.addMember(guild.id, alice.id);
    discord.addMember(guild.id, bob.id);
    const channel = await rest.guilds.createChannel(guild.id, { name: 'made-by-rest' }, { reason: 'facade test' });
    expect(discord.requests('POST /guilds/{guild_id}/channels').at(-1)?.auditLogReason).toBe('facade test');
    expect((await rest.guilds.channels(guild.id)).map((candidate) => candidate.id)).toContain(channel.id);

    const message = await rest.channels.createMessage(channel.id, { content: 'first' });
    await rest.channels.editMessage(channel.id, message.id, { content: 'first, edited' });
    expect((await rest.channels.getMessage(channel.id, message.id)).content).toBe('first, edited');
    await rest.channels.addReaction(channel.id, message.id, '👍');
    const reactors: string[] = [];
    for await (const user of rest.channels.iterateReactions(channel.id, message.id, '👍')) reactors.push(user.id);
    expect(reactors).toEqual([(await rest.users.me()).id]);
    await rest.channels.deleteMessage(channel.id, message.id);
    expect(await rest.channels.messages(channel.id)).toEqual([]);

    const members: string[] = [];
    for await (const member of rest.guilds.iterateMembers(guild.id, { pageSize: 2 })) members.push(member.user.id);
    expect(members).toEqual(expect.arrayContaining([alice.id, bob.id]));
    await rest.guilds.ban(guild.id, bob.id, {}, { reason: 'test ban' });
    const bans: string[] = [];
    for await (const ban of rest.guilds.iterateBans(guild.id)) bans.push(ban.user.id);
    expect(bans).toEqual([bob.id]);
    await rest.guilds.unban(guild.id, bob.id);
    expect(await rest.guilds.bans(guild.id)).toEqual([]);

    const gateway = await rest.gateway.bot();
    expect(gateway.url).toBe(discord.gatewayUrl);
    expect(gateway.session_start_limit.max_concurrency).toBeGreaterThan(0);
  });
});
