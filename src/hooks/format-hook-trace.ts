import type { HookTrace } from './hook-trace';

function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * A trace as readable lines, for a debug log: the chain in run order, each handler's owner,
 * priority, time, outcome and what it changed.
 *
 * @example
 * ```ts
 * const hooks = new HookManager({ trace: true });
 * hooks.onTrace((trace) => console.debug(formatHookTrace(trace)));
 * // beforeAPICall (waterfall) completed in 0.21 ms
 * //   1. addReason [audit, priority 10] 0.05 ms continued
 * //        headers["X-Audit-Log-Reason"]: undefined -> "cleanup"
 * ```
 */
export function formatHookTrace(trace: HookTrace): string {
  const lines = [`${trace.hook} (${trace.kind}) ${trace.outcome} in ${trace.durationMs.toFixed(2)} ms`];
  trace.steps.forEach((step, index) => {
    const owner = step.owner === undefined ? `priority ${step.priority}` : `${step.owner}, priority ${step.priority}`;
    lines.push(`  ${index + 1}. ${step.handler} [${owner}] ${step.durationMs.toFixed(2)} ms ${step.outcome}${step.error === undefined ? '' : `: ${step.error}`}`);
    for (const change of step.changes) lines.push(`       ${change.path || '(payload)'}: ${show(change.before)} -> ${show(change.after)}`);
  });
  if (trace.steps.length === 0) lines.push('  (no handlers)');
  return lines.join('\n');
}
