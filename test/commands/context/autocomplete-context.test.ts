import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { BuilderLimitError } from '../../../src/builders';
import { AutocompleteContext } from '../../../src/commands';
import { APP_ID, RecordingRest, autocomplete } from '../interaction-fixtures';

function context(type: ApplicationCommandOptionType.String | ApplicationCommandOptionType.Integer | ApplicationCommandOptionType.Number) {
  const rest = new RecordingRest();
  const options = [{ name: 'q', type, value: '4', focused: true }] as never;
  const ctx = new AutocompleteContext(autocomplete('find', options), { rest, applicationId: APP_ID, now: () => 0, receivedAt: 0 }, 'find', options);
  return { rest, ctx };
}

async function limitError(promise: Promise<unknown>): Promise<BuilderLimitError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BuilderLimitError) return error;
    throw error;
  }
  throw new Error('expected a BuilderLimitError');
}

describe('AutocompleteContext.respond', () => {
  it('refuses choice values Discord would refuse, naming the choice, and sends nothing', async () => {
    const text = context(ApplicationCommandOptionType.String);
    const long = await limitError(text.ctx.respond([{ name: 'Long', value: 'v'.repeat(101) }]));
    expect(long.message).toMatch(/choices\[0\]\.value.*101 characters; Discord allows at most 100 for a string option/);
    const integer = context(ApplicationCommandOptionType.Integer);
    const wrongType = await limitError(integer.ctx.respond([4, { name: 'Four and a half', value: 4.5 }]));
    expect(wrongType.message).toMatch(/choices\[1\]\.value.*4\.5 is not an integer/);
    expect(await limitError(integer.ctx.respond(['4']))).toMatchObject({ message: expect.stringMatching(/choices\[0\]\.value.*"4" is not an integer/) });
    expect([...text.rest.calls, ...integer.rest.calls]).toEqual([]);
  });

  it('sends values that fit the focused option', async () => {
    const number = context(ApplicationCommandOptionType.Number);
    await number.ctx.respond([4.5, { name: 'Pi', value: 3.14 }]);
    expect(number.rest.calls).toEqual([
      { kind: 'callback', interactionId: expect.any(String), body: { type: 8, data: { choices: [{ name: '4.5', value: 4.5 }, { name: 'Pi', value: 3.14 }] } } },
    ]);
  });
});
