import { extractExamples, runExample, repoPath, typecheckExamples, type EntryPoints } from '../support/docs-examples';

const ENTRY_POINTS: EntryPoints = { ovenjs: repoPath('test', 'state', 'docs-entry.ts') };

describe('docs/state.md', () => {
  const examples = extractExamples('state.md');

  it('has examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(8);
  });

  it('every example type-checks with the strict settings', () => {
    expect(typecheckExamples('state.md', examples, ENTRY_POINTS)).toEqual([]);
  });

  it.each(examples.map((code, index) => [index + 1, code] as const))('example %i runs and its assertions hold', async (_index, code) => {
    await runExample(code, ENTRY_POINTS);
  });
});
