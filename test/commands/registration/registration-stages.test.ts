import type { CatalogCommand, RegistrationPlan } from '../../../src/commands';
import { CommandStageError, RegistrationStages } from '../../../src/commands';

const command = (name: string): CatalogCommand => ({ json: { name, description: name }, guilds: undefined, source: `test ${name}` });

describe('RegistrationStages', () => {
  it('runs transforms in order, each on the previous result, and stops running removed ones', async () => {
    const stages = new RegistrationStages();
    const original = [command('a'), command('b')];
    expect(await stages.prepare('1', original)).toBe(original);
    stages.transform(({ commands }) => [...commands, command('c')]);
    const remove = stages.transform(({ commands, applicationId }) => {
      commands.splice(0, 1);
      expect(applicationId).toBe('1');
    });
    expect((await stages.prepare('1', original)).map((c) => c.json.name)).toEqual(['b', 'c']);
    expect(original.map((c) => c.json.name)).toEqual(['a', 'b']);
    remove();
    expect((await stages.prepare('1', original)).map((c) => c.json.name)).toEqual(['a', 'b', 'c']);
  });

  it('refuses a transform result that is not a list with OVEN_ERR_COMMANDS_STAGE_RESULT', async () => {
    const stages = new RegistrationStages();
    stages.transform(() => ({ commands: [] }) as never);
    await expect(stages.prepare('1', [command('a')])).rejects.toThrow(CommandStageError);
    await expect(stages.prepare('1', [command('a')])).rejects.toThrow(/returned object; return an array of commands/);
  });

  it('tells every listener what a sync did, even after one failed', async () => {
    const stages = new RegistrationStages();
    const plan: RegistrationPlan = { scopes: [] };
    const heard: string[] = [];
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    stages.onRegistered(() => {
      throw new Error('listener broke');
    });
    const off = stages.onRegistered(({ applicationId, plan: got }) => void heard.push(`${applicationId} ${got === plan}`));
    await stages.registered('9', plan);
    expect(heard).toEqual(['9 true']);
    expect(error).toHaveBeenCalledWith('[ovenjs] a command registration listener failed:', expect.objectContaining({ message: 'listener broke' }));
    off();
    await stages.registered('9', plan);
    expect(heard).toHaveLength(1);
    error.mockRestore();
  });
});
