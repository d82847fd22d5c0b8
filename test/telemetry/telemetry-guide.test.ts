import { extractExamples, repoPath, typecheckExamples, type EntryPoints } from '../support/docs-examples';

// test/docs/guides.test.ts checks the other guides; this one is checked here until it joins that list.
const ENTRY_POINTS: EntryPoints = { ovenjs: repoPath('src', 'index.ts'), 'ovenjs/testing': repoPath('src', 'testing', 'index.ts') };
const GUIDE = 'telemetry.md';

describe('docs/telemetry.md', () => {
  const examples = extractExamples(GUIDE);

  it('has checked examples, and the @opentelemetry/api import only in a fragment', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
    expect(examples.some((code) => code.includes("from '@opentelemetry/api'"))).toBe(false);
  });

  it('every example type-checks with the strict settings, without @opentelemetry/api installed', () => {
    expect(typecheckExamples(GUIDE, examples, ENTRY_POINTS)).toEqual([]);
  }, 120_000);
});
