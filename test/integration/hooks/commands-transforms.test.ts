import type { AutocompletePayload, CommandRunPayload } from '../../../src/hooks';
import { Hook, HooksModule } from '../../../src/hooks';
import { Autocomplete, Command, CommandRegistrar, CommandRouter, Option, Options, routeRest } from '../../../src/commands';
import { Injectable, Module, OvenFactory } from '../../../src/di';
import { RestClient } from '../../../src/rest';
import { FakeDiscord } from '../../../src/testing';

class EchoOptions {
  @Option({ type: 'string', description: 'What to say', required: true, autocomplete: true })
  text!: string;
}

const handled: string[] = [];

class Echo {
  @Command({ name: 'echo', description: 'Say it back' })
  public echo(@Options() options: EchoOptions): string {
    handled.push(options.text);
    return `echo: ${options.text}`;
  }

  @Autocomplete('echo', 'text')
  public suggest(): string[] {
    return ['hello', 'hi'];
  }
}

@Injectable()
class Rewrites {
  public readonly optionPayloads: unknown[] = [];
  public readonly choicePayloads: unknown[] = [];

  @Hook('commandOptionsTransform')
  public shout(payload: CommandRunPayload): CommandRunPayload {
    this.optionPayloads.push({ commandName: payload.commandName, options: { ...payload.options }, interactionType: payload.interaction.type });
    return { ...payload, options: { ...payload.options, text: String(payload.options['text']).toUpperCase() } };
  }

  @Hook('autocompleteTransform')
  public sponsor(payload: AutocompletePayload): AutocompletePayload {
    this.choicePayloads.push({ commandName: payload.commandName, focused: payload.focused, choices: [...payload.choices] });
    return { ...payload, choices: [{ name: 'sponsored', value: 'sponsored' }, ...payload.choices] };
  }
}

describe('commandOptionsTransform and autocompleteTransform, bridged from a real CommandRouter', () => {
  it('reach the handler and the fake Discord autocomplete answer', async () => {
    const discord = await FakeDiscord.start({ port: 0 });
    const rest = new RestClient({ token: discord.token, baseURL: discord.restUrl });
    const router = new CommandRouter({ rest: routeRest(rest) }).register([Echo]);

    @Module({
      imports: [HooksModule.forRoot()],
      providers: [Rewrites, { provide: RestClient, useValue: rest }, { provide: CommandRouter, useValue: router }],
    })
    class AppModule {}

    const app = await OvenFactory.create(AppModule);
    try {
      await app.init();
      await new CommandRegistrar(routeRest(rest), discord.applicationId).sync(router.catalog.commands);
      const guild = discord.createGuild({ name: 'g' });
      const channelId = discord.createChannel(guild.id, { name: 'c' }).id;
      const userId = discord.createUser({ username: 'frank' }).id;
      discord.addMember(guild.id, userId);
      const rewrites = app.get(Rewrites);

      const command = discord.invokeCommand({ name: 'echo', userId, channelId, options: { text: 'quiet' } });
      await router.handle(command.payload);
      expect(handled).toEqual(['QUIET']);
      expect((await command.response()).data).toMatchObject({ content: 'echo: QUIET' });
      expect(rewrites.optionPayloads).toEqual([{ commandName: 'echo', options: { text: 'quiet' }, interactionType: 2 }]);

      const typing = discord.autocomplete({ name: 'echo', userId, channelId, options: { text: 'h' }, focused: 'text' });
      await router.handle(typing.payload);
      const answer = await typing.response();
      expect(answer.type).toBe(8);
      expect(answer.data).toEqual({
        choices: [
          { name: 'sponsored', value: 'sponsored' },
          { name: 'hello', value: 'hello' },
          { name: 'hi', value: 'hi' },
        ],
      });
      expect(rewrites.choicePayloads).toEqual([
        { commandName: 'echo', focused: 'text', choices: [{ name: 'hello', value: 'hello' }, { name: 'hi', value: 'hi' }] },
      ]);
    } finally {
      await app.close();
      await rest.close();
      await discord.close();
    }
  });
});
