import { OvenError } from '../errors';

/** Codes of {@link CliError}. */
export type CliErrorCode = 'OVEN_ERR_CLI_UNKNOWN_COMMAND' | 'OVEN_ERR_CLI_BAD_ARGUMENT' | 'OVEN_ERR_CLI_DUPLICATE_COMMAND';

/**
 * A command line the CLI cannot run: unknown subcommand, unknown or malformed option. The message
 * says what was wrong and what is accepted; `main` prints it with the usage and exits with 2.
 *
 * @example
 * ```ts
 * throw new CliError('OVEN_ERR_CLI_BAD_ARGUMENT', '--port needs a number from 0 to 65535, got "abc".');
 * ```
 */
export class CliError extends OvenError {
  public constructor(code: CliErrorCode, message: string) {
    super(code, message);
  }
}
