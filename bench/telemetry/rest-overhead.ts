import { RestClient } from '../../src/rest';
import { instrumentRest } from '../../src/telemetry';
import { Child } from '../proxy/child';
import type { FakeCommand } from '../proxy/fake-process';
import { requestMix, type World } from '../proxy/request-mix';
import { median, variants, type Variant } from './variants';

export interface RestOverhead {
  requests: number;
  rounds: number;
  byVariant: Record<string, { requestsPerSecond: number[]; cpuMicrosPerRequest: number[] }>;
  /** Per variant: median over rounds of (variant / baseline), both measured back to back. */
  throughputRatio: Record<string, number>;
  cpuRatio: Record<string, number>;
  /** Per variant: the per-round CPU ratios, whose spread says how far one figure can be trusted. */
  cpuRatiosPerRound: Record<string, number[]>;
  /** Per variant: least CPU per request over the rounds / the baseline's least (the least disturbed rounds). */
  bestCpuRatio: Record<string, number>;
}

/** Not telemetry: one middleware that only awaits next(), to tell the chain's cost from the instrument's. */
const EMPTY_MIDDLEWARE: Variant = {
  name: 'empty middleware (no telemetry)',
  telemetry: () => undefined,
  recorded: () => ({ spans: 0, measurements: 0 }),
  reset: () => undefined,
};

async function run(world: World, variant: Variant, count: number): Promise<{ rps: number; cpu: number }> {
  const rest = new RestClient({ token: world.token, baseURL: world.restUrl, globalRequestsPerSecond: 100_000 });
  const telemetry = variant.telemetry();
  const detach = telemetry === undefined ? undefined : instrumentRest(rest, telemetry);
  if (variant === EMPTY_MIDDLEWARE) rest.use(async (_ctx, next) => next(), 'empty');
  try {
    await rest.get('/users/@me');
    variant.reset();
    const calls = requestMix(world, count);
    const cpu = process.cpuUsage();
    const start = performance.now();
    await Promise.all(calls.map((call) => rest.request(call.method, call.route, call.body === undefined ? {} : { body: call.body })));
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    if (telemetry !== undefined && variant.recorded().spans !== 0 && variant.recorded().spans !== count) {
      throw new Error(`${variant.name}: ${variant.recorded().spans} spans for ${count} requests`);
    }
    return { rps: (count / ms) * 1000, cpu: (used.user + used.system) / count };
  } finally {
    detach?.();
    await rest.close();
  }
}

/**
 * REST calls through one RestClient, with and without `instrumentRest`, against the fake Discord
 * in its own process (limits off): the client's throughput and its CPU per request.
 */
export async function restOverhead(count: number, rounds: number): Promise<RestOverhead> {
  const fake = new Child<FakeCommand>('fake-process.ts', 'fake');
  try {
    const world = await fake.ask<World>({ cmd: 'start', options: { port: 0, rateLimits: false, recordRequests: 0 }, channels: 50, guilds: 10 });
    const all = [...variants(), EMPTY_MIDDLEWARE];
    for (const variant of all) await run(world, variant, count);
    const byVariant: RestOverhead['byVariant'] = {};
    for (let round = 0; round < rounds; round += 1) {
      for (const variant of round % 2 === 0 ? all : [...all].reverse()) {
        const { rps, cpu } = await run(world, variant, count);
        const entry = (byVariant[variant.name] ??= { requestsPerSecond: [], cpuMicrosPerRequest: [] });
        entry.requestsPerSecond.push(rps);
        entry.cpuMicrosPerRequest.push(cpu);
      }
    }
    const baseline = byVariant[all[0]!.name]!;
    const throughputRatio: Record<string, number> = {};
    const cpuRatio: Record<string, number> = {};
    const cpuRatiosPerRound: Record<string, number[]> = {};
    const bestCpuRatio: Record<string, number> = {};
    for (const variant of all.slice(1)) {
      const entry = byVariant[variant.name]!;
      throughputRatio[variant.name] = median(entry.requestsPerSecond.map((value, round) => value / baseline.requestsPerSecond[round]!));
      cpuRatiosPerRound[variant.name] = entry.cpuMicrosPerRequest.map((value, round) => value / baseline.cpuMicrosPerRequest[round]!);
      cpuRatio[variant.name] = median(cpuRatiosPerRound[variant.name]!);
      bestCpuRatio[variant.name] = Math.min(...entry.cpuMicrosPerRequest) / Math.min(...baseline.cpuMicrosPerRequest);
    }
    return { requests: count, rounds, byVariant, throughputRatio, cpuRatio, cpuRatiosPerRound, bestCpuRatio };
  } finally {
    await fake.stop();
  }
}
