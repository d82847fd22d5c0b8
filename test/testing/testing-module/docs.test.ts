import { extractExamples, runExample, repoPath, typecheckExamples, type EntryPoints } from '../../support/docs-examples';

const ENTRY_POINTS: EntryPoints = { ovenjs: repoPath('src', 'di', 'index.ts'), 'ovenjs/testing': repoPath('src', 'testing', 'testing-module', 'index.ts') };

describe('docs/testing.md (testing module)', () => {
  const examples = extractExamples('testing.md').filter((code) => code.includes("from 'ovenjs/testing'") && !code.includes('FakeDiscord'));

  it('has the testing-module examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  it('every example type-checks with the strict settings', () => {
    expect(typecheckExamples('testing.md', examples, ENTRY_POINTS)).toEqual([]);
  });

  it.each(examples.map((code, index) => [index + 1, code] as const))('example %i runs and its assertions hold', async (_index, code) => {
    await runExample(code, ENTRY_POINTS);
  });
});
