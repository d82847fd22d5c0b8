import { extractExamples, runExample, typecheckExamples } from './docs-examples';

describe('docs/di.md', () => {
  const examples = extractExamples('di.md');

  it('has examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(7);
  });

  it('every example type-checks with the strict settings', () => {
    expect(typecheckExamples('di.md', examples)).toEqual([]);
  });

  it.each(examples.map((code, index) => [index + 1, code] as const))('example %i runs and its assertions hold', async (_index, code) => {
    await runExample(code);
  });
});
