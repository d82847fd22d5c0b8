#!/usr/bin/env node
import { CliRegistry } from './cli-registry';
import { fakeDiscordCommand } from './commands/fake-discord-command';
import { restProxyCommand } from './commands/rest-proxy-command';
import { commandsCliCommand } from '../commands';

/** Every `ovenjs` subcommand; adding one is one more `.register(...)`. */
export const cliRegistry = new CliRegistry().register(fakeDiscordCommand).register(commandsCliCommand).register(restProxyCommand);

async function main(): Promise<void> {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    process.exitCode = await cliRegistry.run(process.argv.slice(2), {
      stdout: (line) => process.stdout.write(`${line}\n`),
      stderr: (line) => process.stderr.write(`${line}\n`),
      signal: controller.signal,
    });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
