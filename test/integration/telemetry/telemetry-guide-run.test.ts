import { extractExamples, repoPath, runExample, type EntryPoints } from '../../support/docs-examples';

const ENTRY_POINTS: EntryPoints = { ovenjs: repoPath('src', 'index.ts'), 'ovenjs/testing': repoPath('src', 'testing', 'index.ts') };

describe('docs/telemetry.md against the fake Discord', () => {
  it('the "your own tracer" example runs: one GET /users/@me span with status 200', async () => {
    const example = extractExamples('telemetry.md').find((code) => code.includes('class PrintingTracer'));
    expect(example).toBeDefined();
    // The example throws if its tracer did not see exactly that span.
    await runExample(example as string, ENTRY_POINTS);
  }, 30_000);
});
