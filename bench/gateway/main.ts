import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { GatewayDispatchEvents, GatewayIntentBits } from 'discord-api-types/v10';
import { FakeDiscord } from '../../src/testing';
import { messagePayload } from './payloads';
import type { ThroughputInput } from './throughput.worker';

const MESSAGES = Number(process.env.BENCH_GATEWAY_MESSAGES ?? 100_000);
const ROUNDS = Number(process.env.BENCH_GATEWAY_ROUNDS ?? 5);
const GUILDS = Number(process.env.BENCH_GATEWAY_GUILDS ?? 1000);
const SHAPE = { members: 1000, channels: 50, roles: 30 };
const KINDS = ['raw', 'ovenjs', 'ovenjs-ws', 'discordjs'] as const;
type Kind = (typeof KINDS)[number];

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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

let nextId = 1_320_000_000_000_000_000n;

/**
 * Sends `count` MESSAGE_CREATEs with distinct ids (discord.js drops a message id it has cached),
 * yielding regularly so the socket drains as it would under a real flow.
 */
async function feed(discord: FakeDiscord, d: { guild_id?: string }, count: number): Promise<void> {
  const input = { guildId: d.guild_id ?? null, intents: GatewayIntentBits.GuildMessages };
  for (let i = 0; i < count; i++) {
    discord.gateway.dispatch(GatewayDispatchEvents.MessageCreate, { ...d, id: (nextId++).toString() }, input);
    if ((i & 255) === 255) await new Promise((resolve) => setImmediate(resolve));
  }
}

interface Rate {
  /** Messages per second of wall time, capped by how fast the fake produces them. */
  readonly wall: number;
  /**
   * Messages per second of the client thread's CPU time (its busy time where the OS does not tell):
   * what the client can sustain.
   */
  readonly capacity: number;
  /** Median over rounds of this client's capacity divided by raw's in the same round. */
  readonly vsRaw: number;
  /** Median over rounds of this client's capacity divided by discord.js's in the same round. */
  readonly vsDiscordJs: number;
}

