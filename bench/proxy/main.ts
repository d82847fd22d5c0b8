import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import type { FakeDiscordOptions } from '../../src/testing';
import type { BotCommand, BurstResult } from './bot-process';
import { Child } from './child';
import type { FakeCommand, FakeCounts } from './fake-process';
import type { ProxyCommand } from './proxy-process';
import { GLOBAL_LIMIT, requestMix, theoreticalMinimumMs, TIGHT_ROUTES, type World } from './request-mix';

const BOTS = 4;
const REDIS_URL = 'redis://127.0.0.1:6379';
/** Every Redis key of this run starts with it; deleted at the end. */
const REDIS_PREFIX = `bench:proxy:${process.pid}:`;
/** What bots behind a proxy use (docs/rest.md): the proxy waits for every limit, the client should not. */
const UNLIMITED = 'off';

type Mode = 'direct' | 'proxy' | 'two proxies + Redis';

interface Shape {
  channels: number;
  guilds: number;
}

interface RunResult {
  /** From the first bot's first request to the last bot's last answer. */
  ms: number;
  /** 429s Discord (the fake) answered during the burst. */
  tooMany: number;
  /** Requests that reached Discord during the burst (429s and retries included). */
  upstream: number;
  botCpuMicros: number;
  proxyCpuMicros: number;
  failed: number;
  requests: number;
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

class Bench {
  private readonly fake = new Child<FakeCommand>('fake-process.ts', 'fake');
  private readonly proxies = [new Child<ProxyCommand>('proxy-process.ts', 'proxy-a'), new Child<ProxyCommand>('proxy-process.ts', 'proxy-b')];
  private readonly bots = Array.from({ length: BOTS }, (_, index) => new Child<BotCommand>('bot-process.ts', `bot-${index}`));
  private runs = 0;

  public async run(mode: Mode, limitsOn: boolean, perBot: number, shape: Shape): Promise<RunResult> {
    this.runs += 1;
    const options: FakeDiscordOptions = limitsOn
      ? { port: 0, rateLimits: { global: GLOBAL_LIMIT, routes: TIGHT_ROUTES } }
      : { port: 0, rateLimits: false, recordRequests: 0 };
    const world = await this.fake.ask<World>({ cmd: 'start', options, ...shape });
    // A client talking to Discord keeps Discord's global limit itself; so does the proxy's.
    const limit = limitsOn ? GLOBAL_LIMIT.limit : 100_000;
    const used = mode === 'direct' ? [] : mode === 'proxy' ? this.proxies.slice(0, 1) : this.proxies;
    const apiUrls = await Promise.all(
      used.map((proxy) =>
        proxy
          .ask<{ apiUrl: string }>({
            cmd: 'start',
            upstream: world.restUrl,
            globalRequestsPerSecond: limit,
            ...(mode === 'two proxies + Redis' ? { redis: { url: REDIS_URL, prefix: `${REDIS_PREFIX}${this.runs}:` } } : {}),
          })
          .then((answer) => answer.apiUrl),
      ),
    );
    await Promise.all(
      this.bots.map((bot, index) =>
        bot.ask({
          cmd: 'prepare',
          baseURL: apiUrls.length === 0 ? world.restUrl : apiUrls[index % apiUrls.length]!,
          world,
          count: perBot,
          globalRequestsPerSecond: mode === 'direct' ? limit : UNLIMITED,
        }),
      ),
    );
    // The warm-up requests used some of the global window: start the burst in a fresh one.
    if (limitsOn) await sleep(1_100);
    const before = limitsOn ? await this.fake.ask<FakeCounts>({ cmd: 'counts' }) : { total: 0, tooMany: 0 };
    const proxyCpuBefore = await Promise.all(used.map((proxy) => proxy.ask<{ micros: number }>({ cmd: 'cpu' })));
    const bursts = await Promise.all(this.bots.map((bot) => bot.ask<BurstResult>({ cmd: 'burst' })));
    const proxyCpuAfter = await Promise.all(used.map((proxy) => proxy.ask<{ micros: number }>({ cmd: 'cpu' })));
    const after = limitsOn ? await this.fake.ask<FakeCounts>({ cmd: 'counts' }) : { total: 0, tooMany: 0 };
    await Promise.all([...this.bots.map((bot) => bot.ask({ cmd: 'close' })), ...used.map((proxy) => proxy.ask({ cmd: 'close' }))]);
    const failed = bursts.reduce((sum, burst) => sum + burst.failed, 0);
    if (failed > 0) console.log(`  (${mode}: ${failed} requests failed, e.g. ${bursts.find((burst) => burst.firstError)?.firstError ?? '?'})`);
    return {
      ms: Math.max(...bursts.map((burst) => burst.end)) - Math.min(...bursts.map((burst) => burst.start)),
      tooMany: after.tooMany - before.tooMany,
      upstream: after.total - before.total,
      botCpuMicros: bursts.reduce((sum, burst) => sum + burst.cpuMicros, 0),
      proxyCpuMicros: proxyCpuAfter.reduce((sum, cpu, index) => sum + cpu.micros - proxyCpuBefore[index]!.micros, 0),
      failed,
      requests: perBot * BOTS,
    };
  }

