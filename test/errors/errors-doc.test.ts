import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '../..');
const DOC = join(ROOT, 'docs/errors.md');
const CODE = /['"`](OVEN_ERR_[A-Z0-9_]+)['"`]/g;

interface CodeUse {
  readonly code: string;
  readonly files: string[];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function collectCodes(): CodeUse[] {
  const uses = new Map<string, Set<string>>();
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    // Doc comments mention codes as examples; only code that names them counts.
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    for (const match of text.matchAll(CODE)) {
      const code = match[1] as string;
      const files = uses.get(code) ?? new Set<string>();
      files.add(relative(ROOT, file));
      uses.set(code, files);
    }
  }
  return [...uses.entries()]
    .map(([code, files]) => ({ code, files: [...files].sort() }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

function capabilityOf(file: string): string {
  const parts = file.split('/');
  return parts[1] === 'testing' && parts[2] === 'fake-discord' ? 'testing/fake-discord' : (parts[1] ?? '');
}

function renderErrorsMarkdown(codes: readonly CodeUse[]): string {
  const rows = codes.map(
    ({ code, files }) =>
      `| \`${code}\` | ${capabilityOf(files[0] as string)} | ${files.map((f) => `\`${f}\``).join('<br>')} |`,
  );
  return [
    '# Error codes',
    '',
    'Every error OvenJS throws on purpose is an `OvenError` with a stable `code`. Branch on the code,',
    'not on the message: messages improve, codes stay.',
    '',
    '```ts',
    "import { OvenError } from 'ovenjs';",
    '',
    'try {',
    '  await app.listen();',
    '} catch (error) {',
    "  if (error instanceof OvenError && error.code === 'OVEN_ERR_GATEWAY_AUTHENTICATION_FAILED') {",
    "    console.error('Check DISCORD_TOKEN:', error.message);",
    '  }',
    '  throw error;',
    '}',
    '```',
    '',
    'This table is generated from the source by `test/errors/errors-doc.test.ts`',
    '(`OVEN_UPDATE_DOCS=1 npx jest test/errors` rewrites it). Each message names what was wrong and',
    'the likely fix; the file is where the code is raised.',
    '',
    `${codes.length} codes.`,
    '',
    '| code | capability | raised in |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

describe('docs/errors.md', () => {
  it('lists every OVEN_ERR_* code the source raises, and nothing else', () => {
    const expected = renderErrorsMarkdown(collectCodes());
    if (process.env['OVEN_UPDATE_DOCS'] === '1') writeFileSync(DOC, expected);
    // When this fails after adding an error: OVEN_UPDATE_DOCS=1 npx jest test/errors
    expect(readFileSync(DOC, 'utf8')).toBe(expected);
  });

  it('finds codes in the source and keeps the capability of each', () => {
    const codes = collectCodes();
    const snowflake = codes.find((use) => use.code === 'OVEN_ERR_SNOWFLAKE_INVALID');
    expect(snowflake?.files).toEqual(['src/snowflake/invalid-snowflake.error.ts']);
    expect(codes.every((use) => /^OVEN_ERR_[A-Z0-9_]+$/.test(use.code))).toBe(true);
  });
});
