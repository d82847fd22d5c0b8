import { ApplicationCommandOptionType, InteractionResponseType } from 'discord-api-types/v10';
import { Autocomplete, Command, CommandRouter, Focused, Option, Options } from '../../../src/commands';
import { RecordingRest, autocomplete } from '../interaction-fixtures';

class SearchOptions {
  @Option({ type: 'string', description: 'Query', required: true, autocomplete: true })
  query!: string;
}

class Search {
  @Command({ name: 'search', description: 'Search' })
  public search(@Options() options: SearchOptions): string {
    return options.query;
  }

  // Too short to search: nothing to suggest, so nothing returned.
  @Autocomplete('search', 'query')
  public suggest(@Focused() typed: string): string[] | undefined {
    return String(typed).length < 3 ? undefined : [`${String(typed)} (exact)`];
  }
}

const typing = (value: string) => autocomplete('search', [{ name: 'query', type: ApplicationCommandOptionType.String, value, focused: true }]);

describe('an autocomplete handler that returns nothing', () => {
  it('gets an empty suggestion list sent for it, since Discord shows an error for an unanswered autocomplete', async () => {
    const rest = new RecordingRest();
    const router = new CommandRouter({ rest }).register([Search]);
    await router.handle(typing('ab'));
    await router.handle(typing('abc'));
    expect(rest.calls.map((call) => (call.kind === 'callback' ? call.body : call))).toEqual([
      { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } },
      { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [{ name: 'abc (exact)', value: 'abc (exact)' }] } },
    ]);
  });
});
