import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..', '..');

// Examples import the package names a user would; here they mean the faces they exercise, so the
// check does not depend on other capabilities' work in progress.
const ENTRY_POINTS: Record<string, string> = {
  ovenjs: join(ROOT, 'src', 'rest', 'index.ts'),
  'ovenjs/testing': join(ROOT, 'src', 'testing', 'fake-discord', 'index.ts'),
};

/** The runnable ```ts blocks (those exporting `main`) of a doc that use the fake Discord. */
function examples(docName: string): string[] {
  const markdown = readFileSync(join(ROOT, 'docs', docName), 'utf8');
  return [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)]
    .map((match) => match[1] ?? '')
    .filter((code) => code.includes('FakeDiscord') && code.includes('export async function main'));
}

function typecheck(name: string, code: string): string[] {
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.base.json'), (path) => ts.sys.readFile(path));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    baseUrl: ROOT,
    paths: Object.fromEntries(Object.entries(ENTRY_POINTS).map(([id, path]) => [id, [path]])),
  };
  const file = join(ROOT, 'docs', `${name}.ts`);
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (path) => (path === file ? code : readFile(path));
  host.fileExists = (path) => path === file || fileExists(path);
  host.getSourceFile = (path, version, onError, create) => (path === file ? ts.createSourceFile(path, code, version, true) : getSourceFile(path, version, onError, create));
  const program = ts.createProgram([file], options, host);
  const source = program.getSourceFile(file);
  if (source === undefined) return [`${name}: not compiled`];
  return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map(
    (d) => `${name}:${d.start === undefined ? '' : source.getLineAndCharacterOfPosition(d.start).line + 1} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
  );
}

async function run(code: string): Promise<void> {
  const output = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
  const module = { exports: {} as { main?: () => Promise<void> } };
  const load = (id: string): unknown => require(ENTRY_POINTS[id] ?? id);
  new Function('require', 'module', 'exports', output)(load, module, module.exports);
  if (module.exports.main === undefined) throw new Error('example exports no main()');
  await module.exports.main();
}

describe.each(['testing.md', 'fake-discord.md'])('docs/%s (fake Discord examples)', (doc) => {
  const blocks = examples(doc);

  it('has runnable examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(1);
  });

  it.each(blocks.map((code, index) => [index + 1, code] as const))('example %i type-checks with the strict settings and runs', async (index, code) => {
    expect(typecheck(`${doc}.fake-example-${index}`, code)).toEqual([]);
    await run(code);
  });
});
