import { OvenError } from '../errors';
import type { CliCommand, CliContext } from './cli-command';
import { CliError } from './cli-error';
import { commandUsage, overallUsage } from './cli-usage';
import { parseArguments } from './parse-arguments';

const HELP_FLAGS: ReadonlySet<string> = new Set(['--help', '-h']);

/**
 * The subcommands of `ovenjs` and the dispatcher that runs one from argv. `ovenjs --help` lists
 * every command, `ovenjs <command> --help` (or `-h`, or `ovenjs help <command>`) shows one.
 * A bad command line exits 2 with the problem and the command's options; a typed error from a
 * running command (a busy port, say) is printed as `CODE: message` and exits 1.
 *
 * @example
 * ```ts
 * const registry = new CliRegistry().register(fakeDiscordCommand);
 * process.exitCode = await registry.run(process.argv.slice(2), context);
 * ```
 */
export class CliRegistry {
  private readonly commands = new Map<string, CliCommand>();

  public register(command: CliCommand): this {
    if (this.commands.has(command.name)) {
      throw new CliError('OVEN_ERR_CLI_DUPLICATE_COMMAND', `A CLI command named "${command.name}" is already registered; pick another name.`);
    }
    this.commands.set(command.name, command);
    return this;
  }

  /** Every command with its options. */
  public usage(): string {
    return overallUsage([...this.commands.values()]);
  }

  /** One command's usage line, summary and options. */
  public commandUsage(name: string): string {
    return commandUsage(this.command(name));
  }

  /** Runs the subcommand named by `argv[0]`; usage errors print the help and give exit code 2. */
  public async run(argv: readonly string[], context: CliContext): Promise<number> {
    const [name, ...rest] = argv;
    if (name === undefined) {
      context.stderr(this.usage());
      return 2;
    }
    let command: CliCommand | undefined;
    try {
      if (name === 'help' || HELP_FLAGS.has(name)) {
        const topic = name === 'help' ? rest[0] : undefined;
        context.stdout(topic === undefined ? this.usage() : this.commandUsage(topic));
        return 0;
      }
      command = this.command(name);
      if (rest.some((token) => HELP_FLAGS.has(token))) {
        context.stdout(commandUsage(command));
        return 0;
      }
      return await command.run(parseArguments(command, rest), context);
    } catch (error) {
      if (error instanceof CliError) {
        context.stderr(`${error.code}: ${error.message}`);
        context.stderr('');
        context.stderr(command === undefined ? this.usage() : commandUsage(command));
        return 2;
      }
      // A typed error names what went wrong and the fix: its stack would bury that.
      if (error instanceof OvenError) {
        context.stderr(`${error.code}: ${error.message}`);
        return 1;
      }
      throw error;
    }
  }

  private command(name: string): CliCommand {
    const command = this.commands.get(name);
    if (command === undefined) {
      throw new CliError('OVEN_ERR_CLI_UNKNOWN_COMMAND', `Unknown command "${name}"; known commands: ${[...this.commands.keys()].join(', ')}.`);
    }
    return command;
  }
}
