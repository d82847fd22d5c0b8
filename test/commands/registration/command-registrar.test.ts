import type { APIApplicationCommand, RESTPostAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { ApplicationCommandsRest } from '../../../src/commands';
import { Command, CommandCatalog, CommandRegistrar, CommandsModuleError, Option, Options, Subcommand, UserCommand, diffCommands } from '../../../src/commands';

const APP = '100000000000000001';
const GUILD = '200000000000000002';

/** Stores commands the way Discord returns them: ids, versions and default fields filled in. */
class DiscordLikeCommands implements ApplicationCommandsRest {
  public readonly requests: string[] = [];
  private readonly scopes = new Map<string, APIApplicationCommand[]>();
  private nextId = 1;

  public async getCommands(_app: string, guildId?: string): Promise<APIApplicationCommand[]> {
    this.requests.push(`GET ${guildId ?? 'global'}`);
    return structuredClone(this.scopes.get(guildId ?? 'global') ?? []);
  }

  public async putCommands(_app: string, commands: RESTPostAPIApplicationCommandsJSONBody[], guildId?: string): Promise<APIApplicationCommand[]> {
    this.requests.push(`PUT ${guildId ?? 'global'} ${commands.map((c) => c.name).join(',')}`);
    const stored = commands.map((c) => {
      const filled = {
        id: String(this.nextId++),
        application_id: APP,
        version: '1',
        default_member_permissions: null,
        type: 1,
        description: '',
        nsfw: false,
        ...(guildId === undefined ? { dm_permission: true, contexts: null, integration_types: [0] } : { guild_id: guildId }),
        ...structuredClone(c),
      } as Record<string, unknown>;
      filled['options'] = ((c as { options?: Record<string, unknown>[] }).options ?? []).map((o) => ({ required: false, ...o }));
      if ((filled['options'] as unknown[]).length === 0) delete filled['options'];
      return filled as unknown as APIApplicationCommand;
    });
    this.scopes.set(guildId ?? 'global', stored);
    return structuredClone(stored);
  }
}

class AmountOptions {
  @Option({ type: 'integer', description: 'How many', required: true, maxValue: 100 })
  amount!: number;
  @Option({ type: 'string', description: 'Why' })
  reason?: string;
}

class V1 {
  @Command({ name: 'give', description: 'Give coins' })
  give(@Options() _o: AmountOptions) {}

  @UserCommand({ name: 'Profile' })
  profile() {}

  @Command({ name: 'beta', description: 'Guild only', guilds: [GUILD] })
  beta() {}
}

class LowerOptions {
  @Option({ type: 'integer', description: 'How many', required: true, maxValue: 50 })
  amount!: number;
  @Option({ type: 'string', description: 'Why' })
  reason?: string;
}

class V2 {
  @Command({ name: 'give', description: 'Give coins' })
  give(@Options() _o: LowerOptions) {}

  @Command({ name: 'beta', description: 'Guild only', guilds: [GUILD] })
  beta() {}
}

describe('CommandRegistrar', () => {
  it('overwrites once per changed scope, then sends nothing while nothing changes', async () => {
    const discord = new DiscordLikeCommands();
    const lines: string[] = [];
    const registrar = new CommandRegistrar(discord, APP, (l) => lines.push(l));
    const v1 = CommandCatalog.fromClasses([V1]).commands;

    await registrar.sync(v1);
    expect(discord.requests).toEqual(['GET global', 'GET 200000000000000002', 'PUT global give,Profile', 'PUT 200000000000000002 beta']);
    expect(lines).toContain('commands (global): + slash:give');

    discord.requests.length = 0;
    lines.length = 0;
    await registrar.sync(v1);
    expect(discord.requests).toEqual(['GET global', 'GET 200000000000000002']);
    expect(lines).toEqual(['commands (global): 2 up to date, nothing sent', 'commands (guild 200000000000000002): 1 up to date, nothing sent']);
  });

  it('logs what changed and overwrites only the scope that changed', async () => {
    const discord = new DiscordLikeCommands();
    const lines: string[] = [];
    const registrar = new CommandRegistrar(discord, APP, (l) => lines.push(l));
    await registrar.sync(CommandCatalog.fromClasses([V1]).commands);
    discord.requests.length = 0;
    await registrar.sync(CommandCatalog.fromClasses([V2]).commands);
    expect(discord.requests).toEqual(['GET global', 'GET 200000000000000002', 'PUT global give']);
    expect(lines).toEqual(expect.arrayContaining(['commands (global): - user:Profile', 'commands (global): ~ slash:give options[amount].max_value: 100 -> 50']));
  });

  it('plans without sending anything in a dry run', async () => {
    const discord = new DiscordLikeCommands();
    const registrar = new CommandRegistrar(discord, APP);
    const plan = await registrar.sync(CommandCatalog.fromClasses([V1]).commands, { dryRun: true });
    expect(discord.requests).toEqual(['GET global', 'GET 200000000000000002']);
    expect(plan.scopes.map((s) => [s.guildId, s.changed, s.diff.added])).toEqual([
      [undefined, true, ['slash:give', 'user:Profile']],
      [GUILD, true, ['slash:beta']],
    ]);
  });

  it('registers everything in the development guild only', async () => {
    const discord = new DiscordLikeCommands();
    await new CommandRegistrar(discord, APP).sync(CommandCatalog.fromClasses([V1]).commands, { devGuildId: '300000000000000003' });
    expect(discord.requests).toEqual(['GET 300000000000000003', 'PUT 300000000000000003 give,Profile,beta']);
  });

  it('removes commands from guilds no command targets any more when asked to check them', async () => {
    const discord = new DiscordLikeCommands();
    const registrar = new CommandRegistrar(discord, APP);
    await registrar.sync(CommandCatalog.fromClasses([V1]).commands);
    discord.requests.length = 0;
    class OnlyGlobal {
      @Command({ name: 'give', description: 'Give coins' })
      give(@Options() _o: AmountOptions) {}
      @UserCommand({ name: 'Profile' })
      profile() {}
    }
    await registrar.sync(CommandCatalog.fromClasses([OnlyGlobal]).commands, { alsoCheckGuilds: [GUILD] });
    expect(discord.requests).toEqual(['GET global', 'GET 200000000000000002', 'PUT 200000000000000002 ']);
  });
});

describe('diffCommands', () => {
  it("treats Discord's defaults as unset", () => {
    const ours = { name: 'a', description: 'd', options: [{ type: 3, name: 'x', description: 'x' }] } as RESTPostAPIApplicationCommandsJSONBody;
    const theirs = {
      id: '1',
      application_id: APP,
      version: '9',
      type: 1,
      name: 'a',
      description: 'd',
      name_localizations: null,
      description_localizations: {},
      default_member_permissions: null,
      dm_permission: true,
      nsfw: false,
      contexts: null,
      integration_types: [0],
      options: [{ type: 3, name: 'x', description: 'x', required: false, autocomplete: false }],
    } as unknown as APIApplicationCommand;
    expect(diffCommands([ours], [theirs], 'global')).toEqual({ added: [], removed: [], changed: [], unchanged: ['slash:a'] });
  });

  it('reports reordered options, localization and permission changes', () => {
    const theirs = {
      id: '1', application_id: APP, version: '1', type: 1, name: 'a', description: 'd', default_member_permissions: '8',
      options: [{ type: 3, name: 'x', description: 'x' }, { type: 3, name: 'y', description: 'y' }],
    } as unknown as APIApplicationCommand;
    const ours = {
      type: 1, name: 'a', description: 'd', name_localizations: { fr: 'a' },
      options: [{ type: 3, name: 'y', description: 'y' }, { type: 3, name: 'x', description: 'x' }],
    } as RESTPostAPIApplicationCommandsJSONBody;
    expect(diffCommands([ours], [theirs], 'global').changed).toEqual([
      { key: 'slash:a', changes: ['default_member_permissions: "8" -> (unset)', 'name_localizations: (unset) -> {"fr":"a"}', 'options: order ["x","y"] -> ["y","x"]'] },
    ]);
  });

  it('refuses a dev guild sync that would put one command name in the guild twice, before any request', async () => {
    @Command({ name: 'config', description: 'Global settings' })
    class Config {
      @Subcommand({ name: 'show', description: 'Show them' })
      show() {}
    }
    class Partner {
      @Command({ name: 'config', description: 'Settings of the partner server', guilds: [GUILD] })
      partner() {}
    }
    const commands = CommandCatalog.fromClasses([Config, Partner]).commands;
    const discord = new DiscordLikeCommands();
    const sync = new CommandRegistrar(discord, APP).sync(commands, { devGuildId: '300000000000000003' });
    await expect(sync).rejects.toThrow(CommandsModuleError);
    await expect(new CommandRegistrar(discord, APP).sync(commands, { devGuildId: '300000000000000003' })).rejects.toThrow(
      'devGuildId puts every command in guild 300000000000000003, where /config would be registered twice (Config and Partner.partner). Rename one, or sync without devGuildId.',
    );
    expect(discord.requests).toEqual([]);
    await new CommandRegistrar(discord, APP).sync(commands);
    expect(discord.requests).toEqual(['GET global', `GET ${GUILD}`, 'PUT global config', `PUT ${GUILD} config`]);
  });
});
