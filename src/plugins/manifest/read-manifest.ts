import { readFile } from 'node:fs/promises';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import type { ManifestProblem } from './manifest-problem';
import semver from 'semver';
import { PLUGIN_PERMISSIONS } from './permissions';
import { PLUGIN_NAME_PATTERN, PluginManifest } from './plugin-manifest';

/** A manifest read from disk: either valid, or the list of everything wrong with it. */
export type ManifestReadResult =
  | { readonly ok: true; readonly file: string; readonly manifest: PluginManifest }
  | { readonly ok: false; readonly file: string; readonly problems: readonly ManifestProblem[] };

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * For a rule that checks every entry of a map or list, one problem per bad entry
 * (`dependencies.storage`, `permissions[1]`), so a long list says which entry to fix.
 */
function entryProblems(file: string, field: string, rule: string, value: unknown): ManifestProblem[] | undefined {
  if (rule === 'isDependencyMap' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([name, range]): ManifestProblem[] => {
      if (!PLUGIN_NAME_PATTERN.test(name)) {
        return [{ file, field: `${field}.${name}`, expected: 'an npm-style plugin name as the key', received: JSON.stringify(name) }];
      }
      if (typeof range !== 'string' || semver.validRange(range) === null) {
        return [{ file, field: `${field}.${name}`, expected: 'a semver range such as "^2.0.0" or ">=1.2 <2"', received: show(range) }];
      }
      return [];
    });
  }
  const entryOk: Record<string, (entry: unknown) => boolean> = {
    isIn: (entry) => (PLUGIN_PERMISSIONS as readonly unknown[]).includes(entry),
    isString: (entry) => typeof entry === 'string',
  };
  const ok = entryOk[rule];
  if (ok === undefined || !Array.isArray(value)) return undefined;
  return value.flatMap((entry, index) => (ok(entry) ? [] : [{ file, field: `${field}[${index}]`, expected: '', received: show(entry) }]));
}

function flatten(file: string, errors: readonly ValidationError[], parent = ''): ManifestProblem[] {
  return errors.flatMap((error) => {
    const field = parent === '' ? error.property : `${parent}.${error.property}`;
    const own: ManifestProblem[] = [];
    const whole: string[] = [];
    for (const [rule, message] of Object.entries(error.constraints ?? {})) {
      const entries = entryProblems(file, field, rule, error.value);
      // class-validator's whitelist error is worded for developers of the schema, not of plugins.
      if (entries === undefined) whole.push(rule === 'whitelistValidation' ? 'no such field (check its spelling against docs/plugins.md)' : message);
      else own.push(...entries.map((entry) => (entry.expected === '' ? { ...entry, expected: message } : entry)));
    }
    if (whole.length > 0) own.unshift({ file, field, expected: whole.join(' and '), received: show(error.value) });
    return [...own, ...flatten(file, error.children ?? [], field)];
  });
}

function jsonPosition(text: string, error: unknown): string {
  const match = /position (\d+)/.exec(error instanceof Error ? error.message : '');
  if (match?.[1] === undefined) return 'invalid JSON';
  const before = text.slice(0, Number(match[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `invalid JSON at line ${line}, column ${column}`;
}

/**
 * Reads and validates one `plugin.json`. Never throws for a bad file: every problem comes back
 * with the file, the field and what was expected, so discovery can report all of them at once.
 *
 * @example
 * ```ts
 * const result = await readManifest('/app/plugins/tickets/plugin.json');
 * if (!result.ok) console.error(formatManifestProblems(result.problems));
 * ```
 */
export async function readManifest(file: string): Promise<ManifestReadResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ok: false,
      file,
      problems: [{ file, field: '', expected: 'a readable plugin.json next to the plugin', received: code ?? String(error) }],
    };
  }
  let raw: unknown;
  try {
    // Some Windows editors start UTF-8 files with a byte order mark, which JSON.parse refuses.
    raw = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    return { ok: false, file, problems: [{ file, field: '', expected: 'a JSON object', received: jsonPosition(text, error) }] };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, file, problems: [{ file, field: '', expected: 'a JSON object', received: show(raw) }] };
  }
  const manifest = plainToInstance(PluginManifest, raw);
  const errors = validateSync(manifest, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length > 0) return { ok: false, file, problems: flatten(file, errors) };
  return { ok: true, file, manifest };
}
