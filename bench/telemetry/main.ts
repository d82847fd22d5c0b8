import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventOverhead } from './event-overhead';
import { restOverhead } from './rest-overhead';
import { median } from './variants';

/**
 * What instrumentation costs, as ratios to the same work without it, measured in the same run:
 * REST calls through `instrumentRest` and gateway dispatches through `instrumentEvents`, each
 * into no-op signals (OpenTelemetry's API without an SDK) and into in-memory recorders.
 */
export async function main(): Promise<void> {
  const rest = await restOverhead(3000, 9);
  console.log(`REST: ${rest.requests} requests at once through one RestClient, fake Discord in its own process (limits off), ${rest.rounds} rounds`);
  console.log(
    `  ${'variant'.padEnd(32)} ${'median req/s'.padStart(13)} ${'CPU us/req'.padStart(11)} ${'throughput x'.padStart(13)} ${'CPU x'.padStart(7)} ${'best CPU x'.padStart(11)}  CPU x per round`,
  );
  for (const [name, entry] of Object.entries(rest.byVariant)) {
    console.log(
      `  ${name.padEnd(32)} ${median(entry.requestsPerSecond).toFixed(0).padStart(13)} ${median(entry.cpuMicrosPerRequest).toFixed(1).padStart(11)} ` +
        `${(rest.throughputRatio[name] ?? 1).toFixed(2).padStart(13)} ${(rest.cpuRatio[name] ?? 1).toFixed(2).padStart(7)} ${(rest.bestCpuRatio[name] ?? 1).toFixed(2).padStart(11)}  ` +
        `${(rest.cpuRatiosPerRound[name] ?? []).map((ratio) => ratio.toFixed(2)).join(' ')}`,
    );
  }

  const events = await eventOverhead(20_000, 7);
  console.log(`Events: ${events.dispatches} MESSAGE_* dispatches through the Client's EventPipeline to one @OnEvent handler (DI app), ${events.rounds} rounds`);
  console.log(`  ${'handler'.padEnd(7)} ${'variant'.padEnd(30)} ${'median ns/dispatch'.padStart(19)} ${'x baseline'.padStart(11)}`);
  for (const [kind, byVariant] of Object.entries(events.nsPerDispatch)) {
    for (const [name, values] of Object.entries(byVariant)) {
      console.log(`  ${kind.padEnd(7)} ${name.padEnd(30)} ${median(values).toFixed(0).padStart(19)} ${(events.ratio[kind]?.[name] ?? 1).toFixed(2).padStart(11)}`);
    }
  }
  const baselineSync = median(events.nsPerDispatch.sync![Object.keys(events.nsPerDispatch.sync!).find((name) => name.startsWith('not'))!]!);
  const recorder = median(events.recorderAloneNs);
  console.log(`  the recording tracer + meter called directly, without OvenJS: ${recorder.toFixed(0)} ns per dispatch's worth of calls (${(recorder / baselineSync).toFixed(2)}x the sync baseline)`);
  mkdirSync(join(__dirname, '..', '..', '.bench-results'), { recursive: true });
  writeFileSync(join(__dirname, '..', '..', '.bench-results', 'telemetry.json'), `${JSON.stringify({ rest, events }, null, 2)}\n`);
}
