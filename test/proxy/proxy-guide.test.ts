import { extractExamples, repoPath, typecheckExamples } from '../support/docs-examples';

// docs/proxy.md is checked here until test/docs/guides.test.ts lists it with the other guides.
describe('docs/proxy.md', () => {
  const examples = extractExamples('proxy.md');

  it('has checked examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });

  it('every example type-checks with the strict settings', () => {
    expect(
      typecheckExamples('proxy.md', examples, { ovenjs: repoPath('src', 'index.ts'), 'ovenjs/testing': repoPath('src', 'testing', 'index.ts') }),
    ).toEqual([]);
  }, 120_000);
});
