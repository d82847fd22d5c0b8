import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import type { PluginPermission } from '../manifest/permissions';

/** One thing the audit found in a plugin's source. */
export interface AuditFinding {
  /** Path relative to the plugin folder. */
  readonly file: string;
  readonly line: number;
  readonly rule: 'forbidden-module' | 'unpermitted-module' | 'eval' | 'dynamic-require' | 'process-internals';
  readonly detail: string;
}

// Modules no permission unlocks: each gives a way out of any sandbox (new processes, new
// isolates, the inspector, native addons, raw V8 flags).
const FORBIDDEN = new Set(['child_process', 'cluster', 'worker_threads', 'vm', 'inspector', 'v8', 'module', 'repl']);
const NEEDS: Readonly<Record<string, PluginPermission>> = {
  fs: 'fs:read',
  'fs/promises': 'fs:read',
  net: 'net',
  http: 'net',
  https: 'net',
  http2: 'net',
  dgram: 'net',
  dns: 'net',
  tls: 'net',
};
const SOURCE_EXTENSIONS = new Set(['.js', '.cjs', '.mjs']);

/** Replaces comments with spaces (keeping line breaks) so commented-out code is not flagged. */
function stripComments(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, (block) => block.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:\\'"`])\/\/[^\n]*/g, (_, lead: string) => lead);
}

function lineAt(source: string, index: number): number {
  return source.slice(0, index).split('\n').length;
}

/**
 * Scans one file for what a plugin should not do without saying so: forbidden modules, modules
 * its permissions do not cover, `eval`/`new Function`, `require` with a computed name (which
 * would hide the rest), and `process.binding`/`process.dlopen`. A regular-expression scan, not a
 * parser: it catches honest mistakes and plain attempts, not determined obfuscation (see
 * docs/plugins.md).
 */
export function auditSource(file: string, source: string, permissions: ReadonlySet<string>): AuditFinding[] {
  const code = stripComments(source);
  const findings: AuditFinding[] = [];
  const specifier = /\brequire\s*\(\s*(['"`])([^'"`]+)\1\s*\)|\bimport\s*\(\s*(['"`])([^'"`]+)\3\s*\)|\b(?:import|export)\s[^'"`;]*?from\s*(['"])([^'"]+)\5|\bimport\s*(['"])([^'"]+)\7/g;
  for (const match of code.matchAll(specifier)) {
    const raw = match[2] ?? match[4] ?? match[6] ?? match[8] ?? '';
    const name = raw.replace(/^node:/, '');
    const line = lineAt(code, match.index ?? 0);
    if (FORBIDDEN.has(name)) {
      findings.push({ file, line, rule: 'forbidden-module', detail: `imports "${raw}", which no permission allows` });
    } else if (name in NEEDS) {
      const needed = NEEDS[name] as PluginPermission;
      if (!permissions.has(needed) && !(needed === 'fs:read' && permissions.has('fs:write'))) {
        findings.push({ file, line, rule: 'unpermitted-module', detail: `imports "${raw}" without the "${needed}" permission` });
      }
    }
  }
  for (const match of code.matchAll(/\beval\s*\(|\bnew\s+Function\s*\(|\bFunction\s*\(\s*['"`]/g)) {
    findings.push({ file, line: lineAt(code, match.index ?? 0), rule: 'eval', detail: `uses ${match[0].replace(/\s*\($/, '')} to run code from a string` });
  }
  for (const match of code.matchAll(/\brequire\s*\(\s*(?!['"`][^'"`]+['"`]\s*\))[^)]/g)) {
    findings.push({ file, line: lineAt(code, match.index ?? 0), rule: 'dynamic-require', detail: 'calls require with a computed name' });
  }
  for (const match of code.matchAll(/\bprocess\s*\.\s*(binding|_linkedBinding|dlopen)\b/g)) {
    findings.push({ file, line: lineAt(code, match.index ?? 0), rule: 'process-internals', detail: `uses process.${match[1]}` });
  }
  return findings;
}

async function sourceFiles(root: string, dir = root): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      // A plugin's own dependencies are audited by their own publishers' tooling, not here;
      // but a sandboxed plugin cannot load them anyway (see the worker's module gate).
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) files.push(...(await sourceFiles(root, path)));
    } else if (SOURCE_EXTENSIONS.has(extname(entry.name))) {
      files.push(path);
    }
  }
  return files.sort();
}

/**
 * Audits every `.js`, `.cjs` and `.mjs` file of a plugin folder before anything of it is loaded.
 *
 * @example
 * ```ts
 * const findings = await auditPlugin('/app/plugins/tickets', new Set(['messages:send']));
 * for (const f of findings) console.warn(`${f.file}:${f.line} ${f.detail}`);
 * ```
 */
export async function auditPlugin(root: string, permissions: ReadonlySet<string>): Promise<AuditFinding[]> {
  const findings: AuditFinding[] = [];
  for (const file of await sourceFiles(root)) {
    findings.push(...auditSource(relative(root, file), await readFile(file, 'utf8'), permissions));
  }
  return findings;
}

/** `file:line detail` per finding, for registry reasons and warnings. */
export function formatFindings(findings: readonly AuditFinding[]): string {
  return findings.map((f) => `${f.file}:${f.line} ${f.detail}`).join('; ');
}
