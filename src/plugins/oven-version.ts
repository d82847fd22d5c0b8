import { readFileSync } from 'node:fs';
import { join } from 'node:path';

let cached: string | undefined;

/**
 * The running OvenJS version, which plugin manifests' `compatibility` ranges are checked against.
 * Read from package.json (two levels up both in `src/plugins` and in `dist/plugins`).
 */
export function ovenVersion(): string {
  cached ??= (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  return cached;
}
