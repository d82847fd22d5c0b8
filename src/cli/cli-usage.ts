import type { CliCommand, CliOption } from './cli-command';

/** `--name <type>` as the help shows it. */
function optionLabel(name: string, option: CliOption): string {
  return option.type === 'boolean' ? `--${name}` : `--${name} <${option.type}>`;
}

/** Option lines with every description starting in one column, past the longest label. */
function optionLines(commands: readonly CliCommand[], indent: string): Map<CliCommand, string[]> {
  let width = 0;
  for (const command of commands) for (const [name, option] of Object.entries(command.options)) width = Math.max(width, optionLabel(name, option).length);
  const lines = new Map<CliCommand, string[]>();
  for (const command of commands) {
    lines.set(
      command,
      Object.entries(command.options).map(([name, option]) => {
        const fallback = option.defaultText === undefined ? '' : ` (default: ${option.defaultText})`;
        return `${indent}${optionLabel(name, option).padEnd(width + 2)}${option.description}${fallback}`;
      }),
    );
  }
  return lines;
}

/** `ovenjs --help`: every command with its options. */
export function overallUsage(commands: readonly CliCommand[]): string {
  const nameWidth = Math.max(14, ...commands.map((command) => command.name.length)) + 2;
  const options = optionLines(commands, '      ');
  const lines = ['Usage: ovenjs <command> [options]', '', 'Commands:'];
  for (const command of commands) {
    lines.push(`  ${command.name.padEnd(nameWidth)}${command.summary}`);
    lines.push(...(options.get(command) ?? []));
  }
  lines.push('', 'Run "ovenjs <command> --help" for one command.');
  return lines.join('\n');
}

/** `ovenjs <command> --help`. */
export function commandUsage(command: CliCommand): string {
  const options = optionLines([command], '  ').get(command) ?? [];
  return [`Usage: ovenjs ${command.name} [options]`, '', command.summary, ...(options.length === 0 ? [] : ['', 'Options:', ...options])].join('\n');
}
