import { REST } from '@discordjs/rest';
import { InteractionResponseType } from 'discord-api-types/v10';
import { Command, CommandCatalog, CommandRegistrar, CommandRouter, Ctx, routeRest } from '../../../src/commands';
import type { CommandContext } from '../../../src/commands';
import { FakeDiscord } from '../../../src/testing';

class Pinger {
  @Command({ name: 'ping', description: 'Pong' })
  async ping(@Ctx() ctx: CommandContext) {
    await ctx.deferReply();
    await ctx.editReply('Pong!');
    await ctx.followUp('and a follow-up');
  }
}

let discord: FakeDiscord;

beforeAll(async () => {
  discord = await FakeDiscord.start({ port: 0, rateLimits: false });
});

afterAll(async () => {
  await discord.close();
});

describe('routeRest over @discordjs/rest', () => {
  it('registers and answers an interaction through a discord.js REST client', async () => {
    const rest = new REST({ api: discord.restUrl, version: '10' }).setToken(discord.token);
    const commands = routeRest(rest);
    await new CommandRegistrar(commands, discord.applicationId).sync(CommandCatalog.fromClasses([Pinger]).commands);
    expect(discord.commands().map((c) => c.name)).toEqual(['ping']);

    const guild = discord.createGuild({ name: 'djs' });
    const user = discord.createUser({ username: 'carol' });
    discord.addMember(guild.id, user.id);
    const interaction = discord.invokeCommand({ name: 'ping', userId: user.id, channelId: guild.system_channel_id as string });
    await new CommandRouter({ rest: commands }).register([Pinger]).handle(interaction.payload);
    expect((await interaction.response()).type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(interaction.messages().map((m) => m.content)).toEqual(['Pong!', 'and a follow-up']);
  });
});
