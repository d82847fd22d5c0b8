import { ApplicationCommandOptionType, InteractionResponseType } from 'discord-api-types/v10';
import { IsInt } from 'class-validator';
import type { AutocompleteContext, CommandContext } from '../../../src/commands';
import { Autocomplete, Command, CommandRouter, CommandStageError, Ctx, Option, Options } from '../../../src/commands';
import { RecordingRest, autocomplete, slash } from '../interaction-fixtures';

class SearchOptions {
  @Option({ type: 'string', description: 'What to look for', required: true, autocomplete: true })
  query!: string;

  @Option({ type: 'integer', description: 'How many', minValue: 1, maxValue: 10 })
  @IsInt()
  limit?: number;

  public describe(): string {
    return `${this.query} x${this.limit ?? 1}`;
  }
}

const received: unknown[] = [];

class Search {
  @Command({ name: 'search', description: 'Search' })
  public search(@Options() options: SearchOptions, @Ctx() ctx: CommandContext) {
    received.push({ options: { ...options }, isDto: options instanceof SearchOptions, described: options.describe(), path: ctx.commandPath });
    return 'done';
  }

  @Command({ name: 'plain', description: 'No options' })
  public plain() {
    return 'plain';
  }

  @Autocomplete('search', 'query')
  public suggest() {
    return ['alpha', 'beta'];
  }

  @Command({ name: 'direct', description: 'Direct respond' })
  public direct(@Options() options: SearchOptions) {
    return options.query;
  }

  @Autocomplete('direct', 'query')
  public suggestDirect(@Ctx() ctx: AutocompleteContext) {
    return ctx.respond([{ name: 'one', value: '1' }]);
  }
}

const query = (value: string) => [{ name: 'query', type: ApplicationCommandOptionType.String, value }] as const;

function setup() {
  const rest = new RecordingRest();
  const errors: unknown[] = [];
  const router = new CommandRouter({ rest }).register([Search]);
  router.events.on('commandError', ({ error }) => void errors.push(error));
  received.length = 0;
  return { rest, router, errors };
}

describe('CommandRouter options stage (transformOptions)', () => {
  it('passes the validated options to each stage in order and hands the result to the handler as the DTO class', async () => {
    const { router } = setup();
    const seen: unknown[] = [];
    router.transformOptions(({ options, route }) => {
      seen.push({ first: { ...options }, path: route.path });
      return { ...options, query: String(options['query']).toUpperCase() };
    });
    router.transformOptions((event) => {
      seen.push({ second: { ...event.options } });
      event.options['limit'] = 3; // in place, returning nothing
    });
    await router.handle(slash('search', [...query('cats')]));
    expect(seen).toEqual([{ first: { query: 'cats' }, path: 'search' }, { second: { query: 'CATS' } }]);
    expect(received).toEqual([{ options: { query: 'CATS', limit: 3 }, isDto: true, described: 'CATS x3', path: 'search' }]);
  });

  it('does not run for invalid input (the validation answer wins) nor for handlers without @Options()', async () => {
    const { router, rest } = setup();
    let calls = 0;
    router.transformOptions(() => void (calls += 1));
    await router.handle(slash('search', [])); // required query missing
    await router.handle(slash('plain'));
    expect(calls).toBe(0);
    expect(received).toEqual([]);
    expect(rest.calls).toHaveLength(2);
  });

  it('can be removed', async () => {
    const { router } = setup();
    const off = router.transformOptions(() => ({ query: 'changed' }));
    off();
    await router.handle(slash('search', [...query('kept')]));
    expect(received).toMatchObject([{ options: { query: 'kept' } }]);
  });

  it('a stage returning a non-object is a typed error, reported, and the handler does not run', async () => {
    const { router, errors, rest } = setup();
    router.transformOptions(() => 'oops' as unknown as Record<string, unknown>);
    await router.handle(slash('search', [...query('x')]));
    expect(received).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(CommandStageError);
    expect((errors[0] as CommandStageError).code).toBe('OVEN_ERR_COMMANDS_STAGE_RESULT');
    expect((errors[0] as Error).message).toMatch(/"search" returned string/);
    expect(rest.calls[0]).toMatchObject({ kind: 'callback', body: { type: InteractionResponseType.ChannelMessageWithSource } });
  });
});

describe('CommandRouter choices stage (transformChoices)', () => {
  const focused = (name: string) => autocomplete(name, [{ name: 'query', type: ApplicationCommandOptionType.String, value: 'a', focused: true }]);

  it('rewrites the choices a handler returned before they are sent', async () => {
    const { router, rest } = setup();
    const seen: unknown[] = [];
    router.transformChoices(({ ctx, choices }) => {
      seen.push({ path: ctx.commandPath, focused: ctx.focused.name, choices });
      return [...choices.filter((c) => c.value !== 'beta'), { name: 'gamma', value: 'gamma' }];
    });
    await router.handle(focused('search'));
    expect(seen).toEqual([{ path: 'search', focused: 'query', choices: [{ name: 'alpha', value: 'alpha' }, { name: 'beta', value: 'beta' }] }]);
    expect(rest.calls).toEqual([
      expect.objectContaining({
        body: { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [{ name: 'alpha', value: 'alpha' }, { name: 'gamma', value: 'gamma' }] } },
      }),
    ]);
  });

  it('also sees choices passed to ctx.respond directly', async () => {
    const { router, rest } = setup();
    router.transformChoices(({ choices }) => choices.map((c) => ({ ...c, name: `${c.name}!` })));
    await router.handle(focused('direct'));
    expect(rest.calls[0]).toMatchObject({ body: { data: { choices: [{ name: 'one!', value: '1' }] } } });
  });

  it('checks Discord limits on the result: more than 25 choices is a typed error and nothing is sent', async () => {
    const { router, rest, errors } = setup();
    router.transformChoices(() => Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: i })));
    await router.handle(focused('search'));
    expect(errors[0]).toMatchObject({ code: 'OVEN_ERR_BUILDERS_LIMIT' });
    // The router's fallback answer goes through the stage too and is refused the same way.
    expect(rest.calls).toEqual([]);
  });

  it('a stage returning a non-array is a typed error', async () => {
    const { router, errors } = setup();
    router.transformChoices(() => ({}) as unknown as []);
    await router.handle(focused('search'));
    expect(errors[0]).toBeInstanceOf(CommandStageError);
    expect((errors[0] as Error).message).toMatch(/"search" returned object/);
  });
});
