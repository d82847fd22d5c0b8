import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Runs `script` in a child node with --allow-natives-syntax and returns what it printed with
 * `%DebugPrint`, by name: the script prints a marker string `@@name@@` and then the value to
 * name. What V8 makes of a value (a sliced string, an array's backing store, an object's address)
 * shows in no JavaScript API, so the decoder's memory tests ask V8 this way.
 */
export function debugPrints(script: string): Map<string, string> {
  // V8 prints through C stdio, whose buffered tail a pipe can lose at exit; a file keeps it all.
  const dir = mkdtempSync(join(tmpdir(), 'json-debug-print-'));
  const file = join(dir, 'out.txt');
  const fd = openSync(file, 'w');
  let stdout: string;
  try {
    const child = spawnSync(process.execPath, ['--allow-natives-syntax', '-r', 'ts-node/register/transpile-only', '-e', script], {
      cwd: resolve(__dirname, '../..'),
      stdio: ['ignore', fd, 'pipe'],
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`child node failed: ${child.stderr}`);
    stdout = readFileSync(file, 'utf8');
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
  const prints = new Map<string, string>();
  let name: string | undefined;
  for (const block of stdout.split('DebugPrint: ').slice(1)) {
    const marker = /@@(.*?)@@/.exec(block.slice(0, block.indexOf('\n')));
    if (marker !== null) {
      name = marker[1];
    } else if (name !== undefined) {
      prints.set(name, block);
      name = undefined;
    }
  }
  return prints;
}
