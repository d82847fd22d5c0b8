import { RestClient } from '../../rest';
import { CommandCatalog } from '../catalog/command-catalog';
import { CommandDefinitionError, CommandsModuleError } from '../command-errors';
import { CommandRegistrar, formatDiff, type RegistrationPlan } from '../registration/command-registrar';
import { routeRest } from '../rest/route-rest';
import { loadHandlerClasses } from './load-handler-classes';

/** The CLI's option shape, kept structural so this command plugs into `ovenjs`'s registry. */
interface CliOptionSpec {
  readonly type: 'string' | 'number' | 'boolean';
  readonly description: string;
  readonly defaultText?: string;
}

/** Where the command writes. */
export interface CommandsCliContext {
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
}

/**
 * `ovenjs commands`: prints the command JSON generated from your classes and, with a token and
 * application id, the diff against what Discord has. Nothing is sent unless `--apply` is given.
 *
 * @example
 * ```sh
 * ovenjs commands --entry src/main.ts --application-id 123 --token $DISCORD_TOKEN --guild 456
 * ```
 */
export const commandsCliCommand = {
  name: 'commands',
  summary: 'Print the slash-command JSON and the diff with Discord (dry run unless --apply)',
  options: {
    entry: { type: 'string', description: '(required) file that imports your command classes' },
    token: { type: 'string', description: 'bot token, to fetch and diff', defaultText: '$DISCORD_TOKEN' },
    'application-id': { type: 'string', description: 'application id', defaultText: '$DISCORD_APPLICATION_ID' },
    guild: { type: 'string', description: 'diff (and apply) in this development guild only' },
    api: { type: 'string', description: 'REST base URL, e.g. a fake Discord', defaultText: 'https://discord.com/api' },
    apply: { type: 'boolean', description: 'send the bulk overwrites that the diff calls for' },
  } satisfies Record<string, CliOptionSpec>,

  async run(args: Readonly<Record<string, string | number | boolean | undefined>>, context: CommandsCliContext): Promise<number> {
    const entry = args['entry'];
    if (typeof entry !== 'string') {
      context.stderr('ovenjs commands needs --entry <file>: the file that imports your command classes (e.g. src/main.ts).');
      return 2;
    }
    let catalog: CommandCatalog;
    try {
      catalog = CommandCatalog.fromClasses(loadHandlerClasses(entry));
    } catch (error) {
      if (error instanceof CommandDefinitionError || error instanceof CommandsModuleError) {
        context.stderr(`${error.code}: ${error.message}`);
        return 1;
      }
      throw error;
    }
    context.stdout(`# ${catalog.commands.length} command(s) from ${entry}`);
    for (const command of catalog.commands) {
      const where = command.guilds === undefined ? 'global' : `guilds ${command.guilds.join(', ')}`;
      context.stdout(`## ${command.json.name} (${command.source}, ${where})`);
      context.stdout(JSON.stringify(command.json, null, 2));
    }
    const token = typeof args['token'] === 'string' ? args['token'] : process.env['DISCORD_TOKEN'];
    const applicationId = typeof args['application-id'] === 'string' ? args['application-id'] : process.env['DISCORD_APPLICATION_ID'];
    if (token === undefined || applicationId === undefined) {
      context.stdout('# no diff: pass --token and --application-id (or set DISCORD_TOKEN and DISCORD_APPLICATION_ID) to compare with Discord');
      return 0;
    }
    const rest = new RestClient({ token, ...(typeof args['api'] === 'string' ? { baseURL: args['api'] } : {}) });
    try {
      const registrar = new CommandRegistrar(routeRest(rest), applicationId, (line) => context.stdout(line));
      const guild = typeof args['guild'] === 'string' ? args['guild'] : undefined;
      let plan: RegistrationPlan;
      try {
        plan = await registrar.plan(catalog.commands, guild === undefined ? {} : { devGuildId: guild });
      } catch (error) {
        if (!(error instanceof CommandsModuleError)) throw error;
        context.stderr(`${error.code}: ${error.message}`);
        return 1;
      }
      for (const scope of plan.scopes) {
        const where = scope.guildId === undefined ? 'global' : `guild ${scope.guildId}`;
        const lines = formatDiff(scope.diff);
        context.stdout(`# diff (${where}): ${lines.length === 0 ? 'up to date' : `${lines.length} change(s)`}`);
        for (const line of lines) context.stdout(line);
      }
      if (args['apply'] === true) await registrar.apply(plan);
      else if (plan.scopes.some((s) => s.changed)) context.stdout('# dry run: nothing was sent; add --apply to register');
      return 0;
    } finally {
      await rest.close();
    }
  },
};
