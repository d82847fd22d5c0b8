import type { CliCommand, CliContext } from './cli-command';
import { CliError } from './cli-error';
import { parseArguments } from './parse-arguments';

/**
 * The subcommands of `ovenjs` and the dispatcher that runs one from argv.
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

  public usage(): string {
    const lines = ['Usage: ovenjs <command> [options]', '', 'Commands:'];
    for (const command of this.commands.values()) {
      lines.push(`  ${command.name.padEnd(16)}${command.summary}`);
      for (const [name, option] of Object.entries(command.options)) {
        const value = option.type === 'boolean' ? '' : ` <${option.type}>`;
        const fallback = option.defaultText === undefined ? '' : ` (default: ${option.defaultText})`;
        lines.push(`      --${`${name}${value}`.padEnd(20)}${option.description}${fallback}`);
      }
    }
    return lines.join('\n');
  }

  /** Runs the subcommand named by `argv[0]`; usage errors print the help and give exit code 2. */
  public async run(argv: readonly string[], context: CliContext): Promise<number> {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === 'help') {
      context.stdout(this.usage());
      return name === undefined ? 2 : 0;
    }
    try {
      const command = this.commands.get(name);
      if (command === undefined) {
        throw new CliError('OVEN_ERR_CLI_UNKNOWN_COMMAND', `Unknown command "${name}"; known commands: ${[...this.commands.keys()].join(', ')}.`);
      }
      return await command.run(parseArguments(command, rest), context);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      context.stderr(`${error.code}: ${error.message}`);
      context.stderr(this.usage());
      return 2;
    }
  }
}
