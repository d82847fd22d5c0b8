import { formatHookTrace, type HookTrace } from '../../src/hooks';

describe('formatHookTrace', () => {
  it('lists each handler with owner, priority, time, outcome and changes', () => {
    const trace: HookTrace = {
      hook: 'beforeAPICall',
      kind: 'waterfall',
      startedAt: 0,
      durationMs: 1.234,
      outcome: 'failed',
      changes: [],
      steps: [
        { handler: 'addReason', owner: 'plugin:audit', priority: 10, durationMs: 0.5, outcome: 'continued', changes: [{ path: 'headers["X"]', before: undefined, after: 'y' }] },
        { handler: 'broken', owner: undefined, priority: 0, durationMs: 0.25, outcome: 'failed', changes: [], error: 'nope' },
      ],
    };
    expect(formatHookTrace(trace)).toBe(
      [
        'beforeAPICall (waterfall) failed in 1.23 ms',
        '  1. addReason [plugin:audit, priority 10] 0.50 ms continued',
        '       headers["X"]: undefined -> "y"',
        '  2. broken [priority 0] 0.25 ms failed: nope',
      ].join('\n'),
    );
  });

  it('says when no handler ran', () => {
    expect(formatHookTrace({ hook: 'shardClose', kind: 'parallel', startedAt: 0, durationMs: 0, outcome: 'completed', changes: [], steps: [] })).toBe(
      'shardClose (parallel) completed in 0.00 ms\n  (no handlers)',
    );
  });
});
