import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { GatewayDispatchEvents, GatewayIntentBits } from 'discord-api-types/v10';
import { FakeDiscord } from '../../src/testing';
import { messagePayload } from './payloads';
import type { ThroughputInput } from './throughput.worker';

const MESSAGES = Number(process.env.BENCH_GATEWAY_MESSAGES ?? 50_000);
const ROUNDS = 3;
const GUILDS = Number(process.env.BENCH_GATEWAY_GUILDS ?? 1000);
const SHAPE = { members: 1000, channels: 50, roles: 30 };

function nextMessage<T>(worker: Worker, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type: string; error?: string }): void => {
      if (message.type === 'error') {
        worker.off('message', onMessage);
        reject(new Error(message.error));
      } else if (message.type === type) {
        worker.off('message', onMessage);
        resolve(message as T);
      }
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
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
  /** Messages per second of the client thread's busy time: what the client can sustain. */
  readonly capacity: number;
}

/** Rates from the fake's first frame to the N-th handler call, medians of ROUNDS. */
async function throughput(discord: FakeDiscord, kind: ThroughputInput['kind'], d: { guild_id?: string }): Promise<Rate> {
  const input: ThroughputInput = {
    kind,
    restUrl: discord.restUrl,
    gatewayUrl: discord.gatewayUrl,
    token: discord.token,
    count: MESSAGES,
    ...(process.env.BENCH_GATEWAY_REPLAY_LOG === undefined ? {} : { replayLogSize: Number(process.env.BENCH_GATEWAY_REPLAY_LOG) }),
  };
  const worker = new Worker(join(__dirname, 'throughput.worker.ts'), { workerData: input, execArgv: ['-r', 'ts-node/register/transpile-only'] });
  try {
    await nextMessage(worker, 'ready');
    const walls: number[] = [];
    const capacities: number[] = [];
    for (let round = 0; round <= ROUNDS; round++) {
      worker.postMessage({ type: 'go' });
      await nextMessage(worker, 'armed');
      const done = nextMessage<{ elapsedMs: number; busyMs: number; gc: { minor: number; major: number; ms: number } }>(worker, 'done');
      await feed(discord, d, MESSAGES);
      const { elapsedMs, busyMs, gc } = await done;
      if (process.env.BENCH_GATEWAY_TRACE_GC === '1') {
        console.log(`${kind} round ${round}: ${Math.round((MESSAGES / busyMs) * 1000)} msg/s, scavenges ${gc.minor}, mark-compacts ${gc.major}, GC ${gc.ms.toFixed(1)} ms of ${busyMs.toFixed(0)} ms busy`);
      }
      // Round 0 warms the JIT.
      if (round > 0) {
        walls.push((MESSAGES / elapsedMs) * 1000);
        capacities.push((MESSAGES / busyMs) * 1000);
      }
    }
    worker.postMessage({ type: 'stop' });
    await nextMessage(worker, 'stopped');
    return { wall: median(walls), capacity: median(capacities) };
  } finally {
    await worker.terminate();
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
  let rates: Record<'raw' | 'ovenjs' | 'ovenjsWs' | 'discordjs', Rate>;
  try {
    const guild = discord.createGuild({ name: 'Bench' });
    const author = discord.createUser({ username: 'baker' });
    discord.addMember(guild.id, author.id);
    const d = messagePayload(guild.id, guild.system_channel_id as string, author) as { guild_id?: string };
    rates = {
      raw: await throughput(discord, 'raw', d),
      ovenjs: await throughput(discord, 'ovenjs', d),
      ovenjsWs: await throughput(discord, 'ovenjs-ws', d),
      discordjs: await throughput(discord, 'discordjs', d),
    };
  } finally {
    await discord.close();
  }
  const ratio = (a: number, b: number): number => Math.round((a / b) * 100) / 100;
  if (process.env.BENCH_GATEWAY_SKIP_HEAP === '1') {
    // Throughput only (repeated runs to see the spread); the heap half is unchanged otherwise.
    console.table({
      'raw JSON.parse (ws)': { 'capacity msg/s': Math.round(rates.raw.capacity) },
      'OvenJS @OnEvent': { 'capacity msg/s': Math.round(rates.ovenjs.capacity), 'vs raw': ratio(rates.ovenjs.capacity, rates.raw.capacity) },
      "OvenJS @OnEvent, transport 'ws'": { 'capacity msg/s': Math.round(rates.ovenjsWs.capacity), 'vs raw': ratio(rates.ovenjsWs.capacity, rates.raw.capacity) },
      'discord.js 14.28.1': { 'capacity msg/s': Math.round(rates.discordjs.capacity), 'vs raw': ratio(rates.discordjs.capacity, rates.raw.capacity) },
    });
    console.log(`OvenJS / discord.js throughput (client busy time): ${ratio(rates.ovenjs.capacity, rates.discordjs.capacity)}x (target >= 3)`);
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
      ovenjsVsDiscordjs: ratio(rates.ovenjs.capacity, rates.discordjs.capacity),
      ovenjsVsRawParse: ratio(rates.ovenjs.capacity, rates.raw.capacity),
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
  console.table({
    'raw JSON.parse (ws)': { 'capacity msg/s': results.throughput.capacityPerSecond.rawJsonParse, 'vs raw': 1, 'wall msg/s': results.throughput.wallPerSecond.rawJsonParse },
    "OvenJS @OnEvent, transport 'ws'": { 'capacity msg/s': results.throughput.capacityPerSecond.ovenjsWsTransport, 'vs raw': ratio(rates.ovenjsWs.capacity, rates.raw.capacity), 'wall msg/s': results.throughput.wallPerSecond.ovenjsWsTransport },
    'OvenJS @OnEvent': { 'capacity msg/s': results.throughput.capacityPerSecond.ovenjs, 'vs raw': results.throughput.ovenjsVsRawParse, 'wall msg/s': results.throughput.wallPerSecond.ovenjs },
    'discord.js 14.28.1': { 'capacity msg/s': results.throughput.capacityPerSecond.discordjs, 'vs raw': ratio(rates.discordjs.capacity, rates.raw.capacity), 'wall msg/s': results.throughput.wallPerSecond.discordjs },
  });
  console.log(`OvenJS / discord.js throughput (client busy time): ${results.throughput.ovenjsVsDiscordjs}x (target >= 3)`);
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