  /** Sequential requests of one bot: the hop's added latency with nothing queued. */
  public async latency(mode: 'direct' | 'proxy', count: number): Promise<{ medianMs: number; p95Ms: number }> {
    const world = await this.fake.ask<World>({ cmd: 'start', options: { port: 0, rateLimits: false, recordRequests: 0 }, channels: 1, guilds: 1 });
    const apiUrl = mode === 'proxy' ? (await this.proxies[0]!.ask<{ apiUrl: string }>({ cmd: 'start', upstream: world.restUrl, globalRequestsPerSecond: 100_000 })).apiUrl : undefined;
    const bot = this.bots[0]!;
    await bot.ask({ cmd: 'prepare', baseURL: apiUrl ?? world.restUrl, world, count: 0, globalRequestsPerSecond: mode === 'direct' ? 100_000 : UNLIMITED });
    const result = await bot.ask<{ medianMs: number; p95Ms: number }>({ cmd: 'latency', count });
    await bot.ask({ cmd: 'close' });
    if (mode === 'proxy') await this.proxies[0]!.ask({ cmd: 'close' });
    return result;
  }

  public async stop(): Promise<void> {
    await Promise.all([this.fake, ...this.proxies, ...this.bots].map((child) => child.stop()));
  }
}

async function redisAvailable(): Promise<boolean> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return true;
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

async function deleteRedisKeys(): Promise<void> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${REDIS_PREFIX}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}

const pad = (text: string | number, width: number): string => String(text).padStart(width);

