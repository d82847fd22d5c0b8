import type { CliArguments, CliCommand } from './cli-command';
import { CliError } from './cli-error';

const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * Reads `--name value`, `--name=value` and bare `--flag` against the command's declared options;
 * anything undeclared or mistyped is a {@link CliError} naming the accepted options.
 */
export function parseArguments(command: CliCommand, argv: readonly string[]): CliArguments {
  const values: Record<string, string | number | boolean> = {};
  const accepted = Object.keys(command.options).map((name) => `--${name}`).join(', ') || 'none';
  for (let i = 0; i < argv.length; i += 1) {
    const token = argv[i] as string;
    if (!token.startsWith('--')) {
      throw new CliError('OVEN_ERR_CLI_BAD_ARGUMENT', `Unexpected argument "${token}" for "${command.name}"; options are ${accepted}.`);
    }
    const equals = token.indexOf('=');
    const name = token.slice(2, equals === -1 ? undefined : equals);
    const option = command.options[name];
    if (option === undefined) {
      throw new CliError('OVEN_ERR_CLI_BAD_ARGUMENT', `Unknown option --${name} for "${command.name}"; options are ${accepted}.`);
    }
    if (option.type === 'boolean') {
      const raw = equals === -1 ? 'true' : token.slice(equals + 1);
      if (raw !== 'true' && raw !== 'false') {
        throw new CliError('OVEN_ERR_CLI_BAD_ARGUMENT', `Option --${name} is a flag: give it alone, or as --${name}=true / --${name}=false, got "${raw}".`);
      }
      values[name] = raw === 'true';
      continue;
    }
    let raw: string | undefined = equals === -1 ? argv[i + 1] : token.slice(equals + 1);
    if (equals === -1) i += 1;
    if (raw === undefined || (equals === -1 && raw.startsWith('--'))) {
      throw new CliError('OVEN_ERR_CLI_BAD_ARGUMENT', `Option --${name} needs a ${option.type} value.`);
    }
    if (option.type === 'number') {
      // Decimal only: Number() would also take "0x10", "1e3", " 80" and "Infinity".
      const number = DECIMAL.test(raw) ? Number(raw) : Number.NaN;
      if (!Number.isFinite(number)) throw new CliError('OVEN_ERR_CLI_BAD_ARGUMENT', `Option --${name} needs a number, got "${raw}".`);
      values[name] = number;
    } else {
      values[name] = raw;
    }
    raw = undefined;
  }
  return values;
}
