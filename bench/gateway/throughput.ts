import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { GatewayDispatchEvents, GatewayIntentBits } from 'discord-api-types/v10';
import type { FakeDiscord } from '../../src/testing';
import { KINDS, type Kind } from './kinds';
import type { ShardFeed } from './scenario-worlds';
import type { ThroughputInput } from './worker-input';

export const MESSAGES = Number(process.env.BENCH_GATEWAY_MESSAGES ?? 100_000);
export const ROUNDS = Number(process.env.BENCH_GATEWAY_ROUNDS ?? 5);

/** One client's result in one scenario. */
export interface Rate {
  /** Messages per second of wall time, capped by how fast the fake produces them. */
  readonly wall: number;
  /**
   * Messages per second of the client thread's CPU time (its busy time where the OS does not tell):
   * what the client can sustain.
   */
  readonly capacity: number;
  /** Median over rounds of this client's capacity divided by raw's in the same round. */
  readonly vsRaw: number;
  /** Median over rounds of this client's capacity divided by floor's in the same round. */
  readonly vsFloor: number;
  /** Median over rounds of this client's capacity divided by discord.js's in the same round. */
  readonly vsDiscordJs: number;
  /** Lowest and highest of those per-round ratios to discord.js: the spread inside this run. */
  readonly vsDiscordJsRange: readonly [number, number];
}