export async function main(): Promise<void> {
  const bench = new Bench();
  const withRedis = await redisAvailable();
  const modes: Mode[] = withRedis ? ['direct', 'proxy', 'two proxies + Redis'] : ['direct', 'proxy'];
  if (!withRedis) console.log(`(Redis at ${REDIS_URL} is not reachable: the two-proxies row is skipped)`);
  const results: Record<string, unknown> = { bots: BOTS };
  try {
    // (a) Limits on: several processes of one bot bursting the same mix at tight limits.
    const onPerBot = 60;
    const onRounds = 3;
    const narrow: Shape = { channels: 5, guilds: 2 };
    // Ids stand in for the fake's: only which calls share a bucket matters.
    const ids = { channels: ['1', '2', '3', '4', '5'], guilds: ['6', '7'] };
    const minimum = theoreticalMinimumMs(Array.from({ length: BOTS }, () => requestMix(ids, onPerBot)).flat());
    const on: Record<string, RunResult[]> = {};
    for (let round = 0; round < onRounds; round += 1) {
      const order = round % 2 === 0 ? modes : [...modes].reverse();
      for (const mode of order) (on[mode] ??= []).push(await bench.run(mode, true, onPerBot, narrow));
    }
    console.log(
      `limits on: ${BOTS} bot processes x ${onPerBot} requests (5 channels, 2 guilds; global ${GLOBAL_LIMIT.limit}/s, messages 10/s, reads 5/0.5 s per channel or guild), ` +
        `${onRounds} rounds, theoretical minimum ${minimum} ms`,
    );
    console.log(`  ${'mode'.padEnd(22)} ${pad('429s (median)', 14)} ${pad('429s each round', 16)} ${pad('median ms', 10)} ${pad('vs min', 7)} ${pad('upstream reqs', 14)}`);
    for (const mode of modes) {
      const runs = on[mode]!;
      console.log(
        `  ${mode.padEnd(22)} ${pad(median(runs.map((r) => r.tooMany)), 14)} ${pad(runs.map((r) => r.tooMany).join(' '), 16)} ${pad(median(runs.map((r) => r.ms)).toFixed(0), 10)} ` +
          `${pad((median(runs.map((r) => r.ms)) / minimum).toFixed(2), 7)} ${pad(median(runs.map((r) => r.upstream)), 14)}`,
      );
    }
    const onRatios: Record<string, { tooMany: number; time: number }> = {};
    for (const mode of modes.slice(1)) {
      const direct = on.direct!;
      const runs = on[mode]!;
      const tooMany = median(runs.map((r) => r.tooMany)) / Math.max(1, median(direct.map((r) => r.tooMany)));
      // Paired by round: the two ran back to back, so other load on the machine hits both alike.
      const time = median(runs.map((r, round) => r.ms / direct[round]!.ms));
      onRatios[mode] = { tooMany, time };
      console.log(`  ${mode} / direct: 429s ${tooMany.toFixed(3)}x, total time ${time.toFixed(2)}x (median of per-round ratios)`);
    }
    results.limitsOn = { perBot: onPerBot, rounds: onRounds, theoreticalMinimumMs: minimum, runs: on, ratiosToDirect: onRatios };

    // (b) Limits off: what the extra hop costs in throughput and CPU.
    const offPerBot = 500;
    const offRounds = 5;
    const wide: Shape = { channels: 50, guilds: 10 };
    // One untimed run each first, so no mode pays the JIT warm-up inside a measured round.
    for (const mode of modes) await bench.run(mode, false, offPerBot, wide);
    const off: Record<string, RunResult[]> = {};
    for (let round = 0; round < offRounds; round += 1) {
      const order = round % 2 === 0 ? modes : [...modes].reverse();
      for (const mode of order) (off[mode] ??= []).push(await bench.run(mode, false, offPerBot, wide));
    }
    const rps = (run: RunResult): number => (run.requests / run.ms) * 1000;
    const cpuPerRequest = (run: RunResult): number => (run.botCpuMicros + run.proxyCpuMicros) / run.requests;
    console.log(`limits off: ${BOTS} bot processes x ${offPerBot} requests at once (50 channels, 10 guilds), ${offRounds} rounds`);
    console.log(`  ${'mode'.padEnd(22)} ${pad('median req/s', 13)} ${pad('bots CPU us/req', 16)} ${pad('proxy CPU us/req', 17)} ${pad('total CPU us/req', 17)}`);
    for (const mode of modes) {
      const runs = off[mode]!;
      console.log(
        `  ${mode.padEnd(22)} ${pad(median(runs.map(rps)).toFixed(0), 13)} ${pad(median(runs.map((r) => r.botCpuMicros / r.requests)).toFixed(1), 16)} ` +
          `${pad(median(runs.map((r) => r.proxyCpuMicros / r.requests)).toFixed(1), 17)} ${pad(median(runs.map(cpuPerRequest)).toFixed(1), 17)}`,
      );
    }
    const offRatios: Record<string, { throughput: number; throughputPerRound: number[]; cpu: number }> = {};
    for (const mode of modes.slice(1)) {
      const direct = off.direct!;
      const runs = off[mode]!;
      const perRound = runs.map((run, round) => rps(run) / rps(direct[round]!));
      const cpu = median(runs.map(cpuPerRequest)) / median(direct.map(cpuPerRequest));
      offRatios[mode] = { throughput: median(perRound), throughputPerRound: perRound, cpu };
      console.log(
        `  ${mode} / direct: throughput ${median(perRound).toFixed(2)}x (rounds ${perRound.map((r) => r.toFixed(2)).join(' ')}), client+proxy CPU per request ${cpu.toFixed(2)}x`,
      );
    }

    const latencyCount = 300;
    const latency: Record<'direct' | 'proxy', { medianMs: number; p95Ms: number }[]> = { direct: [], proxy: [] };
    for (let round = 0; round < 3; round += 1) {
      for (const mode of round % 2 === 0 ? (['direct', 'proxy'] as const) : (['proxy', 'direct'] as const)) latency[mode].push(await bench.latency(mode, latencyCount));
    }
    const latencyDirect = median(latency.direct.map((l) => l.medianMs));
    const latencyProxy = median(latency.proxy.map((l) => l.medianMs));
    console.log(
      `  one request at a time (1 bot, ${latencyCount} sequential GETs, 3 rounds): median ${latencyDirect.toFixed(3)} ms direct, ${latencyProxy.toFixed(3)} ms through the proxy ` +
        `(${(latencyProxy / latencyDirect).toFixed(2)}x, +${(latencyProxy - latencyDirect).toFixed(3)} ms)`,
    );
    results.limitsOff = { perBot: offPerBot, rounds: offRounds, runs: off, ratiosToDirect: offRatios, sequentialLatency: { count: latencyCount, ...latency } };
    mkdirSync(join(__dirname, '..', '..', '.bench-results'), { recursive: true });
    writeFileSync(join(__dirname, '..', '..', '.bench-results', 'proxy.json'), `${JSON.stringify(results, null, 2)}\n`);
  } finally {
    await bench.stop();
    if (withRedis) await deleteRedisKeys();
  }
}
