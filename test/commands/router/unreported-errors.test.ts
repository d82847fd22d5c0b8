import { Command, CommandRouter } from '../../../src/commands';
import { HookManager, bridgeCommandHooks } from '../../../src/hooks';
import { RecordingRest, slash } from '../interaction-fixtures';

class Broken {
  @Command({ name: 'broken', description: 'Always fails' })
  public broken(): string {
    throw new Error('database is down');
  }
}

describe('a handler error nobody listens to', () => {
  let printed: jest.SpyInstance;
  beforeEach(() => {
    printed = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => printed.mockRestore());

  it('is printed, naming the handler, since the user was told it has been reported', async () => {
    const rest = new RecordingRest();
    const router = new CommandRouter({ rest }).register([Broken]);
    await router.handle(slash('broken'));
    expect(rest.calls).toHaveLength(1);
    expect(printed).toHaveBeenCalledWith('[ovenjs] Broken.broken failed:', expect.objectContaining({ message: 'database is down' }));
  });

  it('goes to commandError listeners instead of the console when there are some', async () => {
    const router = new CommandRouter({ rest: new RecordingRest() }).register([Broken]);
    const seen: unknown[] = [];
    router.events.on('commandError', ({ error }) => void seen.push(error));
    await router.handle(slash('broken'));
    expect(seen).toEqual([expect.objectContaining({ message: 'database is down' })]);
    expect(printed).not.toHaveBeenCalled();
  });

  it('is still printed with the hooks bridge installed but no commandError hook handler', async () => {
    const router = new CommandRouter({ rest: new RecordingRest() }).register([Broken]);
    const hooks = new HookManager();
    const detach = bridgeCommandHooks(router, hooks);
    await router.handle(slash('broken'));
    expect(printed).toHaveBeenCalledTimes(1);
    const seen: unknown[] = [];
    hooks.register('commandError', ({ error }) => void seen.push(error));
    await router.handle(slash('broken'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toHaveLength(1);
    expect(printed).toHaveBeenCalledTimes(1);
    detach();
  });
});
