import { performance } from 'node:perf_hooks';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';

/** Median of the rounds' nanoseconds per operation; the first round warms the JIT and is dropped. */
export async function nsPerOp(rounds: number, ops: number, body: () => unknown): Promise<number> {
  const samples: number[] = [];
  for (let round = 0; round <= rounds; round += 1) {
    const start = performance.now();
    await body();
    const ns = ((performance.now() - start) * 1e6) / ops;
    if (round > 0) samples.push(ns);
  }
  return median(samples);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

// `npm run bench` runs without --expose-gc; turning the flag on at run time and fetching `gc`
// from a fresh context is the documented way to get it afterwards.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** Heap bytes retained by what `build` returns, measured after full collections. */
export function retainedBytes(build: () => unknown): number {
  collect();
  collect();
  const before = process.memoryUsage().heapUsed;
  const kept = build();
  collect();
  collect();
  const after = process.memoryUsage().heapUsed;
  // Keep `kept` alive until after the second measurement.
  if (kept === undefined) throw new Error('build() must return what it built');
  return after - before;
}

/** `retainedBytes` for structures filled asynchronously (through the Cache façade). */
export async function retainedBytesAsync(build: () => Promise<unknown>): Promise<number> {
  collect();
  collect();
  const before = process.memoryUsage().heapUsed;
  const kept = await build();
  collect();
  collect();
  const after = process.memoryUsage().heapUsed;
  if (kept === undefined) throw new Error('build() must return what it built');
  return after - before;
}
