import { GatewayIntentBits } from 'discord-api-types/v10';
import { InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { Max } from 'class-validator';
import { OvenModule } from '../../../src/client';
import type { CommandContext } from '../../../src/commands';
import { Command, CommandRouter, CommandsModule, Ctx, Option, Options } from '../../../src/commands';
import { Inject, Injectable, Module, OvenFactory, type OvenApplication } from '../../../src/di';
import { FakeDiscord } from '../../../src/testing';

class RollOptions {
  @Option({ type: 'integer', description: 'Sides', required: true, minValue: 2, maxValue: 1000 })
  @Max(100, { message: 'sides must be at most 100 on this server' })
  sides!: number;
}

@Injectable()
class Dice {
  public roll(sides: number): number {
    return sides; // deterministic for the test: the highest face
  }
}

@Injectable()
class DiceCommands {
  public constructor(@Inject(Dice) private readonly dice: Dice) {}

  @Command({ name: 'roll', description: 'Roll a die' })
  public roll(@Options() options: RollOptions, @Ctx() ctx: CommandContext) {
    return ctx.reply(`You rolled ${this.dice.roll(options.sides)}`);
  }
}

describe('CommandsModule with OvenModule against the fake Discord gateway', () => {
  let discord: FakeDiscord;
  let app: OvenApplication | undefined;

  beforeEach(async () => {
    discord = await FakeDiscord.start({ port: 0, gateway: { heartbeatIntervalMs: 500, identifyIntervalMs: 0 } });
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await discord.close();
  });

  it('registers at login, then answers interactions arriving over the gateway', async () => {
    const guild = discord.createGuild({ name: 'Dice' });
    const alice = discord.createUser({ username: 'alice' });
    discord.addMember(guild.id, alice.id);
    const lines: string[] = [];

    @Module({
      imports: [
        OvenModule.forRoot({ token: discord.token, intents: GatewayIntentBits.Guilds, rest: { baseURL: discord.restUrl }, gateway: { identifyIntervalMs: 0 } }),
        CommandsModule.forRoot({ log: (line) => lines.push(line) }),
      ],
      providers: [Dice, DiceCommands],
    })
    class AppModule {}

    app = await OvenFactory.create(AppModule);
    await app.listen();
    expect(discord.commands().map((c) => c.name)).toEqual(['roll']);
    expect(lines).toContain('commands (global): + slash:roll');

    const valid = discord.invokeCommand({ name: 'roll', userId: alice.id, channelId: guild.system_channel_id as string, options: { sides: 20 } });
    expect(await valid.response()).toMatchObject({ type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'You rolled 20' } });

    const invalid = discord.invokeCommand({ name: 'roll', userId: alice.id, channelId: guild.system_channel_id as string, options: { sides: 500 } });
    expect((await invalid.response()).data).toEqual({
      content: 'Some of what you entered is not valid:\n• `sides`: must be at most 100 on this server',
      flags: MessageFlags.Ephemeral,
    });
    expect(app.get(CommandRouter).catalog.commands).toHaveLength(1);
  });

  it('makes no registration request at the next start when nothing changed', async () => {
    @Module({
      imports: [
        OvenModule.forRoot({ token: discord.token, intents: GatewayIntentBits.Guilds, rest: { baseURL: discord.restUrl }, gateway: { identifyIntervalMs: 0 } }),
        CommandsModule.forRoot({ log: () => undefined }),
      ],
      providers: [Dice, DiceCommands],
    })
    class AppModule {}

    const first = await OvenFactory.create(AppModule);
    await first.listen();
    await first.close();
    const putsBefore = discord.requests().filter((r) => r.method === 'PUT').length;
    app = await OvenFactory.create(AppModule);
    await app.listen();
    expect(discord.requests().filter((r) => r.method === 'PUT').length).toBe(putsBefore);
    expect(putsBefore).toBe(1);
  });
});
