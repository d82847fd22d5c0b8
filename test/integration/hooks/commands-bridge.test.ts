import { Command, CommandContext, CommandRegistrar, CommandRouter, Ctx, routeRest } from '../../../src/commands';
import { HookManager } from '../../../src/hooks';
import { bridgeCommandHooks, syncCommandsWithHooks } from '../../../src/hooks/bridges/commands';
import { RestClient } from '../../../src/rest';
import { FakeDiscord } from '../../../src/testing';

class Fun {
  @Command({ name: 'ping', description: 'Check the bot is alive' })
  public ping(@Ctx() ctx: CommandContext): Promise<void> {
    return ctx.reply({ content: 'Pong!' });
  }

  @Command({ name: 'boom', description: 'Always fails' })
  public boom(): void {
    throw new Error('kaboom');
  }
}

describe('command hooks, fired by a real CommandRouter and CommandRegistrar against the fake Discord', () => {
  let discord: FakeDiscord;
  let rest: RestClient;
  let hooks: HookManager;
  let router: CommandRouter;
  let detach: () => void;
  let userId: string;
  let channelId: string;

  beforeEach(async () => {
    discord = await FakeDiscord.start({ port: 0 });
    rest = new RestClient({ token: discord.token, baseURL: discord.restUrl });
    hooks = new HookManager();
    router = new CommandRouter({ rest: routeRest(rest) }).register([Fun]);
    detach = bridgeCommandHooks(router, hooks);
    const guild = discord.createGuild({ name: 'g' });
    channelId = discord.createChannel(guild.id, { name: 'cmds' }).id;
    userId = discord.createUser({ username: 'carol' }).id;
    discord.addMember(guild.id, userId);
  });
  afterEach(async () => {
    detach();
    await rest.close();
    await discord.close();
  });

  it('lets beforeCommandRegister add a command and reports the sync through afterCommandRegister', async () => {
    const reports: unknown[] = [];
    hooks.register('beforeCommandRegister', (payload) => ({
      ...payload,
      commands: [...payload.commands, { name: 'extra', description: 'Added by a hook' }],
    }));
    hooks.register('afterCommandRegister', (report) => void reports.push(report));
    const registrar = new CommandRegistrar(routeRest(rest), discord.applicationId);
    await syncCommandsWithHooks(hooks, registrar, discord.applicationId, router.catalog.commands);
    expect(discord.commands().map((c) => c.name).sort()).toEqual(['boom', 'extra', 'ping']);
    expect(reports).toEqual([{ applicationId: discord.applicationId, guildId: undefined, created: 3, updated: 0, deleted: 0, unchanged: 0 }]);
    reports.length = 0;
    await syncCommandsWithHooks(hooks, registrar, discord.applicationId, router.catalog.commands);
    expect(reports).toEqual([{ applicationId: discord.applicationId, guildId: undefined, created: 0, updated: 0, deleted: 0, unchanged: 3 }]);
  });

  it('runs beforeInteraction/beforeCommandRun, then afterCommandRun; a veto answers and reports commandDenied', async () => {
    const registrar = new CommandRegistrar(routeRest(rest), discord.applicationId);
    await registrar.sync(router.catalog.commands);
    const seen: string[] = [];
    let maintenance = false;
    hooks.register('beforeInteraction', () => void seen.push('beforeInteraction'));
    hooks.register('beforeCommandRun', ({ commandName }) => {
      seen.push(`beforeCommandRun ${commandName}`);
      return maintenance ? { reason: 'maintenance', reply: 'Back soon!' } : undefined;
    });
    hooks.register('afterCommandRun', ({ commandName, durationMs }) => void seen.push(`afterCommandRun ${commandName} ${durationMs >= 0}`));
    hooks.register('commandDenied', ({ commandName, reason }) => void seen.push(`commandDenied ${commandName} ${reason}`));

    const first = discord.invokeCommand({ name: 'ping', userId, channelId });
    await router.handle(first.payload);
    expect((await first.response()).data).toMatchObject({ content: 'Pong!' });

    maintenance = true;
    const second = discord.invokeCommand({ name: 'ping', userId, channelId });
    await router.handle(second.payload);
    expect((await second.response()).data).toMatchObject({ content: 'Back soon!', flags: 64 });
    expect(seen).toEqual([
      'beforeInteraction',
      'beforeCommandRun ping',
      'afterCommandRun ping true',
      'beforeInteraction',
      'beforeCommandRun ping',
      'commandDenied ping maintenance',
    ]);
  });

  it('reports a throwing command through commandError', async () => {
    const registrar = new CommandRegistrar(routeRest(rest), discord.applicationId);
    await registrar.sync(router.catalog.commands);
    const errors: string[] = [];
    hooks.register('commandError', ({ commandName, error }) => void errors.push(`${commandName}: ${(error as Error).message}`));
    const interaction = discord.invokeCommand({ name: 'boom', userId, channelId });
    await router.handle(interaction.payload);
    expect(errors).toEqual(['boom: kaboom']);
  });
});
