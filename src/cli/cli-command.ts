/** One option a subcommand accepts (`--port 8080`, `--verbose`). */
export interface CliOption {
  readonly type: 'string' | 'number' | 'boolean';
  readonly description: string;
  /** Printed in the help; the command applies its own default. */
  readonly defaultText?: string;
}

/** Parsed option values by option name. */
export type CliArguments = Readonly<Record<string, string | number | boolean | undefined>>;

/** Where a command writes, and the signal that asks a long-running command to stop. */
export interface CliContext {
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
  /** Aborted on SIGINT/SIGTERM; long-running commands shut down and resolve. */
  readonly signal: AbortSignal;
}

/**
 * A subcommand of `ovenjs`. Adding one is a single `registry.register(myCommand)` line in
 * `src/cli/main.ts`.
 *
 * @example
 * ```ts
 * export const helloCommand: CliCommand = {
 *   name: 'hello',
 *   summary: 'Prints a greeting',
 *   options: { name: { type: 'string', description: 'who to greet' } },
 *   async run(args, context) { context.stdout(`hello ${String(args.name ?? 'world')}`); return 0; },
 * };
 * ```
 */
export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  readonly options: Readonly<Record<string, CliOption>>;
  /** Resolves with the process exit code. */
  run(args: CliArguments, context: CliContext): Promise<number>;
}
