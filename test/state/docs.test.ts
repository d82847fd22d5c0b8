import { extractExamples, runExample, typecheckExamples } from './docs-examples';

describe('docs/state.md', () => {
  const examples = extractExamples('state.md');

  it('has examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(8);
  });

  it('every example type-checks with the strict settings', () => {
    expect(typecheckExamples('state.md', examples)).toEqual([]);
  });

  it.each(examples.map((code, index) => [index + 1, code] as const))('example %i runs and its assertions hold', async (_index, code) => {
    await runExample(code);
  });
});