/** One guild per shard of a `shards`-shard bot, each with a member who writes the messages. */
async function guildPerShard(discord: FakeDiscord, shards: number): Promise<Array<{ guild_id?: string }>> {
  const author = discord.createUser({ username: 'baker' });
  const payloads: Array<{ guild_id?: string } | undefined> = new Array(shards);
  let filled = 0;
  while (filled < shards) {
    const guild = discord.createGuild({ name: `Bench ${filled}` });
    const shard = Number((BigInt(guild.id) >> 22n) % BigInt(shards));
    if (payloads[shard] === undefined) {
      discord.addMember(guild.id, author.id);
      payloads[shard] = messagePayload(guild.id, guild.system_channel_id as string, author) as { guild_id?: string };
      filled++;
    }
    // Snowflakes of one millisecond share a shard: let the clock move.
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return payloads as Array<{ guild_id?: string }>;
}

/**
 * Every client runs at once, each as its own shard of one bot, so a round's messages reach exactly
 * one client; rounds go round-robin over the clients. On a shared machine the load changes by the
 * second, and busy time stretches with it: taking each ratio between rounds run back to back
 * compares the clients under the same load, where one client after another did not.
 */
async function throughput(discord: FakeDiscord): Promise<Record<Kind, Rate>> {
  const payloads = await guildPerShard(discord, KINDS.length);
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
  try {
    // Listening from the start: a worker's 'ready' is not queued for a listener that comes later.
    const ready = workers.map((worker) => nextMessage(worker, 'ready'));
    for (const [k, connected] of ready.entries()) {
      await connected;
      if (process.env.BENCH_GATEWAY_VERBOSE === '1') console.log(`${KINDS[k]} connected as shard ${k} of ${KINDS.length}`);
    }
    const walls = KINDS.map((): number[] => []);
    const capacities = KINDS.map((): number[] => []);
    for (let round = 0; round <= ROUNDS; round++) {
      for (let k = 0; k < KINDS.length; k++) {
        const worker = workers[k] as Worker;
        worker.postMessage({ type: 'go' });
        await nextMessage(worker, 'armed');
        const done = nextMessage<{ elapsedMs: number; busyMs: number; cpuMs?: number; gc: { minor: number; major: number; ms: number } }>(worker, 'done');
        await feed(discord, payloads[k] as { guild_id?: string }, MESSAGES);
        const { elapsedMs, busyMs, cpuMs, gc } = await done;
        // Busy (wall) time stretches with every other process on the machine; CPU time much less.
        const spentMs = cpuMs !== undefined && cpuMs > 0 ? cpuMs : busyMs;
        if (process.env.BENCH_GATEWAY_TRACE_GC === '1') {
          console.log(`${KINDS[k]} round ${round}: ${Math.round((MESSAGES / spentMs) * 1000)} msg/s (${Math.round(cpuMs ?? -1)} ms CPU, ${busyMs.toFixed(0)} ms busy), scavenges ${gc.minor}, mark-compacts ${gc.major}, GC ${gc.ms.toFixed(1)} ms of ${busyMs.toFixed(0)} ms busy`);
        }
        // Round 0 warms the JIT.
        if (round > 0) {
          walls[k]?.push((MESSAGES / elapsedMs) * 1000);
          capacities[k]?.push((MESSAGES / spentMs) * 1000);
        }
      }
    }
    for (const worker of workers) {
      worker.postMessage({ type: 'stop' });
      await nextMessage(worker, 'stopped');
    }
    const raw = capacities[0] as number[];
    const djs = capacities[KINDS.indexOf('discordjs')] as number[];
    const rates = {} as Record<Kind, Rate>;
    KINDS.forEach((kind, k) => {
      const mine = capacities[k] as number[];
      rates[kind] = {
        wall: median(walls[k] as number[]),
        capacity: median(mine),
        vsRaw: median(mine.map((value, round) => value / (raw[round] as number))),
        vsDiscordJs: median(mine.map((value, round) => value / (djs[round] as number))),
      };
    });
    return rates;
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** Heap growth after GUILDS large GUILD_CREATEs, in a fresh process per framework. */
function heap(framework: 'ovenjs' | 'ovenjs-no-member-lists' | 'discordjs'): Promise<{ heapBytes: number; cached: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'heap-probe.ts'), [], {
      execArgv: ['--expose-gc', '--max-old-space-size=8192', '-r', 'ts-node/register/transpile-only'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (message: { ok: boolean; heapBytes: number; cached: number; error?: string }) => {
      if (message.ok) resolve({ heapBytes: message.heapBytes, cached: message.cached });
      else reject(new Error(message.error));
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`heap probe for ${framework} exited with ${String(code)}`));
    });
    child.send({ framework, guilds: GUILDS, ...SHAPE });
  });
}

