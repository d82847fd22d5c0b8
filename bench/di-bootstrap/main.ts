import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OvenFactory } from '../../src/di';
import { buildGraphSpec } from './graph-spec';
import { median, microsPerOp, retainedBytes, timeMs } from './measure';
import { nestBootstrap, nestGraph, nestScopedApp } from './nest-graph';
import { ovenGraph, ovenScopedApp } from './oven-graph';

const BOOTSTRAP_RUNS = 15;
const MEMORY_RUNS = 3;
const SCOPED_OPS_OVEN = 200_000;
const SCOPED_OPS_NEST = 50_000;

/**
 * Builds the same synthetic graph (100 modules, 1,000 providers, depth 10; classes, factories and
 * values) with OvenJS and NestJS 11 in one run, alternating, and reports OvenJS / NestJS ratios
 * for bootstrap time and retained heap, plus the cost of one per-event scoped resolution.
 */
export async function main(): Promise<void> {
  const spec = buildGraphSpec();
  const ovenBoot = async (): Promise<number> => {
    const root = ovenGraph(spec);
    let close = async (): Promise<void> => undefined;
    const ms = await timeMs(async () => {
      const app = await OvenFactory.create(root);
      await app.init();
      close = () => app.close();
    });
    await close();
    return ms;
  };
  const nestBoot = async (): Promise<number> => {
    const root = nestGraph(spec);
    let close = async (): Promise<void> => undefined;
    const ms = await timeMs(async () => {
      close = (await nestBootstrap(root)).close;
    });
    await close();
    return ms;
  };

  for (let warm = 0; warm < 3; warm++) {
    await ovenBoot();
    await nestBoot();
  }
  const ovenTimes: number[] = [];
  const nestTimes: number[] = [];
  for (let run = 0; run < BOOTSTRAP_RUNS; run++) {
    ovenTimes.push(await ovenBoot());
    nestTimes.push(await nestBoot());
  }

  const ovenHeap: number[] = [];
  const nestHeap: number[] = [];
  for (let run = 0; run < MEMORY_RUNS; run++) {
    const ovenRoot = ovenGraph(spec);
    ovenHeap.push(
      await retainedBytes(
        async () => {
          const app = await OvenFactory.create(ovenRoot);
          await app.init();
          return app;
        },
        (app) => app.close(),
      ),
    );
    const nestRoot = nestGraph(spec);
    nestHeap.push(await retainedBytes(() => nestBootstrap(nestRoot), (app) => app.close()));
  }

  const ovenScoped = await ovenScopedApp();
  const ovenScopedMicros = await microsPerOp(SCOPED_OPS_OVEN, (index) => ovenScoped.resolveOnce({ index }));
  await ovenScoped.close();
  const nestScoped = await nestScopedApp();
  const nestScopedMicros = await microsPerOp(SCOPED_OPS_NEST, (index) => nestScoped.resolveOnce({ index }));
  await nestScoped.close();

  const results = {
    graph: { modules: spec.modules.length, providers: spec.providerCount, depth: 10 },
    bootstrapMs: { oven: median(ovenTimes), nest: median(nestTimes) },
    bootstrapRatio: median(ovenTimes) / median(nestTimes),
    retainedHeapBytes: { oven: median(ovenHeap), nest: median(nestHeap) },
    heapRatio: median(ovenHeap) / median(nestHeap),
    scopedResolutionMicros: { oven: ovenScopedMicros, nest: nestScopedMicros },
    scopedRatio: ovenScopedMicros / nestScopedMicros,
    targets: { bootstrapRatioAtMost: 0.5, scopedMicrosUnder: 5 },
  };
  const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
  console.table({
    'bootstrap (create + init), median': {
      OvenJS: `${results.bootstrapMs.oven.toFixed(1)} ms`,
      NestJS: `${results.bootstrapMs.nest.toFixed(1)} ms`,
      'OvenJS / NestJS': results.bootstrapRatio.toFixed(3),
      target: '<= 0.5',
    },
    'retained heap after bootstrap': {
      OvenJS: mb(results.retainedHeapBytes.oven),
      NestJS: mb(results.retainedHeapBytes.nest),
      'OvenJS / NestJS': results.heapRatio.toFixed(3),
      target: '',
    },
    'per-event scoped resolution': {
      OvenJS: `${ovenScopedMicros.toFixed(2)} us`,
      NestJS: `${nestScopedMicros.toFixed(2)} us`,
      'OvenJS / NestJS': results.scopedRatio.toFixed(3),
      target: 'OvenJS < 5 us',
    },
  });
  const folder = join(__dirname, '..', '..', '.bench-results');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'di-bootstrap.json'), `${JSON.stringify(results, null, 2)}\n`);
}
