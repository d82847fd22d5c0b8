import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CommandsModuleError } from '../command-errors';
import { InteractionHandlerMark } from '../decorators/handler-marker';

/**
 * Loads the bot's entry file and returns every class that carries interaction decorators in the
 * files it loaded. TypeScript entries are loaded through ts-node (transpile only) when Node
 * cannot load them by itself.
 */
export function loadHandlerClasses(entry: string, cwd: string = process.cwd()): Function[] {
  const path = resolve(cwd, entry);
  if (!existsSync(path)) {
    throw new CommandsModuleError(`Entry file ${path} does not exist. Pass --entry with the file that imports your command classes.`);
  }
  if (path.endsWith('.ts') && require.extensions?.['.ts'] === undefined) registerTsNode(path);
  require(path);
  // Every interaction decorator marks its class when the file is evaluated (a class-level
  // @Command through its @Subcommand methods), so the mark's index is the list.
  return [...(InteractionHandlerMark.classes as ReadonlySet<Function>)];
}

function registerTsNode(path: string): void {
  try {
    const tsNode = require('ts-node') as { register(options: { transpileOnly: boolean }): unknown };
    tsNode.register({ transpileOnly: true });
  } catch {
    throw new CommandsModuleError(`${path} is TypeScript and ts-node is not installed. Install ts-node, or point --entry at the compiled .js file.`);
  }
}
