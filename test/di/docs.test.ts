import { extractExamples, runExample, repoPath, typecheckExamples, type EntryPoints } from '../support/docs-examples';

const ENTRY_POINTS: EntryPoints = { ovenjs: repoPath('src', 'di', 'index.ts'), 'ovenjs/testing': repoPath('src', 'testing', 'testing-module', 'index.ts') };

describe('docs/di.md', () => {
  const examples = extractExamples('di.md');

  it('has examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(7);
  });

  it('every example type-checks with the strict settings', () => {
    expect(typecheckExamples('di.md', examples, ENTRY_POINTS)).toEqual([]);
  });

  it.each(examples.map((code, index) => [index + 1, code] as const))('example %i runs and its assertions hold', async (_index, code) => {
    await runExample(code, ENTRY_POINTS);
  });
});
