import { ApplicationCommandOptionType, InteractionResponseType } from 'discord-api-types/v10';
import { Autocomplete, Command, CommandRouter, Option, Options } from '../../../src/commands';
import { HookBudgetError, type HookHandlerError, HookManager, bridgeCommandHooks } from '../../../src/hooks';
import { autocomplete, RecordingRest, slash } from '../../commands/interaction-fixtures';

class SayOptions {
  @Option({ type: 'string', description: 'Text', required: true })
  text!: string;
}

class Say {
  @Command({ name: 'say', description: 'Say it' })
  public say(@Options() options: SayOptions): string {
    return options.text;
  }
}

class CityOptions {
  @Option({ type: 'string', description: 'City', required: true, autocomplete: true })
  city!: string;
}

class Weather {
  @Command({ name: 'weather', description: 'Weather' })
  public weather(@Options() options: CityOptions): string {
    return options.city;
  }

  @Autocomplete('weather', 'city')
  public cities(): string[] {
    return ['Paris', 'Oslo'];
  }
}

const say = (text: string) => slash('say', [{ name: 'text', type: ApplicationCommandOptionType.String, value: text }]);

describe('bridgeCommandHooks', () => {
  it('executes no hook point that has no handler', async () => {
    const rest = new RecordingRest();
    const hooks = new HookManager();
    const execute = jest.spyOn(hooks, 'execute');
    const router = new CommandRouter({ rest }).register([Say]);
    bridgeCommandHooks(router, hooks);
    await router.handle(say('hi'));
    expect(execute).not.toHaveBeenCalled();
    expect(rest.calls).toHaveLength(1);
  });

  it('executes only the handled ones, and stops after detach', async () => {
    const rest = new RecordingRest();
    const hooks = new HookManager();
    const router = new CommandRouter({ rest }).register([Say]);
    const detach = bridgeCommandHooks(router, hooks);
    hooks.register('commandOptionsTransform', (payload) => ({ ...payload, options: { text: `${String(payload.options['text'])}!` } }));
    const execute = jest.spyOn(hooks, 'execute');
    await router.handle(say('hi'));
    expect(execute.mock.calls.map(([name]) => name)).toEqual(['commandOptionsTransform']);
    expect(rest.calls[0]).toMatchObject({ body: { data: { content: 'hi!' } } });
    detach();
    await router.handle(say('hi'));
    expect(execute).toHaveBeenCalledTimes(1);
    expect(rest.calls[1]).toMatchObject({ body: { data: { content: 'hi' } } });
  });

  it('answers on time when a veto hook is slower than its budget, and reports which handler was slow', async () => {
    const rest = new RecordingRest();
    const hooks = new HookManager({ budgets: { beforeCommandRun: 20 } });
    const errors: HookHandlerError[] = [];
    hooks.onHandlerError((error) => void errors.push(error));
    const router = new CommandRouter({ rest }).register([Say]);
    bridgeCommandHooks(router, hooks);
    let release!: () => void;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    hooks.register('beforeCommandRun', async function checkBans() {
      await stuck;
      return { reason: 'banned', reply: 'You are banned.' };
    });
    await router.handle(say('still here'));
    expect(rest.calls).toHaveLength(1);
    expect(rest.calls[0]).toMatchObject({ body: { data: { content: 'still here' } } });
    expect(errors).toEqual([expect.any(HookBudgetError)]);
    expect(errors[0]).toMatchObject({ hook: 'beforeCommandRun', handler: '"checkBans"' });
    release();
    await new Promise((resolve) => setImmediate(resolve));
    // The late veto changes nothing: the command already ran and answered.
    expect(rest.calls).toHaveLength(1);
  });

  it('answers a vetoed autocomplete with an empty suggestion list, not a message Discord would refuse', async () => {
    const rest = new RecordingRest();
    const hooks = new HookManager();
    const router = new CommandRouter({ rest }).register([Weather]);
    bridgeCommandHooks(router, hooks);
    const errors: unknown[] = [];
    router.events.on('commandError', ({ error }) => void errors.push(error));
    const veto = hooks.register('beforeInteraction', () => ({ reason: 'maintenance', reply: 'Back soon!' }));
    const typing = autocomplete('weather', [{ name: 'city', type: ApplicationCommandOptionType.String, value: 'Pa', focused: true }]);
    await router.handle(typing);
    // Without a reply too: an unanswered autocomplete is an error in the user's client.
    veto.unregister();
    hooks.register('beforeInteraction', () => ({ reason: 'quiet veto' }));
    await router.handle(typing);
    const empty = { kind: 'callback', interactionId: expect.any(String), body: { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } } };
    expect(rest.calls).toEqual([empty, empty]);
    expect(errors).toEqual([]);
  });
});