export async function main(): Promise<void> {
  const discord = await FakeDiscord.start({ port: 0, rateLimits: false, gateway: { recordFrames: false, heartbeatIntervalMs: 600_000, identifyIntervalMs: 0 } });
  let measured: Record<Kind, Rate>;
  try {
    measured = await throughput(discord);
  } finally {
    await discord.close();
  }
  const rates = { raw: measured.raw, ovenjs: measured.ovenjs, ovenjsWs: measured['ovenjs-ws'], discordjs: measured.discordjs };
  const round2 = (value: number): number => Math.round(value * 100) / 100;
  const row = (rate: Rate): { 'capacity msg/s': number; 'vs raw': number; 'vs discord.js': number; 'wall msg/s': number } => ({
    'capacity msg/s': Math.round(rate.capacity),
    'vs raw': round2(rate.vsRaw),
    'vs discord.js': round2(rate.vsDiscordJs),
    'wall msg/s': Math.round(rate.wall),
  });
  const table = {
    'raw JSON.parse (ws)': row(rates.raw),
    'OvenJS @OnEvent': row(rates.ovenjs),
    "OvenJS @OnEvent, transport 'ws'": row(rates.ovenjsWs),
    'discord.js 14.28.1': row(rates.discordjs),
  };
  const summary = `OvenJS / discord.js throughput (client thread CPU time, median of ${ROUNDS} interleaved rounds): ${round2(rates.ovenjs.vsDiscordJs)}x (target >= 3); OvenJS / raw: ${round2(rates.ovenjs.vsRaw)} (target >= 0.5)`;
  if (process.env.BENCH_GATEWAY_SKIP_HEAP === '1') {
    // Throughput only (repeated runs to see the spread); the heap half is unchanged otherwise.
    console.table(table);
    console.log(summary);
    return;
  }
  const ovenHeap = await heap('ovenjs');
  const ovenLeanHeap = await heap('ovenjs-no-member-lists');
  const djsHeap = await heap('discordjs');
  const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
  const results = {
    throughput: {
      messages: MESSAGES,
      capacityPerSecond: { rawJsonParse: Math.round(rates.raw.capacity), ovenjs: Math.round(rates.ovenjs.capacity), ovenjsWsTransport: Math.round(rates.ovenjsWs.capacity), discordjs: Math.round(rates.discordjs.capacity) },
      wallPerSecond: { rawJsonParse: Math.round(rates.raw.wall), ovenjs: Math.round(rates.ovenjs.wall), ovenjsWsTransport: Math.round(rates.ovenjsWs.wall), discordjs: Math.round(rates.discordjs.wall) },
      rounds: ROUNDS,
      method: 'all clients connected as shards of one bot, rounds interleaved, capacity from each client thread CPU time; ratios are medians of per-round ratios',
      ovenjsVsDiscordjs: round2(rates.ovenjs.vsDiscordJs),
      ovenjsVsRawParse: round2(rates.ovenjs.vsRaw),
      ovenjsWsTransportVsRawParse: round2(rates.ovenjsWs.vsRaw),
      discordjsVsRawParse: round2(rates.discordjs.vsRaw),
      targets: { ovenjsVsDiscordjs: '>= 3', ovenjsVsRawParse: '>= 0.5' },
    },
    heap: {
      guilds: GUILDS,
      ...SHAPE,
      ovenjsDefaultMB: mb(ovenHeap.heapBytes),
      ovenjsNoMemberListsMB: mb(ovenLeanHeap.heapBytes),
      discordjsMB: mb(djsHeap.heapBytes),
      membersCached: { ovenjsDefault: ovenHeap.cached, ovenjsNoMemberLists: ovenLeanHeap.cached, discordjs: djsHeap.cached },
      ovenjsDefaultVsDiscordjs: Math.round((ovenHeap.heapBytes / djsHeap.heapBytes) * 1000) / 1000,
      ovenjsNoMemberListsVsDiscordjs: Math.round((ovenLeanHeap.heapBytes / djsHeap.heapBytes) * 1000) / 1000,
      target: '<= 0.25',
    },
  };
  console.table(table);
  console.log(summary);
  console.table({
    'OvenJS default cache (member lists)': { 'heap + ArrayBuffer MB': results.heap.ovenjsDefaultMB, members: ovenHeap.cached },
    'OvenJS memberLists: false': { 'heap + ArrayBuffer MB': results.heap.ovenjsNoMemberListsMB, members: ovenLeanHeap.cached },
    'discord.js default cache': { 'heap + ArrayBuffer MB': results.heap.discordjsMB, members: djsHeap.cached },
  });
  console.log(
    `heap after ${GUILDS} guilds vs discord.js: default (member lists cached, like-for-like) ${results.heap.ovenjsDefaultVsDiscordjs}, memberLists: false ${results.heap.ovenjsNoMemberListsVsDiscordjs} (target <= 0.25)`,
  );
  const dir = join(__dirname, '..', '..', '.bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'gateway.json'), `${JSON.stringify(results, null, 2)}\n`);
}