function nextMessage<T>(worker: Worker, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    // Both listeners come off when either settles: a worker is asked many times per run.
    const done = (): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
    };
    const onError = (error: Error): void => {
      done();
      reject(error);
    };
    const onMessage = (message: { type: string; error?: string }): void => {
      if (message.type === 'error') {
        done();
        reject(new Error(message.error));
      } else if (message.type === type) {
        done();
        resolve(message as T);
      }
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

let nextId = 1_320_000_000_000_000_000n;

/**
 * Sends `count` MESSAGE_CREATEs, cycling through the shard's variants from `cursor`, each with a
 * distinct id (discord.js drops a message id it has cached), yielding regularly so the socket
 * drains as it would under a real flow. Returns where the cycle stopped, so the next round
 * continues the sequence instead of replaying its start.
 */
async function feed(discord: FakeDiscord, shard: ShardFeed, count: number, cursor: number): Promise<number> {
  const input = { guildId: shard.guildId, intents: GatewayIntentBits.GuildMessages };
  const { variants } = shard;
  let at = cursor;
  for (let i = 0; i < count; i++) {
    discord.gateway.dispatch(GatewayDispatchEvents.MessageCreate, { ...variants[at], id: (nextId++).toString() }, input);
    at = at + 1 === variants.length ? 0 : at + 1;
    if ((i & 255) === 255) await new Promise((resolve) => setImmediate(resolve));
  }
  return at;
}

/** The five clients, connected: measure as many scenarios as needed on them, then close. */
export interface BenchClients {
  /** One scenario's interleaved rounds; `feeds[k]` is what shard k (kind k) receives. */
  measure(feeds: readonly ShardFeed[]): Promise<Record<Kind, Rate>>;
  /** Logs every client out and ends the worker threads. */
  close(): Promise<void>;
}

/**
 * Starts one worker thread per kind, each connecting as its own shard of one bot, and resolves
 * once all are ready. Starting them costs more than a scenario's setup (each thread loads
 * ts-node, OvenJS and discord.js), which is why scenarios share them.
 */
export async function startClients(discord: FakeDiscord): Promise<BenchClients> {
  const startedAt = performance.now();
  const workers = KINDS.map((kind, shardId) => {
    const input: ThroughputInput = {
      kind,
      restUrl: discord.restUrl,
      gatewayUrl: discord.gatewayUrl,
      token: discord.token,
      count: MESSAGES,
      shardId,
      totalShards: KINDS.length,
      ...(process.env.BENCH_GATEWAY_REPLAY_LOG === undefined ? {} : { replayLogSize: Number(process.env.BENCH_GATEWAY_REPLAY_LOG) }),
    };
    return new Worker(join(__dirname, 'throughput.worker.ts'), { workerData: input, execArgv: ['-r', 'ts-node/register/transpile-only'] });
  });
  const terminate = async (): Promise<void> => {
    await Promise.all(workers.map((worker) => worker.terminate()));
  };
  try {
    // Listening from the start: a worker's 'ready' is not queued for a listener that comes later.
    const ready = workers.map((worker) => nextMessage(worker, 'ready'));
    for (const [k, connected] of ready.entries()) {
      await connected;
      if (process.env.BENCH_GATEWAY_VERBOSE === '1') console.log(`${KINDS[k]} connected as shard ${k} of ${KINDS.length} (${((performance.now() - startedAt) / 1000).toFixed(1)} s after the workers started)`);
    }
  } catch (error) {
    await terminate();
    throw error;
  }
  return {
    measure: (feeds) => measure(discord, workers, feeds),
    close: async () => {
      try {
        for (const worker of workers) {
          worker.postMessage({ type: 'stop' });
          await nextMessage(worker, 'stopped');
        }
      } finally {
        await terminate();
      }
    },
  };
}

/**
 * Every client runs at once, each as its own shard of one bot, so a round's messages reach exactly
 * one client; rounds go round-robin over the clients. On a shared machine the load changes by the
 * second, and busy time stretches with it: taking each ratio between rounds run back to back
 * compares the clients under the same load, where one client after another did not.
 */
async function measure(discord: FakeDiscord, workers: readonly Worker[], feeds: readonly ShardFeed[]): Promise<Record<Kind, Rate>> {
  if (feeds.length !== KINDS.length) throw new Error(`measure needs one feed per kind (${KINDS.length}), got ${feeds.length}.`);
  const walls = KINDS.map((): number[] => []);
  const capacities = KINDS.map((): number[] => []);
  const cursors = KINDS.map(() => 0);
  for (let round = 0; round <= ROUNDS; round++) {
    for (let k = 0; k < KINDS.length; k++) {
      const worker = workers[k] as Worker;
      worker.postMessage({ type: 'go' });
      await nextMessage(worker, 'armed');
      const done = nextMessage<{ elapsedMs: number; busyMs: number; cpuMs?: number; gc: { minor: number; major: number; ms: number } }>(worker, 'done');
      cursors[k] = await feed(discord, feeds[k] as ShardFeed, MESSAGES, cursors[k] as number);
      const { elapsedMs, busyMs, cpuMs, gc } = await done;
      // Busy (wall) time stretches with every other process on the machine; CPU time much less.
      const spentMs = cpuMs !== undefined && cpuMs > 0 ? cpuMs : busyMs;
      if (process.env.BENCH_GATEWAY_TRACE_GC === '1') {
        console.log(`${KINDS[k]} round ${round}: ${Math.round((MESSAGES / spentMs) * 1000)} msg/s (${Math.round(cpuMs ?? -1)} ms CPU, ${busyMs.toFixed(0)} ms busy), scavenges ${gc.minor}, mark-compacts ${gc.major}, GC ${gc.ms.toFixed(1)} ms of ${busyMs.toFixed(0)} ms busy`);
      }
      // Round 0 warms the JIT (and, in a new scenario, the new code paths and caches).
      if (round > 0) {
        walls[k]?.push((MESSAGES / elapsedMs) * 1000);
        capacities[k]?.push((MESSAGES / spentMs) * 1000);
      }
    }
  }
  const of = (kind: Kind): number[] => capacities[KINDS.indexOf(kind)] as number[];
  const ratios = (mine: readonly number[], base: readonly number[]): number[] => mine.map((value, round) => value / (base[round] as number));
  const rates = {} as Record<Kind, Rate>;
  KINDS.forEach((kind, k) => {
    const mine = capacities[k] as number[];
    const vsDiscordJs = ratios(mine, of('discordjs'));
    rates[kind] = {
      wall: median(walls[k] as number[]),
      capacity: median(mine),
      vsRaw: median(ratios(mine, of('raw'))),
      vsFloor: median(ratios(mine, of('floor'))),
      vsDiscordJs: median(vsDiscordJs),
      vsDiscordJsRange: [Math.min(...vsDiscordJs), Math.max(...vsDiscordJs)],
    };
  });
  return rates;
}
