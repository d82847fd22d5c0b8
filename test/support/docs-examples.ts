import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');

/**
 * What the package names in an example (`'ovenjs'`, `'ovenjs/testing'`) resolve to, as absolute
 * paths. A guide maps them to the faces it uses rather than the whole package, which keeps each
 * check to one small program (type-checking all of src per guide would be slow).
 */
export type EntryPoints = Readonly<Record<string, string>>;

/** A path from the repository root, for {@link EntryPoints}. */
export function repoPath(...segments: string[]): string {
  return join(ROOT, ...segments);
}

/**
 * The ```ts blocks of a markdown file, in order. `docName` is relative to docs/ (`'di.md'`, or
 * `'../README.md'` for the README). A block fenced as ```ts fragment is a deliberately partial
 * snippet (one call shown out of context) and is left out.
 */
export function extractExamples(docName: string): string[] {
  const markdown = readFileSync(join(ROOT, 'docs', docName), 'utf8');
  return [...markdown.matchAll(/```ts([^\n]*)\n([\s\S]*?)```/g)]
    .filter((match) => !(match[1] ?? '').trim().split(/\s+/).includes('fragment'))
    .map((match) => match[2] ?? '');
}

/** Type-checks each example as its own module with the project's strict settings; returns the diagnostics. */
export function typecheckExamples(docName: string, examples: readonly string[], entryPoints: EntryPoints): string[] {
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.base.json'), (path) => ts.sys.readFile(path));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    baseUrl: ROOT,
    paths: Object.fromEntries(Object.entries(entryPoints).map(([name, path]) => [name, [path]])),
  };
  const files = new Map(examples.map((code, index) => [join(ROOT, 'docs', `${docName}.example-${index + 1}.ts`), code]));
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (path) => files.get(path) ?? readFile(path);
  host.fileExists = (path) => files.has(path) || fileExists(path);
  host.getSourceFile = (path, languageVersion, onError, shouldCreate) => {
    const code = files.get(path);
    return code === undefined ? getSourceFile(path, languageVersion, onError, shouldCreate) : ts.createSourceFile(path, code, languageVersion, true);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  return [...files.keys()].flatMap((path) => {
    const source = program.getSourceFile(path);
    const diagnostics = source === undefined ? [] : [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    return diagnostics.map((diagnostic) => {
      const position = diagnostic.start === undefined || source === undefined ? '' : `:${source.getLineAndCharacterOfPosition(diagnostic.start).line + 1}`;
      return `${path.slice(ROOT.length + 1)}${position}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    });
  });
}

/** Runs one example as a CommonJS module and awaits its exported `main()`, if any. */
export async function runExample(code: string, entryPoints: EntryPoints): Promise<void> {
  const output = ts.transpileModule(code, {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      esModuleInterop: true,
    },
  }).outputText;
  const module = { exports: {} as { main?: () => Promise<void> } };
  const load = (id: string): unknown => {
    const entry = entryPoints[id];
    return entry === undefined ? require(id) : require(entry);
  };
  new Function('require', 'module', 'exports', output)(load, module, module.exports);
  await module.exports.main?.();
}
