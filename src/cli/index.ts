export { CliRegistry } from './cli-registry';
export { CliError } from './cli-error';
export type { CliErrorCode } from './cli-error';
export type { CliArguments, CliCommand, CliContext, CliOption } from './cli-command';
export { parseArguments } from './parse-arguments';
export { fakeDiscordCommand } from './commands/fake-discord-command';
