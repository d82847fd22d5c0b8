import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// The bench runs under ts-node without --expose-gc; this exposes it for heap measurements.
setFlagsFromString('--expose_gc');
const collect = runInNewContext('gc') as () => void;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Milliseconds taken by `fn`. */
export async function timeMs(fn: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Heap bytes still held after `build` returns, with garbage collected before and after. */
export async function retainedBytes<T>(build: () => Promise<T>, release: (value: T) => Promise<void>): Promise<number> {
  collect();
  collect();
  const before = process.memoryUsage().heapUsed;
  const value = await build();
  collect();
  collect();
  const after = process.memoryUsage().heapUsed;
  await release(value);
  return after - before;
}

/** Microseconds per call of `fn`, over `iterations` calls after a warm-up. */
export async function microsPerOp(iterations: number, fn: (index: number) => unknown): Promise<number> {
  for (let index = 0; index < Math.min(10_000, iterations); index++) await fn(index);
  const start = performance.now();
  for (let index = 0; index < iterations; index++) await fn(index);
  return ((performance.now() - start) * 1000) / iterations;
}
