import { extractExamples, repoPath, typecheckExamples, type EntryPoints } from '../support/docs-examples';

// The guides use the whole package, so each one is checked against both public entry points.
const ENTRY_POINTS: EntryPoints = { ovenjs: repoPath('src', 'index.ts'), 'ovenjs/testing': repoPath('src', 'testing', 'index.ts') };

const GUIDES = ['builders.md', 'cache.md', 'client.md', 'commands.md', 'gateway.md', 'json.md', 'plugins.md', 'rest.md', '../README.md'];

describe.each(GUIDES)('%s', (guide) => {
  const examples = extractExamples(guide);

  it('has at least one checked example', () => {
    expect(examples.length).toBeGreaterThanOrEqual(1);
  });

  it('every example type-checks with the strict settings', () => {
    expect(typecheckExamples(guide, examples, ENTRY_POINTS)).toEqual([]);
  }, 120_000);
});

describe('extractExamples', () => {
  it('leaves out blocks fenced as ```ts fragment and keeps the others in order', () => {
    expect(extractExamples('../test/docs/fixtures/fragment.md')).toEqual(['export const checked = 1;\n', 'export const alsoChecked = 2;\n']);
  });
});
