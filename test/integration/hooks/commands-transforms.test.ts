import type { AutocompletePayload, CommandRunPayload } from '../../../src/hooks';
import { Hook } from '../../../src/hooks';
import { Autocomplete, Command, Option, Options } from '../../../src/commands';
import { Injectable } from '../../../src/di';
import { startRouterApp } from './router-app';

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
    const { discord, router, app, channelId, userId, close } = await startRouterApp([Echo], [Rewrites]);
    try {
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
      await close();
    }
  });
});
