import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { HookManager } from '../../src/hooks';

const OPS = 500_000;
const ROUNDS = 5;

interface Payload {
  readonly store: string;
  readonly key: string;
  readonly hit: boolean;
  value: unknown;
}

type Handler = (payload: Payload) => Payload | undefined;

/** Three handlers a bot might hang on a cache read: a no-op, a rewrite, a counter. */
function handlers(counter: { reads: number }): Handler[] {
  return [
    () => undefined,
    (payload) => (payload.hit ? { ...payload, value: payload.value } : undefined),
    () => {
      counter.reads++;
      return undefined;
    },
  ];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Nanoseconds per operation, median of ROUNDS after a warm-up round. */
function nsPerOp(run: (payload: Payload) => unknown): number {
  const payload: Payload = { store: 'guilds', key: '42', hit: true, value: { name: 'Bakery' } };
  const rounds: number[] = [];
  for (let round = 0; round <= ROUNDS; round++) {
    const start = performance.now();
    for (let op = 0; op < OPS; op++) run(payload);
    if (round > 0) rounds.push(((performance.now() - start) * 1e6) / OPS);
  }
  return median(rounds);
}

/**
 * The cost of a waterfall hook point (`afterCacheGet`, run with `executeSync` as the cache does)
 * against the baseline of calling the same three functions in a plain loop, with no handler, and
 * with tracing on for that point. Ratios, same run.
 */
export async function main(): Promise<void> {
  const counter = { reads: 0 };
  const plain = handlers(counter);
  const baseline = nsPerOp((payload) => {
    let current = payload;
    for (const handler of plain) current = handler(current) ?? current;
    return current;
  });

  const empty = new HookManager();
  const none = nsPerOp((payload) => empty.executeSync('afterCacheGet', payload));

  const hooks = new HookManager();
  for (const handler of handlers(counter)) hooks.register('afterCacheGet', handler);
  const three = nsPerOp((payload) => hooks.executeSync('afterCacheGet', payload));

  const traced = new HookManager({ trace: ['afterCacheGet'], traceLimit: 10 });
  for (const handler of handlers(counter)) traced.register('afterCacheGet', handler);
  const tracing = nsPerOp((payload) => traced.executeSync('afterCacheGet', payload));

  const rows = {
    'plain loop over 3 functions (baseline)': { ns: baseline.toFixed(0), ratio: '1.00' },
    'hook point, no handlers': { ns: none.toFixed(0), ratio: (none / baseline).toFixed(2) },
    'hook point, 3 handlers': { ns: three.toFixed(0), ratio: (three / baseline).toFixed(2) },
    'hook point, 3 handlers, traced': { ns: tracing.toFixed(0), ratio: (tracing / baseline).toFixed(2) },
  };
  console.table(rows);
  // Every path ran every handler: the counter proves no variant skipped work.
  if (counter.reads !== 3 * (ROUNDS + 1) * OPS) throw new Error(`handlers ran ${counter.reads} times, expected ${3 * (ROUNDS + 1) * OPS}`);
  const dir = join(__dirname, '..', '..', '.bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'hooks.json'), `${JSON.stringify({ at: new Date().toISOString(), opsPerRound: OPS, rows }, null, 2)}\n`);
}
