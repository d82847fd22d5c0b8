import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { GatewayIntentBits, type GatewayMessageCreateDispatchData } from 'discord-api-types/v10';
import { Client as DiscordJsClient, Events } from 'discord.js';
import { WebSocket } from 'ws';
import { OnEvent, OvenModule } from '../../src/client';
import { Injectable, Module, OvenFactory } from '../../src/di';
import { openGatewaySocket, type GatewaySocket } from '../../src/gateway';
import type { Kind } from './kinds';

// One client per worker thread, so the fake (main thread) and the client do not share a loop.
export interface ThroughputInput {
  readonly kind: Kind;
  readonly restUrl: string;
  readonly gatewayUrl: string;
  readonly token: string;
  /** Messages to wait for after each `go`. */
  readonly count: number;
  /** The pipeline's replay log size for OvenJS; undefined keeps the default. */
  readonly replayLogSize?: number;
  /** The one shard this client runs, of `totalShards`: the fake then sends it only its own guild's messages. */
  readonly shardId: number;
  readonly totalShards: number;
}

const input = workerData as ThroughputInput;
const port = parentPort;
if (port === null) throw new Error('throughput.worker.ts must run as a worker thread');
const INTENTS = GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.MessageContent;

/**
 * CPU time this thread has run, in ms, from Linux's /proc/thread-self/stat (utime + stime, in
 * 10 ms ticks); undefined elsewhere. Unlike busy (wall) time, it does not stretch when a shared
 * machine leaves the thread waiting for a core.
 */
function threadCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

let received = 0;
let cpuAtStart: number | undefined;
let target = 0;
let startedAt = 0;
let busyAtStart = performance.eventLoopUtilization();
/** GC pauses of this thread during the current round: scavenges (minor) and mark-compacts (major). */
const gc = { minor: 0, major: 0, ms: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MINOR) gc.minor++;
    else if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) gc.major++;
    gc.ms += entry.duration;
  }
}).observe({ entryTypes: ['gc'] });
/**
 * Called once per MESSAGE_CREATE that reached user code. Reports wall time and this thread's busy
 * time: the producer (the fake) caps the wall rate, the busy time is what the client itself spent.
 */
function count(): void {
  received++;
  if (received === target) {
    const busy = performance.eventLoopUtilization(busyAtStart);
    const cpu = threadCpuMs();
    const cpuMs = cpu === undefined || cpuAtStart === undefined ? undefined : cpu - cpuAtStart;
    port?.postMessage({ type: 'done', elapsedMs: performance.now() - startedAt, busyMs: busy.active, cpuMs, gc: { ...gc } });
  }
}

async function startOvenJs(transport: 'lean' | 'ws'): Promise<() => Promise<void>> {
  @Injectable()
  class Counter {
    @OnEvent('messageCreate')
    public onMessage(message: GatewayMessageCreateDispatchData): void {
      if (message.content.length > 0) count();
    }
  }

  @Module({
    imports: [OvenModule.forRoot({ token: input.token, intents: INTENTS, rest: { baseURL: input.restUrl }, gateway: { identifyIntervalMs: 0, transport, totalShards: input.totalShards, shards: [input.shardId] }, ...(input.replayLogSize === undefined ? {} : { pipeline: { replayLogSize: input.replayLogSize } }) })],
    providers: [Counter],
  })
  class BenchModule {}

  const app = await OvenFactory.create(BenchModule, { logger: false });
  await app.listen();
  return () => app.close();
}

async function startDiscordJs(): Promise<() => Promise<void>> {
  const client = new DiscordJsClient({ intents: INTENTS, rest: { api: input.restUrl }, shards: [input.shardId], shardCount: input.totalShards });
  client.on(Events.MessageCreate, (message) => {
    if (message.content.length > 0) count();
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(input.token);
  await ready;
  return () => client.destroy();
}

/** The baseline: a bare ws client that JSON.parses every frame. */
async function startRaw(): Promise<() => Promise<void>> {
  const socket = new WebSocket(`${input.gatewayUrl}/?v=10&encoding=json`, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    const send = (out: string): void => socket.send(out);
    socket.on('message', (data: Buffer) => onFrame(data.toString(), send, resolve));
    socket.once('error', reject);
  });
  return () =>
    new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.close(1000);
    });
}

/** What raw and floor do with each frame: identify on Hello, count a MESSAGE_CREATE with content. */
function onFrame(text: string, send: (text: string) => void, ready: () => void): void {
  const payload = JSON.parse(text) as { op: number; t: string | null; d: { content?: string } };
  if (payload.op === 10) {
    send(JSON.stringify({ op: 2, d: { token: input.token, intents: INTENTS, properties: { os: 'linux', browser: 'bench', device: 'bench' }, shard: [input.shardId, input.totalShards] } }));
  } else if (payload.t === 'READY') {
    ready();
  } else if (payload.t === 'MESSAGE_CREATE' && (payload.d.content?.length ?? 0) > 0) {
    count();
  }
}

/**
 * The floor: OvenJS's own lean transport plus JSON.parse and nothing else. Any OvenJS client that
 * hands a parsed payload to user code does at least this, so no framework ratio can pass floor's.
 */
async function startFloor(): Promise<() => Promise<void>> {
  let socket: GatewaySocket | undefined;
  await new Promise<void>((resolve, reject) => {
    const send = (out: string): void => socket?.send(out);
    socket = openGatewaySocket('lean', new URL(`${input.gatewayUrl}/?v=10&encoding=json`), {
      open: () => undefined,
      text: (text) => onFrame(text, send, resolve),
      // No compression was asked for, so no binary frames come.
      binary: () => undefined,
      error: reject,
      // Before READY a close is a failed start; after it, only stop() closes (reject is then a no-op).
      close: (code, reason) => reject(new Error(`floor: the gateway closed the socket (${code} ${reason})`)),
    });
  });
  return async () => {
    await socket?.close(1000);
  };
}

async function main(): Promise<void> {
  const starters: Record<Kind, () => Promise<() => Promise<void>>> = {
    raw: startRaw,
    floor: startFloor,
    ovenjs: () => startOvenJs('lean'),
    'ovenjs-ws': () => startOvenJs('ws'),
    discordjs: startDiscordJs,
  };
  const start = starters[input.kind];
  const stop = await start();
  port?.on('message', async (message: { type: string }) => {
    if (message.type === 'go') {
      received = 0;
      target = input.count;
      startedAt = performance.now();
      busyAtStart = performance.eventLoopUtilization();
      cpuAtStart = threadCpuMs();
      gc.minor = 0;
      gc.major = 0;
      gc.ms = 0;
      port.postMessage({ type: 'armed' });
    } else if (message.type === 'stop') {
      await stop();
      port.postMessage({ type: 'stopped' });
    }
  });
  port?.postMessage({ type: 'ready' });
}

main().catch((error: unknown) => port.postMessage({ type: 'error', error: String(error instanceof Error ? error.stack : error) }));
